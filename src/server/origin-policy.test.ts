import { describe, expect, it } from 'vitest';
import { allowedHostsFrom, hostName, isAllowedHost, isSameOrigin } from './origin-policy';

describe('isAllowedHost', () => {
  const loopback = allowedHostsFrom(undefined);
  it('answers the loopback names on any port', () => {
    for (const h of ['127.0.0.1:4780', 'localhost', 'LOCALHOST:80', '[::1]:4780', '[::1]'])
      expect(isAllowedHost(h, loopback), h).toBe(true);
  });
  it('refuses other names, a rebinding name, and malformed or missing hosts', () => {
    for (const h of ['evil.example', 'evil.example:4780', '127.0.0.1.evil.example', 'localhost@evil', '', undefined, '::1', 'a b'])
      expect(isAllowedHost(h, loopback), String(h)).toBe(false);
  });
  it('adds the names of ATALAYA_ALLOWED_HOSTS, case-insensitively', () => {
    const allowed = allowedHostsFrom(' Desk.Example , 10.0.0.5,');
    expect(isAllowedHost('desk.example:443', allowed)).toBe(true);
    expect(isAllowedHost('10.0.0.5:4780', allowed)).toBe(true);
    expect(isAllowedHost('localhost:4780', allowed)).toBe(true);
    expect(isAllowedHost('other.example', allowed)).toBe(false);
  });
  it('takes the name of a Host header', () => {
    expect(hostName('[::1]:4780')).toBe('[::1]');
    expect(hostName('Desk.Example:443')).toBe('desk.example');
    expect(hostName('x/y')).toBeNull();
  });
});

describe('isSameOrigin', () => {
  it('accepts the desk itself and clients without an Origin', () => {
    expect(isSameOrigin('http://127.0.0.1:4780', '127.0.0.1:4780', false)).toBe(true);
    expect(isSameOrigin(undefined, '127.0.0.1:4780', false)).toBe(true);
    expect(isSameOrigin('http://localhost', 'localhost:80', false)).toBe(true);
    expect(isSameOrigin('https://desk.example', 'desk.example:443', true)).toBe(true);
  });
  it('refuses other pages, other ports, the other scheme and odd origins', () => {
    expect(isSameOrigin('https://evil.example', '127.0.0.1:4780', false)).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:9999', '127.0.0.1:4780', false)).toBe(false);
    expect(isSameOrigin('http://desk.example', 'desk.example', true)).toBe(false);
    expect(isSameOrigin('null', '127.0.0.1:4780', false)).toBe(false);
    expect(isSameOrigin('file:///x', '127.0.0.1:4780', false)).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:4780', undefined, false)).toBe(false);
  });
});
