import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isTrustedSender } from './sender-policy';

describe('sender policy', () => {
  const packaged = 'file:///opt/atalaya/out/renderer/index.html';
  it('trusts only the app page in its main frame', () => {
    expect(isTrustedSender(packaged, true, packaged)).toBe(true);
    expect(isTrustedSender(`${packaged}#/orders`, true, packaged)).toBe(true);
    expect(isTrustedSender(packaged, false, packaged)).toBe(false);
    expect(isTrustedSender('file:///tmp/evil.html', true, packaged)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true, packaged)).toBe(false);
  });
  it('in development trusts the dev server origin only', () => {
    expect(isTrustedSender('http://localhost:5173/', true, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', true, 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('https://example.com', 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender('not a url', true, packaged)).toBe(false);
  });
});
