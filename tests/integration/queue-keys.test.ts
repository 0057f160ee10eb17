import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { queueKeysLeft, removeQueueKeys, testQueuePrefix } from '../support/queue-keys';
import { redisUrlOrWarn, type TestDatabase } from '../support/test-database';
import { waitForStatus } from '../support/sourcing-ops';

/**
 * Tests share one Redis: what an engine's queues wrote there under its prefix is removed when the
 * test file ends (tests/support/queue-keys.setup.ts), and the run fails if any key of the run is
 * left (queue-keys.global-setup.ts). This proves the removal on a real engine's keys.
 */
const redisUrl = redisUrlOrWarn('queue keys');

describe.runIf(redisUrl)('the BullMQ keys a test engine leaves in Redis', () => {
  let db: TestDatabase | undefined;
  afterAll(() => db?.drop());
  const prefix = testQueuePrefix('keys');

  beforeAll(async () => {
    const started = await startFixtureEngine([{ location: 'loc-palermo', sku: 'SKU-KEYS', onHand: 5 }], { redisUrl, prefix });
    db = started.db;
    const { order } = await started.engine.dispatch(
      'orders.create',
      { order: anOrder({ lines: [{ sku: 'SKU-KEYS', quantity: 1 }] }) },
      PLANNER,
    );
    await waitForStatus(started.engine, order.id, 'sourced');
    await started.engine.close();
  });

  it('are all under its prefix, and removing the prefix removes them all', async () => {
    const before = (await queueKeysLeft(redisUrl!)).get(prefix) ?? 0;
    // A closed BullMQ queue keeps its metadata, event stream and id counter: the keys a run used to leave behind.
    expect(before).toBeGreaterThan(0);
    expect(await removeQueueKeys(redisUrl!, [prefix])).toBe(before);
    expect((await queueKeysLeft(redisUrl!)).get(prefix)).toBeUndefined();
  });
});
