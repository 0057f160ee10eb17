import { AppError } from '../../shared';

/** How long a caller is told to wait before retrying while a backing service is away (HTTP Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

/** Socket-level failures: the server is not there, or the connection to it broke (either service). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * Postgres SQLSTATEs that mean "the database is not answering", not "the request is wrong":
 * class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up, shutting down, in recovery), 53300 too_many_connections.
 */
const SQLSTATE_UNAVAILABLE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** What pg and pg-pool say, without a code, when a connection cannot be made or is gone. */
const DATABASE_MESSAGES = [
  /^Connection terminated/i, // "… unexpectedly", "… due to connection timeout"
  /timeout exceeded when trying to connect/i, // pg-pool: no connection within connectionTimeoutMillis
  /not queryable/i, // "Client has encountered a connection error and is not queryable"
];

/** What ioredis (under BullMQ) says while Redis is away, and the queue's own deadline (QueueUnavailableError). */
const QUEUE_MESSAGES = [/^Connection is closed/i, /enableOfflineQueue options? is false/i, /max retries per request limit/i];
const QUEUE_CLASSES = new Set(['MaxRetriesPerRequestError', 'QueueUnavailableError']);

export type UnavailableService = 'database' | 'queue' | 'database or queue';

/**
 * Which backing service `err` (or what it wraps: TypeORM's driverError, an AggregateError's
 * errors, a cause) says is unreachable, or null for any other failure.
 */
export function unavailableService(err: unknown, depth = 0): UnavailableService | null {
  if (!err || typeof err !== 'object' || depth > 4) return null;
  const e = err as { code?: unknown; name?: unknown; message?: unknown; driverError?: unknown; errors?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : '';
  if (code && SQLSTATE_UNAVAILABLE.test(code)) return 'database';
  if ((typeof e.name === 'string' && QUEUE_CLASSES.has(e.name)) || QUEUE_MESSAGES.some((m) => m.test(message))) return 'queue';
  if (DATABASE_MESSAGES.some((m) => m.test(message))) return 'database';
  const inner = [e.driverError, ...(Array.isArray(e.errors) ? e.errors : []), e.cause]
    .map((x) => (x === undefined ? null : unavailableService(x, depth + 1)))
    .find((s) => s !== null);
  if (inner) return inner;
  return code && NETWORK_CODES.has(code) ? 'database or queue' : null;
}

/**
 * The contract's UNAVAILABLE (503 with Retry-After on HTTP) for an error that means the database
 * or the job queue cannot be reached, else null. The dispatcher and every transport map failures
 * through this, so an outage is answered "retry later", never as an internal error.
 */
export function unavailableError(err: unknown): AppError | null {
  if (err instanceof AppError) return err.code === 'UNAVAILABLE' ? err : null;
  const service = unavailableService(err);
  if (!service) return null;
  return new AppError('UNAVAILABLE', `The ${service} cannot be reached right now; retry in a few seconds`);
}
