import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChannelAccount, ChannelIo, InboundRequest } from '../../ports/channel.port';
import { ChannelPayloadError } from '../../ports/channel.port';

/**
 * What the connectors share: signature checks, tolerant JSON reading, and calls to a channel's API
 * whose failures say whether retrying can help.
 */

/**
 * A failure that may pass: the channel's API is rate-limiting (429), down (5xx) or unreachable.
 * The inbox retries; `retryAfterMs` is the channel's own Retry-After when it sent one.
 */
export class ChannelTransientError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChannelTransientError';
  }
}

/** Header value, headers being lower-cased by the port; an empty string counts as absent. */
export function header(req: InboundRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return v === undefined || v === '' ? undefined : v;
}

/**
 * base64 HMAC-SHA256 of the raw body, compared in constant time as canonical base64 text: decoding
 * the given signature instead would accept trailing junk after the padding (Node's decoder is lenient).
 * False for a missing secret or signature.
 */
export function hmacBase64Matches(rawBody: Buffer, secret: string | undefined, signature: string | undefined): boolean {
  if (!secret || !signature) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest('base64');
  return constantTimeEqual(Buffer.from(expected, 'utf8'), Buffer.from(signature.trim(), 'utf8'));
}

/** Constant-time equality; unequal lengths are unequal without comparing contents. */
export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function secretsMatch(expected: string | undefined, given: string | undefined): boolean {
  if (!expected || !given) return false;
  return constantTimeEqual(Buffer.from(expected, 'utf8'), Buffer.from(given, 'utf8'));
}

/** The body as a JSON object, or a ChannelPayloadError that says what is wrong with it. */
export function jsonObjectBody(req: InboundRequest, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    throw new ChannelPayloadError(`${what}: the body is not JSON`, [{ path: 'body', message: 'expected a JSON object' }]);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ChannelPayloadError(`${what}: the body is not a JSON object`, [{ path: 'body', message: 'expected a JSON object' }]);
  }
  return parsed as Record<string, unknown>;
}

/** Like jsonObjectBody but for verify, which must never throw. */
export function tryJsonObject(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(raw.toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return Math.round(secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export interface ApiCall {
  /** For messages: "VTEX order v123-01", "Mercado Libre order 2000001". */
  what: string;
  url: string;
  init?: RequestInit;
  /** Says what to do about a 401/403 (credentials) in this channel's words. */
  authHint: string;
}

/**
 * Calls a channel API and returns its JSON. 401/403 and 404 and other 4xx are permanent
 * (ChannelPayloadError); 429 and 5xx and network failures are transient (ChannelTransientError).
 * 401 is returned as `'unauthorized'` when `allowUnauthorized` so the caller can refresh a token.
 */
export async function callJson(io: ChannelIo, call: ApiCall, allowUnauthorized = false): Promise<unknown> {
  let res: Response;
  try {
    // A channel API that hangs must not hold a worker: give up and let the inbox retry.
    res = await io.fetch(call.url, {
      ...call.init,
      headers: { accept: 'application/json', ...(call.init?.headers as Record<string, string> | undefined) },
      signal: call.init?.signal ?? AbortSignal.timeout(API_TIMEOUT_MS),
    });
  } catch (e) {
    throw new ChannelTransientError(`${call.what}: the channel's API could not be reached (${(e as Error).message})`);
  }
  if (res.status === 401 && allowUnauthorized) {
    await res.body?.cancel();
    return UNAUTHORIZED;
  }
  if (res.ok) {
    try {
      return await res.json();
    } catch {
      throw new ChannelTransientError(`${call.what}: the channel's API answered ${res.status} with a body that is not JSON`);
    }
  }
  const detail = (await res.text().catch(() => '')).slice(0, 300);
  if (res.status === 429 || res.status >= 500) {
    const wait = retryAfterMs(res.headers.get('retry-after'), io.now());
    throw new ChannelTransientError(
      `${call.what}: the channel's API answered ${res.status}${res.status === 429 ? ' (rate limited)' : ''}${wait !== undefined ? `; retry after ${wait} ms` : ''}`,
      wait,
    );
  }
  if (res.status === 401 || res.status === 403) {
    throw new ChannelPayloadError(`${call.what}: the channel refused our credentials (${res.status}). ${call.authHint}`, [
      { path: 'credentials', message: call.authHint },
    ]);
  }
  if (res.status === 404) {
    throw new ChannelPayloadError(`${call.what}: not found (404) on the channel; it may have been deleted or belong to another account`, [
      { path: 'resource', message: 'not found on the channel' },
    ]);
  }
  throw new ChannelPayloadError(`${call.what}: the channel's API refused the request (${res.status}) ${detail}`.trim(), [
    { path: 'resource', message: `HTTP ${res.status}` },
  ]);
}

export const UNAUTHORIZED = Symbol('unauthorized');

/** How long one channel API call may take before it counts as a transient failure. */
export const API_TIMEOUT_MS = 15_000;

/** A required setting, or a ChannelPayloadError telling the integrator which one to fill in. */
export function requireSetting(account: ChannelAccount, name: string): string {
  const v = account.settings[name];
  if (!v)
    throw new ChannelPayloadError(`channel "${account.name}" has no ${name} setting; set it in the channel form`, [
      { path: `settings.${name}`, message: 'required' },
    ]);
  return v;
}

export function requireSecret(account: ChannelAccount, name: string): string {
  const v = account.secrets[name];
  if (!v)
    throw new ChannelPayloadError(`channel "${account.name}" has no ${name} secret; set it in the channel form`, [
      { path: `secrets.${name}`, message: 'required' },
    ]);
  return v;
}

/** Strips a trailing slash so base URLs join cleanly. */
export function trimBase(url: string): string {
  return url.replace(/\/+$/, '');
}
