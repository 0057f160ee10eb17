import { randomBytes } from 'node:crypto';
import type { Actor, Engine } from '../../../src/engine';
import type { AppError, OrderInput, Shipment } from '../../../src/shared';
import { ASSOCIATE, PLANNER, startFixtureEngine } from '../../support/engine-under-test';
import { anOrder } from '../../support/fixtures';
import { waitForStatus } from '../../support/sourcing-ops';
import { eventually, type TestDatabase } from '../../support/test-database';

/**
 * What the shipping engine's tests share: an engine on a fixture database with stock at Palermo,
 * orders brought to picked, packing, and waiting for shipments to reach a status.
 */

export const ADMIN: Actor = { id: 'u-admin', name: 'Ada Admin', role: 'admin' };
export const SUPERVISOR: Actor = { id: 'u-sup', name: 'Sara Supervisora', role: 'supervisor' };
export { ASSOCIATE, PLANNER };

/** Every engine of a test process must share one secret key (several engines on one database). */
export function shareSecretKey(): void {
  process.env.ATALAYA_SECRET_KEY ??= randomBytes(32).toString('base64');
}

export async function startShippingEngine(): Promise<{ db: TestDatabase; engine: Engine }> {
  shareSecretKey();
  const started = await startFixtureEngine(
    [
      { location: 'loc-palermo', sku: 'SA', onHand: 500, bin: 'A1-1' },
      { location: 'loc-palermo', sku: 'SB', onHand: 500, bin: 'A1-2' },
    ],
    { redisUrl: process.env.REDIS_URL },
  );
  await started.engine.dispatch(
    'products.upsert',
    {
      products: [
        { sku: 'SA', name: 'Yerba mate 1 kg', weightGrams: 1_050 },
        { sku: 'SB', name: 'Mate de calabaza', weightGrams: 320 },
      ],
    },
    ADMIN,
  );
  return started;
}

/** A simulator account (sync ZPL/PDF labels, steps every hour so tracking does not move under a test). */
export async function simulatorAccount(
  engine: Engine,
  id: string,
  settings: Record<string, string> = {},
  opts: { enabled?: boolean; name?: string } = {},
) {
  return engine.dispatch(
    'carriers.save',
    {
      id,
      kind: 'simulator',
      name: opts.name ?? `Sim ${id}`,
      enabled: opts.enabled ?? true,
      settings: { stepSeconds: '3600', ...settings },
    },
    ADMIN,
  );
}

/** An order sourced at Palermo and picked in full. */
export async function pickedOrder(engine: Engine, overrides: Partial<OrderInput> = {}) {
  const input = anOrder({ lines: [{ sku: 'SA', quantity: 1, unitPrice: 12_000 }], ...overrides });
  const { order } = await engine.dispatch('orders.create', { order: input }, PLANNER);
  const o = await waitForStatus(engine, order.id, 'sourced');
  await engine.dispatch(
    'fulfilment.shortPick',
    { orderId: o.id, picked: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) },
    ASSOCIATE,
  );
  return waitForStatus(engine, o.id, 'picked');
}

/** Picks and packs an order into `parcels` parcels (one SA unit each). */
export async function packedOrder(engine: Engine, parcels = 1, overrides: Partial<OrderInput> = {}, print = true) {
  const o = await pickedOrder(engine, { lines: [{ sku: 'SA', quantity: parcels, unitPrice: 12_000 }], ...overrides });
  const packed = await engine.dispatch(
    'packing.pack',
    { orderId: o.id, print, parcels: Array.from({ length: parcels }, () => ({ lines: [{ sku: 'SA', quantity: 1 }] })) },
    ASSOCIATE,
  );
  return { order: o, packed };
}

/** Waits until every live shipment of the order is in `status` (at least `count` of them). */
export async function shipmentsIn(engine: Engine, orderId: string, status: Shipment['status'], count = 1, timeoutMs = 20_000) {
  return eventually(
    async () => {
      const { shipments } = await engine.dispatch('shipping.forOrder', { orderId }, PLANNER);
      const live = shipments.filter((s) => s.status !== 'cancelled');
      return live.length >= count && live.every((s) => s.status === status) ? live : undefined;
    },
    `${count} shipment(s) of order ${orderId} to be ${status}`,
    timeoutMs,
  );
}

export const refused = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as AppError,
  );
