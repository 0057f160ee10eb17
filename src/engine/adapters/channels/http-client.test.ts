import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacBase64Matches, retryAfterMs, secretsMatch } from './http-client';

describe('channel http helpers', () => {
  it('matches only the exact base64 HMAC of the raw body', () => {
    const body = Buffer.from('{"id":1}');
    const sig = createHmac('sha256', 's3cret').update(body).digest('base64');
    expect(hmacBase64Matches(body, 's3cret', sig)).toBe(true);
    expect(hmacBase64Matches(body, 's3cret', ` ${sig} `)).toBe(true);
    expect(hmacBase64Matches(Buffer.from('{"id":2}'), 's3cret', sig)).toBe(false);
    expect(hmacBase64Matches(body, 'other', sig)).toBe(false);
    expect(hmacBase64Matches(body, 's3cret', `${sig}AA==`)).toBe(false);
    expect(hmacBase64Matches(body, 's3cret', sig.slice(0, -2))).toBe(false);
    expect(hmacBase64Matches(body, undefined, sig)).toBe(false);
    expect(hmacBase64Matches(body, 's3cret', undefined)).toBe(false);
  });

  it('compares shared secrets of any length without throwing', () => {
    expect(secretsMatch('abc', 'abc')).toBe(true);
    expect(secretsMatch('abc', 'abcd')).toBe(false);
    expect(secretsMatch('', '')).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Tue, 24 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
