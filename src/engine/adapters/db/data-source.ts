import 'reflect-metadata';
import { DataSource, type EntityManager } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export interface DatabaseOptions {
  url: string;
  /** Connections in this process's pool. Many desks share one server: keep it bounded. */
  poolSize?: number;
  /** Longest a single statement may run before Postgres cancels it. */
  statementTimeoutMs?: number;
}

/** Builds the TypeORM data source over a bounded `pg` pool; migrations run at start, never `synchronize`. */
export function createDataSource(opts: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    extra: {
      max: opts.poolSize ?? 20,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: opts.statementTimeoutMs ?? 15_000,
      application_name: 'atalaya-engine',
    },
  });
}

/** Opens the data source and brings the schema up to date (one migrator at a time across desks). */
export async function openDatabase(opts: DatabaseOptions): Promise<DataSource> {
  const ds = createDataSource(opts);
  await ds.initialize();
  // Several engines may start at once against one shared database: serialise migrations.
  await ds.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('atalaya:migrations'))`);
  });
  await ds.runMigrations({ transaction: 'all' });
  return ds;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/**
 * Runs `work` in a transaction and retries it on serialization failures and deadlocks (with
 * jittered backoff). The work must be safe to run again: it re-reads what it needs.
 */
export async function inTransaction<T>(ds: DataSource, work: (m: EntityManager) => Promise<T>, attempts = 5): Promise<T> {
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
