import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin-policy';

describe('isAllowedOrigin', () => {
  it('accepts the desk itself and clients without an Origin', () => {
    expect(isAllowedOrigin('http://127.0.0.1:4780', '127.0.0.1:4780')).toBe(true);
    expect(isAllowedOrigin(undefined, '127.0.0.1:4780')).toBe(true);
    expect(isAllowedOrigin('http://localhost', 'localhost:80')).toBe(true);
  });
  it('refuses other pages, other ports and odd schemes', () => {
    expect(isAllowedOrigin('https://evil.example', '127.0.0.1:4780')).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:9999', '127.0.0.1:4780')).toBe(false);
    expect(isAllowedOrigin('null', '127.0.0.1:4780')).toBe(false);
    expect(isAllowedOrigin('file:///x', '127.0.0.1:4780')).toBe(false);
  });
});
