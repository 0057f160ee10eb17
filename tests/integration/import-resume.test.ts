import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { seedFixture } from '../support/fixtures';
import { testQueuePrefix } from '../support/queue-keys';
import { createTestDatabase, eventually, redisUrlOrWarn, type TestDatabase } from '../support/test-database';

const CSV = [
  'order_id,customer_name,address_line1,city,country,lat,lng,sku,quantity',
  'R-1,Ana,Calle 1,Buenos Aires,AR,-34.6,-58.4,SKU-A,1',
  'R-2,Beto,Calle 2,Buenos Aires,AR,-34.6,-58.4,SKU-A,1',
  'R-3,Caro,Calle 3,Buenos Aires,AR,-34.6,-58.4,SKU-A,cero',
].join('\n');

/**
 * An import interrupted part-way (the worker died after reporting some lines) carries on where it
 * stopped when a worker picks its job up: reported lines are neither imported nor counted again.
 * With no job left at all, the import sweeper of the next worker to start finishes it.
 */
describe('resuming an interrupted import', () => {
  let db: TestDatabase;
  let intakeOnly: Engine;
  let worker: Engine | undefined;
  const prefix = testQueuePrefix('res');
  const redisUrl = redisUrlOrWarn('import resume');

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [{ location: 'loc-palermo', sku: 'SKU-A', onHand: 10 }]);
    intakeOnly = await startTestEngine(db.url, { redisUrl, workers: false, prefix });
  });
  afterAll(async () => {
    await worker?.close();
    await intakeOnly?.close();
    await db?.drop();
  });

  it('skips the lines already reported and finishes the rest', async () => {
    const up = await intakeOnly.dispatch(
      'imports.upload',
      { fileName: 'r.csv', contentBase64: Buffer.from(CSV).toString('base64') },
      PLANNER,
    );
    // The state a crash leaves: running, line 2 imported (its order exists) and counted.
    const first = await intakeOnly.dispatch(
      'orders.create',
      {
        order: {
          channel: 'csv',
          externalId: 'R-1',
          customer: { name: 'Ana' },
          shipTo: { line1: 'Calle 1', city: 'Buenos Aires', country: 'AR', lat: -34.6, lng: -58.4 },
          lines: [{ sku: 'SKU-A', quantity: 1 }],
        },
      },
      PLANNER,
    );
    await db.pool.query(`UPDATE imports SET status = 'running', started_at = now(), imported = 1, rows_read = 1 WHERE id = $1`, [up.id]);
    await db.pool.query(
      `INSERT INTO import_rows (import_id, line, order_ref, status, reason, order_id) VALUES ($1, 2, 'R-1', 'imported', 'order #1 (before the crash)', $2)`,
      [up.id, first.order.id],
    );

    worker = await startTestEngine(db.url, { redisUrl, workers: true, prefix });
    const s = await eventually(async () => {
      const x = (await worker!.dispatch('imports.get', { id: up.id }, PLANNER)).import;
      return x.status === 'done' ? x : undefined;
    }, 'the resumed import to finish');
    expect(s).toMatchObject({ imported: 2, duplicates: 0, failed: 1 });
    const rows = (await worker.dispatch('imports.get', { id: up.id }, PLANNER)).rows;
    expect(rows.map((r) => [r.line, r.status, r.orderId])).toEqual([
      [2, 'imported', 'R-1'],
      [3, 'imported', 'R-2'],
      [4, 'failed', 'R-3'],
    ]);
    expect(rows[0]!.reason).toBe('order #1 (before the crash)');
  });

  it('finishes, after a restart, an import a crashed process left running (a NUL byte in its file) and one whose job was lost', async () => {
    await worker?.close();
    worker = undefined;
    // Uploaded through a queue no worker ever reads: their jobs are as good as lost.
    const lostQueue = await startTestEngine(db.url, { redisUrl, workers: false, prefix: testQueuePrefix('lost') });
    const file = (p: string) =>
      Buffer.from(
        [
          'order_id,customer_name,address_line1,city,country,lat,lng,sku,quantity',
          `${p}-1,Ana,Calle 1,Buenos Aires,AR,-34.6,-58.4,SKU-A,1`,
          `${p}-2,Be\0to,Calle 2,Buenos Aires,AR,-34.6,-58.4,SKU-A,1`,
          `${p}-3,Caro,Calle 3,Buenos Aires,AR,-34.6,-58.4,SKU-A,1`,
        ].join('\r\n'),
      ).toString('base64');
    let crashed: string, lost: string;
    try {
      crashed = (await lostQueue.dispatch('imports.upload', { fileName: 'crash.csv', contentBase64: file('K') }, PLANNER)).id;
      lost = (await lostQueue.dispatch('imports.upload', { fileName: 'lost.csv', contentBase64: file('L') }, PLANNER)).id;
    } finally {
      await lostQueue.close();
    }
    // The states a crash leaves: running with nobody running it; queued long ago with no job.
    await db.pool.query(`UPDATE imports SET status = 'running', started_at = now() WHERE id = $1`, [crashed]);
    await db.pool.query(`UPDATE imports SET created_at = now() - interval '10 minutes' WHERE id = $1`, [lost]);

    worker = await startTestEngine(db.url, { redisUrl, workers: true, prefix: testQueuePrefix('restart') });
    for (const [id, p] of [
      [crashed, 'K'],
      [lost, 'L'],
    ] as const) {
      const s = await eventually(async () => {
        const x = (await worker!.dispatch('imports.get', { id }, PLANNER)).import;
        return x.status === 'done' || x.status === 'failed' ? x : undefined;
      }, `import ${p} to be finished by the restarted worker`);
      expect(s).toMatchObject({ status: 'done', rowsRead: 3, imported: 2, failed: 1 });
      const rows = (await worker.dispatch('imports.get', { id }, PLANNER)).rows;
      expect(rows.map((r) => [r.line, r.status, r.column])).toEqual([
        [2, 'imported', null],
        [3, 'failed', 'customer_name'],
        [4, 'imported', null],
      ]);
      const f = await worker.dispatch('imports.failedRowsCsv', { id }, PLANNER);
      expect(f.rows).toBe(1);
      expect(f.csv).toContain(`${p}-2,Beto,`);
    }
  });
});
