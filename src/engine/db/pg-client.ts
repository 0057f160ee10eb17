import pg from 'pg';

/** The client class handed to every pg pool the engine opens (TypeORM's, the outbox reader's, BullMQ's). */
export type PgClientClass = typeof pg.Client;

const REPORTED = Symbol('atalaya.connectionLossReported');

/** `57P01 terminating connection due to administrator command`: the code and message, never the stack or the client. */
export function describePgError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? `${e.code} ` : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return `${code}${message}`;
}

/** Whether a connection's own error handler has already logged this error (pools and BullMQ pass the same object on). */
export function connectionLossReported(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[REPORTED] === true;
}

/**
 * A pg client that always has an 'error' listener, for its whole life.
 *
 * node-postgres emits 'error' on a client whose connection dies while no query is running on it
 * (a backend terminated with `pg_terminate_backend`, a server restart, an admin shutdown: 57P01).
 * Pools listen only while a client is idle in the pool; a client checked out (held by a
 * transaction, a session lock, a COPY, BullMQ's own checkouts) or already being ended has no
 * listener, and an 'error' event with no listener ends the process. This class is passed as the
 * `Client` option of every pool, so no terminated connection can crash the engine: the loss is
 * logged once per connection, in one line; the pool drops the client, the caller's query fails
 * with the error, and the next checkout opens a fresh connection.
 */
export function pgClientWithErrorHandler(log: (message: string) => void): PgClientClass {
  return class GuardedClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      let reported = false;
      this.on('error', (err: Error) => {
        if (reported || connectionLossReported(err)) return;
        reported = true;
        Reflect.defineProperty(err, REPORTED, { value: true });
        const name = typeof config === 'object' && config?.application_name ? ` (${config.application_name})` : '';
        log(`database connection lost${name}: ${describePgError(err)}`);
      });
    }
  };
}
