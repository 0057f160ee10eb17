import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { CarrierError, type CarrierHttp, type HttpRequest, type HttpResponse } from '../../ports/carrier.port';

/**
 * The one outbound HTTP client for carriers (cockatiel): a timeout per call, retries with
 * decorrelated jitter for calls that may be repeated (GETs, and what the adapter marks idempotent),
 * and a circuit breaker per carrier account — after `breakAfter` consecutive transient failures calls
 * fail at once for `halfOpenAfterMs`, so a carrier that is down does not hold every worker. Status
 * codes become {@link CarrierError}s with intent: 401/403 auth, 404 not_found, 429 rate_limited (with
 * Retry-After), 5xx/timeouts/unreachable unavailable, other 4xx invalid.
 */

export interface CarrierHttpOptions {
  timeoutMs: number;
  /** Attempts for a retryable call, the first included. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  breakAfter: number;
  halfOpenAfterMs: number;
  /** A Retry-After longer than this is not waited for in the client: the engine reschedules the work. */
  maxInlineRetryAfterMs: number;
  fetch: typeof fetch;
}

export const DEFAULT_CARRIER_HTTP: CarrierHttpOptions = {
  timeoutMs: 15_000,
  maxAttempts: 3,
  initialDelayMs: 200,
  maxDelayMs: 3_000,
  breakAfter: 5,
  halfOpenAfterMs: 30_000,
  maxInlineRetryAfterMs: 3_000,
  fetch: (...a) => globalThis.fetch(...a),
};

function response(status: number, headers: Headers, bytes: Uint8Array, what: string): HttpResponse {
  return {
    status,
    headers,
    bytes,
    text: () => Buffer.from(bytes).toString('utf8'),
    json: () => {
      try {
        return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
      } catch {
        throw new CarrierError(`${what}: the carrier answered ${status} with a body that is not JSON`, 'protocol');
      }
    },
  };
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return Math.round(secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function failure(req: HttpRequest, status: number, headers: Headers, body: string): CarrierError {
  const detail = body.replace(/\s+/g, ' ').trim().slice(0, 300);
  const tail = detail ? `: ${detail}` : '';
  if (status === 401 || status === 403) {
    return new CarrierError(
      `${req.what}: the carrier refused our credentials (${status}); check the account's user, password or token${tail}`,
      'auth',
    );
  }
  if (status === 404) return new CarrierError(`${req.what}: not found at the carrier (404)${tail}`, 'not_found');
  if (status === 429) {
    const wait = retryAfterMs(headers.get('retry-after'));
    return new CarrierError(
      `${req.what}: the carrier is rate-limiting us (429)${wait !== undefined ? `; retry after ${Math.ceil(wait / 1000)} s` : ''}`,
      'rate_limited',
      wait,
    );
  }
  if (status >= 500) return new CarrierError(`${req.what}: the carrier's service failed (${status})${tail}`, 'unavailable');
  return new CarrierError(`${req.what}: the carrier refused the request (${status})${tail}`, 'invalid');
}

/** The breakers of one engine, one per carrier account (kept across calls: that is what makes them breakers). */
export class CarrierHttpPool {
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();

  constructor(private readonly opts: CarrierHttpOptions = DEFAULT_CARRIER_HTTP) {}

  /** The breaker's state for an account, for the desk. */
  circuit(accountId: string): 'closed' | 'open' | 'half_open' {
    const s = this.breakers.get(accountId)?.state;
    if (s === CircuitState.Open || s === CircuitState.Isolated) return 'open';
    if (s === CircuitState.HalfOpen) return 'half_open';
    return 'closed';
  }

  private breaker(accountId: string): CircuitBreakerPolicy {
    let b = this.breakers.get(accountId);
    if (!b) {
      // Only "the carrier is down" trips the breaker; a refused request or bad credentials do not.
      b = circuitBreaker(
        handleWhen((e) => e instanceof CarrierError && e.kind === 'unavailable'),
        { halfOpenAfter: this.opts.halfOpenAfterMs, breaker: new ConsecutiveBreaker(this.opts.breakAfter) },
      );
      this.breakers.set(accountId, b);
    }
    return b;
  }

  /** The client for one account. `label` names the carrier in messages ("Andreani"). */
  forAccount(accountId: string, label: string): CarrierHttp {
    const opts = this.opts;
    const breaker = this.breaker(accountId);
    const once = async (req: HttpRequest): Promise<HttpResponse> => {
      let res: Response;
      try {
        res = await opts.fetch(req.url, {
          method: req.method,
          headers: req.headers,
          body: req.body as RequestInit['body'],
          signal: AbortSignal.timeout(req.timeoutMs ?? opts.timeoutMs),
        });
      } catch (e) {
        const err = e as Error;
        const timedOut = err.name === 'TimeoutError' || err.name === 'AbortError';
        throw new CarrierError(
          `${req.what}: ${label} ${timedOut ? `did not answer within ${Math.round((req.timeoutMs ?? opts.timeoutMs) / 1000)} s` : `could not be reached (${err.message})`}`,
          'unavailable',
        );
      }
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (res.ok || req.okStatuses?.includes(res.status)) return response(res.status, res.headers, bytes, req.what);
      throw failure(req, res.status, res.headers, Buffer.from(bytes).toString('utf8'));
    };
    return {
      request: async (req) => {
        const idempotent = req.idempotent ?? req.method === 'GET';
        const policy = retry(
          handleWhen(
            (e) =>
              idempotent &&
              e instanceof CarrierError &&
              e.transient &&
              (e.retryAfterMs === undefined || e.retryAfterMs <= opts.maxInlineRetryAfterMs),
          ),
          {
            maxAttempts: idempotent ? opts.maxAttempts - 1 : 0,
            backoff: new ExponentialBackoff({ initialDelay: opts.initialDelayMs, maxDelay: opts.maxDelayMs }),
          },
        );
        try {
          return await policy.execute(() => breaker.execute(() => once(req)));
        } catch (e) {
          if (e instanceof BrokenCircuitError) {
            throw new CarrierError(
              `${req.what}: calls to ${label} are paused after ${opts.breakAfter} failures in a row; trying again within ${Math.round(opts.halfOpenAfterMs / 1000)} s`,
              'unavailable',
            );
          }
          throw e;
        }
      },
    };
  }
}
