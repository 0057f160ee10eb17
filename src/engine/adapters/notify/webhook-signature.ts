import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of Atalaya's merchant webhooks, in the shape Stripe made familiar:
 * `Atalaya-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Signing the
 * timestamp with the body lets a receiver refuse a captured request replayed later (older than its
 * tolerance); several `v1=` values may be sent while a secret is being rotated, and a receiver accepts
 * the request when any of them matches. docs/merchant-webhooks.md explains it to merchants; these two
 * functions are what our sender and the tests' receiver use, and what a Node receiver can copy.
 */

/** The signing scheme's version tag: a future scheme gets v2 and receivers can accept both meanwhile. */
const SCHEME = 'v1';

/** Default tolerance for the timestamp: five minutes, either side (clocks drift). */
export const DEFAULT_TOLERANCE_SEC = 300;

function hmacHex(secret: string, timestamp: number, rawBody: string | Uint8Array): string {
  const h = createHmac('sha256', secret);
  h.update(`${timestamp}.`, 'utf8');
  h.update(rawBody);
  return h.digest('hex');
}

/**
 * The `Atalaya-Signature` header value for `body` at `now` (default: the current time). Pass several
 * secrets during a rotation (the new one first): one `v1=` per secret.
 */
export function signWebhook(secret: string | readonly string[], body: string | Uint8Array, now: Date = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  const secrets = typeof secret === 'string' ? [secret] : secret;
  return [`t=${t}`, ...secrets.map((s) => `${SCHEME}=${hmacHex(s, t, body)}`)].join(',');
}

export type WebhookVerification =
  { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'no_signature' | 'mismatch' | 'too_old' | 'in_future' };

/**
 * Checks an `Atalaya-Signature` header against the raw body as received (bytes or the exact string —
 * never a re-serialised JSON object). Compares in constant time; accepts when any `v1=` value matches
 * any of `secret` (one, or several during a rotation) and the timestamp is within `toleranceSec` of
 * `now`. Never throws.
 */
export function verifyWebhookSignature(
  secret: string | readonly string[],
  header: string | null | undefined,
  rawBody: string | Uint8Array,
  opts: { toleranceSec?: number; now?: Date } = {},
): WebhookVerification {
  if (!header) return { ok: false, reason: 'malformed' };
  let timestamp: number | null = null;
  const given: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't' && /^\d{1,12}$/.test(v)) timestamp = Number(v);
    else if (k === SCHEME && /^[0-9a-f]{64}$/i.test(v)) given.push(Buffer.from(v, 'hex'));
  }
  if (timestamp === null) return { ok: false, reason: 'malformed' };
  if (given.length === 0) return { ok: false, reason: 'no_signature' };
  const secrets = typeof secret === 'string' ? [secret] : secret;
  let match = false;
  for (const s of secrets) {
    const expected = Buffer.from(hmacHex(s, timestamp, rawBody), 'hex');
    // Every pair is compared (no early exit): the time taken says nothing about which one matched.
    for (const g of given) match = timingSafeEqual(g, expected) || match;
  }
  if (!match) return { ok: false, reason: 'mismatch' };
  const tolerance = opts.toleranceSec ?? DEFAULT_TOLERANCE_SEC;
  const age = Math.floor((opts.now ?? new Date()).getTime() / 1000) - timestamp;
  if (age > tolerance) return { ok: false, reason: 'too_old' };
  if (age < -tolerance) return { ok: false, reason: 'in_future' };
  return { ok: true, timestamp };
}
