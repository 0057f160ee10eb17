import { randomBytes } from 'node:crypto';
import pg from 'pg';

const BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/**
 * A fresh, real Postgres database for one test file (Vendure/Medusa style); dropped afterwards.
 * Fails with instructions when no server answers — never skips.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `atalaya_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BASE });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(
      `Integration tests need a PostgreSQL server at ${BASE} (set TEST_DATABASE_URL to use another). ` +
        `On this machine start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start. Cause: ${(e as Error).message}`,
      { cause: e },
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BASE);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  // drop() ends the pool, then DROP … WITH (FORCE) may reach a connection that is still closing:
  // its FATAL "terminating connection" is expected then, not an uncaught error.
  pool.on('error', () => {});
  return {
    url: url.toString(),
    pool,
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: BASE });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Redis for the Redis-backed queue suites: required in CI (.ci/run sets REDIS_URL). */
export function redisUrlOrWarn(suite: string): string | undefined {
  const url = process.env.REDIS_URL;
  if (!url) {
    console.warn(
      `\n!!! REDIS_URL is not set: the Redis-backed queue suite "${suite}" did NOT run (only the PostgreSQL queue backend was tested). Set REDIS_URL=redis://127.0.0.1:6379 to run it. !!!\n`,
    );
  }
  return url;
}

/** Queue backends to run a suite on: PostgreSQL always, Redis when REDIS_URL is set. */
export function queueBackends(suite: string): { name: 'postgres' | 'redis'; redisUrl?: string }[] {
  const redisUrl = redisUrlOrWarn(suite);
  return [{ name: 'postgres' as const }, ...(redisUrl ? [{ name: 'redis' as const, redisUrl }] : [])];
}

/** Polls until `check` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
