import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time checks for carrier webhooks. Carriers that do not sign their notifications (Mercado
 * Libre, Envia) are given a callback URL carrying a secret `token` query parameter, compared here;
 * Melhor Envio signs the raw body (HMAC-SHA256, base64).
 */

/** Equal without leaking where they differ (both hashed first, so lengths never show either). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/**
 * The secret token a webhook URL carries: the `token` query parameter (`/webhook?token=…`), or a last
 * path segment after `/t/` (`/t/…`, for hosts that pass no query string on). Null when it has none.
 */
export function queryToken(path: string, name = 'token'): string | null {
  const q = path.indexOf('?');
  const fromQuery = q < 0 ? null : new URLSearchParams(path.slice(q + 1)).get(name);
  if (fromQuery !== null) return fromQuery;
  const m = /\/t\/([^/?]+)$/.exec(q < 0 ? path : path.slice(0, q));
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    // Malformed percent-encoding: no token (verifiers never throw).
    return null;
  }
}

/** Base64 HMAC-SHA256 of the raw body. */
export function hmacBase64(secret: string, raw: Uint8Array): string {
  return createHmac('sha256', secret).update(raw).digest('base64');
}

/** A stable key for a delivery that has no id of its own: the hash of its raw body. */
export function bodyKey(prefix: string, raw: Uint8Array): string {
  return `${prefix}:${createHash('sha256').update(raw).digest('hex').slice(0, 40)}`;
}
