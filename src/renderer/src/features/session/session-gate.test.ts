import { describe, expect, it } from 'vitest';
import { takeFromAddress } from './session-gate';

describe('what the address bar brings', () => {
  it('takes the setup token from the fragment and removes it from the address bar', () => {
    const replaced: string[] = [];
    expect(takeFromAddress({ hash: '#token=abc_123', search: '', pathname: '/' }, (u) => replaced.push(u))).toEqual({
      token: 'abc_123',
      oidcFailure: null,
    });
    expect(replaced).toEqual(['/']);
  });

  it('reads why an identity-provider round trip failed and keeps other parameters', () => {
    const replaced: string[] = [];
    expect(takeFromAddress({ hash: '', search: '?signin=denied&x=1', pathname: '/desk' }, (u) => replaced.push(u))).toEqual({
      token: '',
      oidcFailure: 'denied',
    });
    expect(replaced).toEqual(['/desk?x=1']);
    expect(takeFromAddress({ hash: '', search: '?signin=%3Cscript%3E', pathname: '/' }, () => {}).oidcFailure).toBe('failed');
  });

  it('leaves a plain address alone', () => {
    const replaced: string[] = [];
    expect(takeFromAddress({ hash: '', search: '', pathname: '/' }, (u) => replaced.push(u))).toEqual({ token: '', oidcFailure: null });
    expect(replaced).toEqual([]);
  });
});
