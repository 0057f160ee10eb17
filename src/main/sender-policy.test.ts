import { describe, expect, it } from 'vitest';
import { DESK_URL } from './desk-protocol';
import { isAllowedNavigation, isTrustedSender } from './sender-policy';

describe('which pages may call the engine', () => {
  const desk = DESK_URL; // app://desk/
  const dev = 'http://localhost:5173';

  it('trusts the desk in its main frame, whatever its route', () => {
    expect(isTrustedSender(desk, true, desk)).toBe(true);
    expect(isTrustedSender('app://desk/orders/ord_1', true, desk)).toBe(true);
    expect(isTrustedSender('app://desk/index.html#/map?lang=en', true, desk)).toBe(true);
  });
  it('never trusts a sub-frame, even of the desk itself', () => {
    expect(isTrustedSender(desk, false, desk)).toBe(false);
    expect(isTrustedSender(`${dev}/`, false, dev)).toBe(false);
  });
  it('trusts no other host, scheme or file — the app: origin is compared by scheme and host, not by URL.origin ("null" in Node)', () => {
    for (const other of [
      'app://evil/',
      'app://desk.evil/',
      'app://evil@desk.example/',
      'other://desk/',
      'file:///opt/atalaya/out/renderer/index.html',
      'https://evil.example/',
      'http://desk/',
      'about:blank',
      'not a url',
    ]) {
      expect(isTrustedSender(other, true, desk), other).toBe(false);
    }
    expect(isTrustedSender(desk, true, 'not a url')).toBe(false);
    // A desk URL must have a host: an opaque one would let every URL of its scheme through.
    expect(isTrustedSender('app:whatever', true, 'app:whatever')).toBe(false);
  });
  it('under the dev server trusts its origin only', () => {
    expect(isTrustedSender(`${dev}/`, true, dev)).toBe(true);
    expect(isTrustedSender(`${dev}/src/main.tsx`, true, dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', true, dev)).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', true, dev)).toBe(false);
    expect(isTrustedSender(desk, true, dev)).toBe(false);
  });
  it('allows navigation only within the desk', () => {
    expect(isAllowedNavigation('app://desk/map', desk)).toBe(true);
    expect(isAllowedNavigation('app://other/map', desk)).toBe(false);
    expect(isAllowedNavigation('https://example.com', desk)).toBe(false);
    expect(isAllowedNavigation('https://example.com', dev)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', desk)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', desk)).toBe(false);
  });
});
