import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { createBullmqJobQueue } from '../../src/engine/adapters/queue/bullmq-job-queue';
import { openDatabase, type Db } from '../../src/engine/db/data-source';
import { sweepReceived } from '../../src/engine/modules/sourcing/workflows/sweeper';
import { SOURCE_ORDER_JOB, type JobQueue } from '../../src/engine/ports/job-queue.port';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { testQueuePrefix } from '../support/queue-keys';
import { waitForStatus } from '../support/sourcing-ops';
import { eventually, queueBackends, type TestDatabase } from '../support/test-database';

/**
 * An order whose sourcing job failed for good (its five attempts used up while, say, the database
 * refused) is sourced once the cause is gone: the sweeper replaces the failed job — which BullMQ
 * keeps, and whose id a plain enqueue would collide with — by a new one. It counts only what it
 * really queued: an order whose job is still waiting is left alone.
 */
describe.each(queueBackends('sourcing sweeper'))('the sourcing sweeper (queues on $name)', ({ redisUrl }) => {
  describe('on a worker node', () => {
    let db: TestDatabase;
    let engine: Engine;
    beforeAll(async () => {
      ({ db, engine } = await startFixtureEngine([{ location: 'loc-palermo', sku: 'SKU-SWEEP', onHand: 5 }], { redisUrl }));
      // Every sourcing attempt fails (and counts itself on a sequence, which no rollback undoes).
      await db.pool.query(`
        CREATE SEQUENCE sourcing_failures;
        CREATE FUNCTION refuse_fulfilment() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN PERFORM nextval('sourcing_failures'); RAISE EXCEPTION 'the test refuses fulfilment orders'; END $$;
        CREATE TRIGGER refuse_fulfilment BEFORE INSERT ON fulfilment_orders FOR EACH ROW EXECUTE FUNCTION refuse_fulfilment();`);
    });
    afterAll(async () => {
      await engine?.close();
      await db?.drop();
    });

    it('sources an order whose job failed five times, once the cause is gone', async () => {
      const { order } = await engine.dispatch('orders.create', { order: anOrder({ lines: [{ sku: 'SKU-SWEEP', quantity: 1 }] }) }, PLANNER);
      const failures = async () =>
        Number((await db.pool.query(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM sourcing_failures`)).rows[0].n);
      await eventually(async () => ((await failures()) >= 5 ? true : undefined), 'five failed sourcing attempts', 60_000);
      expect((await engine.dispatch('orders.get', { id: order.id }, PLANNER)).status).toBe('received');

      await db.pool.query(`DROP TRIGGER refuse_fulfilment ON fulfilment_orders`);
      // The sweeper looks at orders unchanged for 15 s, every 5 s: a generous bound, not a speed target.
      const sourced = await waitForStatus(engine, order.id, 'sourced', 120_000);
      expect(sourced.locationId).toBe('loc-palermo');
    });
  });

  describe('one pass, step by step', () => {
    let db: TestDatabase;
    let engine: Engine;
    let ds: Db;
    let queue: JobQueue | undefined;
    let failing = true;
    let runs = 0;
    const prefix = testQueuePrefix('sweep');
    const warnings: string[] = [];
    const log = {
      info: () => undefined,
      error: () => undefined,
      warn: (_o: object | string, msg?: string) => void warnings.push(msg ?? ''),
    };

    beforeAll(async () => {
      // An intake node: it takes the order and queues its sourcing job; nobody works the queue yet.
      ({ db, engine } = await startFixtureEngine([{ location: 'loc-palermo', sku: 'SKU-SWEEP', onHand: 5 }], {
        redisUrl,
        prefix,
        workers: false,
      }));
      ds = await openDatabase({ url: db.url, poolSize: 2 });
    });
    afterAll(async () => {
      await queue?.close();
      await ds?.destroy();
      await engine?.close();
      await db?.drop();
    });

    it('leaves a waiting job alone, replaces a failed one, queues a lost one — and says only that', async () => {
      const { order } = await engine.dispatch('orders.create', { order: anOrder({ lines: [{ sku: 'SKU-SWEEP', quantity: 1 }] }) }, PLANNER);
      const deps = () => ({ ds, log, queue: queue! });
      // The order's job waits in the queue: nothing to do, nothing said.
      const idle = await createBullmqJobQueue({ redisUrl, databaseUrl: db.url, prefix, kinds: [SOURCE_ORDER_JOB], log: () => undefined });
      queue = idle;
      expect(await sweepReceived(deps(), 0)).toEqual({ queued: [], retried: [] });
      await idle.close();

      // A worker whose every attempt fails: after five the job has failed for good.
      queue = await createBullmqJobQueue({
        redisUrl,
        databaseUrl: db.url,
        prefix,
        kinds: [SOURCE_ORDER_JOB],
        log: () => undefined,
        processors: {
          [SOURCE_ORDER_JOB]: async () => {
            runs++;
            if (failing) throw new Error('the cause');
          },
        },
      });
      await eventually(async () => (runs >= 5 ? true : undefined), 'five failed attempts', 60_000);
      // Until BullMQ has moved it to failed the job is live (and left alone); then it is replaced.
      const swept = await eventually(async () => {
        const s = await sweepReceived(deps(), 0);
        return s.retried.length ? s : undefined;
      }, 'the sweeper to replace the failed job');
      expect(swept).toEqual({ queued: [], retried: [order.id] });
      expect(warnings).toContain('sweeper retried sourcing for orders whose job had failed for good');
      failing = false;
      await eventually(async () => (runs >= 6 ? true : undefined), 'the new job to run', 60_000);

      // That run "succeeded" without sourcing (the job is gone, the order still received): a lost job.
      const lost = await eventually(async () => {
        const s = await sweepReceived(deps(), 0);
        return s.queued.length ? s : undefined;
      }, 'the sweeper to queue the order again');
      expect(lost).toEqual({ queued: [order.id], retried: [] });
      await eventually(async () => (runs >= 7 ? true : undefined), 'the queued job to run', 60_000);
    });
  });
});
