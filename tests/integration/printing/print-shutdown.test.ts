import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Engine } from '../../../src/engine';
import { inTransaction, openDatabase, type Db } from '../../../src/engine/db/data-source';
import { enqueuePrint } from '../../../src/engine/modules/printing/print-jobs.store';
import { PLANNER, startFixtureEngine, startTestEngine } from '../../support/engine-under-test';
import { startRawPrinter, type RawPrinter } from '../../support/raw-printer';
import type { TestDatabase } from '../../support/test-database';

const ADMIN: Actor = { id: 'u-print-admin-3', name: 'Adela Admin', role: 'admin' };
const COUNT = 300;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Closing an engine while its sender is busy: the job in hand finishes, claimed jobs go back to
 * the queue, nothing is left `sending`, and every label the printer received is a done job. The
 * next engine of the same station prints the rest: each label exactly once across the restart.
 */
describe('print sender on close', () => {
  let db: TestDatabase;
  let engine: Engine;
  let ds: Db;
  let zebra: RawPrinter;

  const counts = async () =>
    Object.fromEntries(
      (await db.pool.query(`SELECT status, count(*)::int AS n FROM print_jobs GROUP BY status`)).rows.map((r) => [r.status, r.n]),
    ) as Record<string, number>;

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine([], { workers: false }));
    ds = await openDatabase({ url: db.url, poolSize: 2 });
    zebra = await startRawPrinter();
  });
  afterAll(async () => {
    await engine?.close();
    await ds?.destroy();
    await zebra?.close();
    await db?.drop();
  });

  it('finishes the job in hand, leaves nothing sending, and the next engine prints the rest once', async () => {
    const p = await engine.dispatch(
      'printing.savePrinter',
      { name: 'Zebra', transport: 'raw9100', address: zebra.address, language: 'zpl', dpi: 203 },
      ADMIN,
    );
    await engine.dispatch('printing.setRoute', { docType: 'shipping_label', printerId: p.id }, ADMIN);
    await inTransaction(ds, async (m) => {
      for (let n = 0; n < COUNT; n++) {
        await enqueuePrint(
          m,
          {
            docType: 'shipping_label',
            docKey: `shipping_label:close-${n}`,
            title: `Label ${n}`,
            ref: {},
            model: { kind: 'carrier_zpl', docType: 'shipping_label', zpl: `^XA^FD${n}^FS^XZ` },
            locale: 'es',
            stationId: engine.config.stationId,
          },
          PLANNER,
        );
      }
    });
    await zebra.waitForJobs(10);
    await engine.close();

    const after = await counts();
    expect(after.sending ?? 0).toBe(0);
    expect((after.done ?? 0) + (after.queued ?? 0)).toBe(COUNT);
    // The listener records a job when its connection closes: wait for the last one to land.
    await until('the listener to hold every done job', async () => zebra.jobs.length >= (after.done ?? 0));
    expect(zebra.jobs.length).toBe(after.done ?? 0);
    expect(after.queued ?? 0).toBeGreaterThan(0); // closed mid-way, or the test proves nothing

    engine = await startTestEngine(db.url, { workers: false });
    await until('every job done', async () => ((await counts()).done ?? 0) === COUNT);
    await zebra.waitForJobs(COUNT);
    const printed = zebra.jobs.map((b) => b.toString('utf8'));
    expect(printed).toHaveLength(COUNT);
    expect(new Set(printed).size).toBe(COUNT);
  });
});
