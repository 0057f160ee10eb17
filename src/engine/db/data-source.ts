import 'reflect-metadata';
import { DataSource, type EntityManager } from 'typeorm';
import type { Logger } from '../ports/logger.port';
import { migrations } from './migrations';
import { connectionLossReported, describePgError, type PgClientClass } from './pg-client';
import { syncSqlFunctions } from './sql-functions';
import { ENGINE_VERSION } from '../kernel/version';

/**
 * The shared database as the engine holds it: a pool, and what runs a transaction. Modules name
 * these two types, never the library behind them, so only `db/` and the stores know it is TypeORM
 * over `pg` (TypeORM gives the pool, transactions with retries and the migration runner; every
 * statement is SQL written in a store).
 */
export type Db = DataSource;
/** A connection inside a transaction (or the pool, for `db.manager`): what every store function takes. */
export type Tx = EntityManager;

export interface DatabaseOptions {
  url: string;
  /** Connections in this process's pool. Many desks share one server: keep it bounded. */
  poolSize?: number;
  /** Longest a single statement may run before Postgres cancels it. */
  statementTimeoutMs?: number;
  /** Where opening reports what it did to the SQL functions (console warnings when not given). */
  log?: Pick<Logger, 'info' | 'warn'>;
  /** The opening engine's version, recorded beside the SQL functions it applies (see syncSqlFunctions). */
  engineVersion?: string;
  /**
   * The pg client class of the pool: the engine passes one that always handles 'error'
   * (db/pg-client.ts), so a terminated connection never ends the process.
   */
  Client?: PgClientClass;
}

/** Builds the TypeORM data source over a bounded `pg` pool; migrations run at start, never `synchronize`. */
export function createDataSource(opts: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    entities: [],
    migrations,
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    // An idle connection that dies: the pool drops it. Its client's own handler has logged it.
    poolErrorHandler: (err: unknown) => {
      if (!connectionLossReported(err)) opts.log?.warn(`database pool: ${describePgError(err)}`);
    },
    extra: {
      ...(opts.Client ? { Client: opts.Client } : {}),
      max: opts.poolSize ?? 20,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: opts.statementTimeoutMs ?? 15_000,
      application_name: 'atalaya-engine',
    },
  });
}

/**
 * Opens the data source and brings the schema up to date (one migrator at a time across desks):
 * the migrations, then the SQL functions whose files changed (db/sql-functions.ts).
 */
export async function openDatabase(opts: DatabaseOptions): Promise<DataSource> {
  const ds = createDataSource(opts);
  await ds.initialize();
  // Several engines may start at once against one shared database: one migrates while the others
  // wait on a session lock held by a connection of its own, then find nothing left to do.
  const lock = ds.createQueryRunner();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('atalaya:migrations'))`);
    await ds.runMigrations({ transaction: 'all' });
    await syncSqlFunctions(lock, { log: opts.log, engineVersion: opts.engineVersion ?? ENGINE_VERSION });
  } catch (e) {
    await ds.destroy().catch(() => undefined);
    throw e;
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtext('atalaya:migrations'))`).catch(() => undefined);
    await lock.release();
  }
  return ds;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/**
 * Runs `work` in a transaction and retries it on serialization failures and deadlocks (with
 * jittered backoff). The work must be safe to run again: it re-reads what it needs.
 */
export async function inTransaction<T>(ds: Db, work: (m: Tx) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ds.transaction(work);
    } catch (e) {
      const code = (e as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= attempts) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
    }
  }
}

/** Savepoints inside a caller's transaction: set one, roll back to it (the transaction goes on), or release it. */
export const savepoint = (m: Tx, name: string) => m.query(`SAVEPOINT ${name}`).then(() => undefined);
export const rollbackToSavepoint = (m: Tx, name: string) => m.query(`ROLLBACK TO SAVEPOINT ${name}`).then(() => undefined);
export const releaseSavepoint = (m: Tx, name: string) => m.query(`RELEASE SAVEPOINT ${name}`).then(() => undefined);

/**
 * Runs `work` holding a session advisory lock on a connection of its own, if no other session
 * holds it; null (and nothing run) when one does. For passes one engine at a time should make.
 */
export async function withSessionLock<T>(ds: Db, key: number, work: () => Promise<T>): Promise<T | null> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    const got: { ok: boolean }[] = await qr.query('SELECT pg_try_advisory_lock($1) AS ok', [key]);
    if (!got[0]?.ok) return null;
    try {
      return await work();
    } finally {
      await qr.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await qr.release();
  }
}
