import { openDatabase } from '../../src/engine/db/data-source';
import { loadConfig, startEngine, type Actor, type Engine } from '../../src/engine';
import { FIXTURE_LOCATIONS, seedFixture } from './fixtures';
import { testQueuePrefix } from './queue-keys';
import { createTestDatabase, type TestDatabase } from './test-database';

/** Runs the migrations on a fresh test database, so fixtures can go in before an engine starts. */
export async function migrateTestDatabase(databaseUrl: string): Promise<void> {
  const ds = await openDatabase({ url: databaseUrl, poolSize: 2 });
  await ds.destroy();
}

export const PLANNER: Actor = { id: 'u-planner', name: 'Paula Planner', role: 'planner' };
/** A store associate who works at every fixture location (tests of location scope make their own). */
export const ASSOCIATE: Actor = { id: 'u-assoc', name: 'Ana Asociada', role: 'associate', locations: FIXTURE_LOCATIONS.map((l) => l.id) };

/** An engine on a test database, with no demo data and its own queue namespace (`prefix`: from testQueuePrefix, to share one). */
export async function startTestEngine(
  databaseUrl: string,
  opts: { redisUrl?: string; workers?: boolean; prefix?: string; workerConcurrency?: number; dbPoolSize?: number } = {},
): Promise<Engine> {
  return startEngine(
    loadConfig(
      {},
      {
        databaseUrl,
        redisUrl: opts.redisUrl,
        demo: 'empty',
        workers: opts.workers ?? true,
        logLevel: 'warn',
        queuePrefix: opts.prefix ?? testQueuePrefix(),
        simulatorRate: 0,
        // Two test files run at once against one server (100 connections by default): keep each engine small.
        dbPoolSize: opts.dbPoolSize ?? 10,
        ...(opts.workerConcurrency ? { workerConcurrency: opts.workerConcurrency } : {}),
      },
    ),
  );
}

/**
 * A fresh test database with the fixture locations and this stock, and an engine on it (see
 * startTestEngine for the options). If the engine fails to start, the database is dropped.
 */
export async function startFixtureEngine(
  stock: Parameters<typeof seedFixture>[1],
  opts: Parameters<typeof startTestEngine>[1] = {},
): Promise<{ db: TestDatabase; engine: Engine }> {
  const db = await createTestDatabase();
  try {
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, stock);
    return { db, engine: await startTestEngine(db.url, opts) };
  } catch (e) {
    await db.drop().catch(() => undefined);
    throw e;
  }
}
