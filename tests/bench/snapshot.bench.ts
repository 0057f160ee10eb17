import { parseArgs } from 'node:util';
import type { Actor } from '../../src/engine';
import { createDataSource } from '../../src/engine/db/data-source';
import { applySnapshot } from '../../src/engine/modules/inventory/feeds.store';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { TEST_ADMIN } from '../support/sessions';
import { migrateTestDatabase, startTestEngine } from '../support/engine-under-test';
import { createTestDatabase } from '../support/test-database';

const ACTOR: Actor = { id: 'bench', name: 'bench', role: 'integrator' };

/**
 * A full stock snapshot of L locations × S SKUs (default 100 × 10,000 = 1,000,000 rows) streamed
 * as CSV into COPY and applied set-based, with `--changed-pct` of the rows reporting a new count
 * (each correction writes a ledger row and a reconciliation row). Target: ≤ 30 s.
 * `--via http` POSTs the CSV to `/api/v1/inventory/snapshots` instead of calling the adapter.
 */
export async function run(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      locations: { type: 'string', default: '100' },
      via: { type: 'string', default: 'adapter' },
      skus: { type: 'string', default: '10000' },
      'changed-pct': { type: 'string', default: '10' },
    },
  });
  const L = Number(values.locations);
  const S = Number(values.skus);
  const pct = Number(values['changed-pct']);
  const db = await createTestDatabase();
  await migrateTestDatabase(db.url);
  console.error(`bench snapshot: seeding ${L} × ${S} = ${L * S} stock rows…`);
  await db.pool.query(
    `INSERT INTO locations (id, code, name, kind, city, lat, lng) SELECT 'b-' || g, 'B-' || g, 'Bench ' || g, 'store', 'City', -34, -58 FROM generate_series(1, $1::int) g`,
    [L],
  );
  await db.pool.query(`INSERT INTO products (sku, name) SELECT 'SKU-' || g, 'P' || g FROM generate_series(1, $1::int) g`, [S]);
  await db.pool.query(
    `WITH s AS (INSERT INTO stock (location_id, sku, on_hand) SELECT 'b-' || l, 'SKU-' || k, 50 FROM generate_series(1, $1::int) l, generate_series(1, $2::int) k RETURNING location_id, sku, on_hand)
     INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) SELECT location_id, sku, on_hand, 'initial', 'bench' FROM s`,
    [L, S],
  );
  await db.pool.query('VACUUM ANALYZE stock');
  const ds = createDataSource({ url: db.url, poolSize: 2 });
  await ds.initialize();

  const every = pct > 0 ? Math.max(1, Math.round(100 / pct)) : 0;
  function* csv(): Generator<string> {
    yield 'location_id,sku,on_hand\n';
    let chunk = '';
    let i = 0;
    for (let l = 1; l <= L; l++) {
      for (let k = 1; k <= S; k++) {
        const changed = every > 0 && i++ % every === 0;
        chunk += `b-${l},SKU-${k},${changed ? 50 + ((l + k) % 7) - 3 || 51 : 50}\n`;
        if (chunk.length > 256 * 1024) {
          yield chunk;
          chunk = '';
        }
      }
    }
    if (chunk) yield chunk;
  }
  console.error('bench snapshot: applying…');
  let summary: Awaited<ReturnType<typeof applySnapshot>>;
  let seconds: number;
  if (values.via === 'http') {
    const body = [...csv()].join('');
    const engine = await startTestEngine(db.url, { workers: false });
    const app = await buildHttpApp(engine, { apiActor: API_ACTOR });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const { secret } = await engine.dispatch('apiKeys.create', { name: 'Bench feed', scopes: ['inventory.feeds'] }, TEST_ADMIN);
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/inventory/snapshots?source=bench`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${secret}` },
      body,
    });
    seconds = (performance.now() - t0) / 1000;
    if (!res.ok) throw new Error(`snapshot POST answered ${res.status}: ${await res.text()}`);
    summary = (await res.json()) as typeof summary;
    await app.close();
    await engine.close();
  } else {
    const t0 = performance.now();
    summary = await applySnapshot(ds, { source: 'bench', csv: csv() }, ACTOR);
    seconds = (performance.now() - t0) / 1000;
  }
  const check = (
    await db.pool.query(
      `SELECT (SELECT sum(on_hand) FROM stock)::bigint AS on_hand, (SELECT sum(on_hand_delta) FROM stock_movements)::bigint AS ledger`,
    )
  ).rows[0];
  await ds.destroy();
  await db.drop();
  return {
    bench: 'snapshot',
    via: values.via,
    rows: summary.rows,
    changedPct: pct,
    summary,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(summary.rows / seconds),
    onHandEqualsLedger: check.on_hand === check.ledger,
    target: { seconds: 30 },
    note:
      values.via === 'http'
        ? 'timed from the POST to its answer (body buffered by the HTTP layer, then streamed to COPY); shared 2-core machine, indicative only'
        : 'timed from the first CSV byte to COMMIT; shared 2-core machine, numbers indicative only',
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  };
}
