import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, startEngine } from '../../src/engine';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';

/**
 * With no DATABASE_URL a desk runs a real embedded PostgreSQL in its data folder, with queues on
 * it (no Redis), and what it stores survives a restart.
 */
describe('a desk with nothing configured', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atalaya-embedded-'));
  // As root, Postgres runs as an unprivileged user that must be able to reach the folder.
  chmodSync(dir, 0o755);
  const config = () =>
    loadConfig({}, { dataDir: join(dir, 'data'), demo: 'empty', logLevel: 'warn', queuePrefix: 'embedded', simulatorRate: 0 });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts an embedded Postgres with Postgres-backed queues, and keeps data across restarts', async () => {
    const first = await startEngine(config());
    const health = await first.dispatch('system.health', {}, PLANNER);
    expect(health).toMatchObject({ ok: true, database: { ok: true }, queue: { ok: true, backend: 'postgres' } });
    const { order } = await first.dispatch('orders.create', { order: anOrder({ lines: [{ sku: 'UNKNOWN-1', quantity: 1 }] }) }, PLANNER);
    await first.close();

    const second = await startEngine(config());
    const again = await second.dispatch('orders.get', { id: order.id }, PLANNER);
    expect(again.externalId).toBe(order.externalId);
    await second.close();
  });
});
