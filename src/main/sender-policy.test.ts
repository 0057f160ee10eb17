import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isTrustedSender } from './sender-policy';

describe('which pages may call the engine', () => {
  const built = 'file:///opt/atalaya/out/renderer/index.html';
  const dev = 'http://localhost:5173';

  it('trusts the built page in its main frame, whatever its route', () => {
    expect(isTrustedSender(built, true, built)).toBe(true);
    expect(isTrustedSender(`${built}#/orders/ord_1`, true, built)).toBe(true);
    expect(isTrustedSender(`${built}?lang=en`, true, built)).toBe(true);
  });
  it('never trusts a sub-frame, even of the app itself', () => {
    expect(isTrustedSender(built, false, built)).toBe(false);
    expect(isTrustedSender(`${dev}/`, false, dev)).toBe(false);
  });
  it('trusts no other file, host or scheme', () => {
    expect(isTrustedSender('file:///tmp/evil.html', true, built)).toBe(false);
    expect(isTrustedSender('file:///opt/atalaya/out/renderer/other.html', true, built)).toBe(false);
    expect(isTrustedSender('file://evil-share/opt/atalaya/out/renderer/index.html', true, built)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true, built)).toBe(false);
    expect(isTrustedSender('about:blank', true, built)).toBe(false);
    expect(isTrustedSender('not a url', true, built)).toBe(false);
    expect(isTrustedSender(built, true, 'not a url')).toBe(false);
  });
  it('under the dev server trusts its origin only', () => {
    expect(isTrustedSender(`${dev}/`, true, dev)).toBe(true);
    expect(isTrustedSender(`${dev}/src/main.tsx`, true, dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', true, dev)).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', true, dev)).toBe(false);
    expect(isTrustedSender(built, true, dev)).toBe(false);
  });
  it('allows navigation only within the app', () => {
    expect(isAllowedNavigation(`${built}#/map`, built)).toBe(true);
    expect(isAllowedNavigation('https://example.com', built)).toBe(false);
    expect(isAllowedNavigation('https://example.com', dev)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', built)).toBe(false);
  });
});
