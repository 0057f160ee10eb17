import type { inventoryContract } from '../../shared/inventory.contract';
import { inTransaction } from '../adapters/db/data-source';
import { applyDeltas, applySnapshot, snapshotRowsAsCsv } from '../adapters/db/inventory-feeds';
import { setRingFence, setSafety } from '../adapters/db/inventory-policy';
import { readAtp, readLedger, readReconciliation } from '../adapters/db/inventory-queries';
import { expectReceipt, listReceipts, receive } from '../adapters/db/inventory-receipts';
import { commitReservation, holdStock, releaseReservation } from '../adapters/db/stock-store';
import type { Role } from '../engine.types';
import { assertSnapshotHeader } from '../workflows/inventory-snapshot-stream';
import type { HandlersFor } from './handler.types';

type InventoryEndpoint = keyof typeof inventoryContract;

/** CSV text in 1 MiB slices, so COPY streams it instead of taking one giant string. */
function* slices(s: string, size = 1 << 20): Generator<string> {
  for (let i = 0; i < s.length; i += size) yield s.slice(i, i + size);
}

export const inventoryHandlers: HandlersFor<InventoryEndpoint> = {
  'inventory.atp': (ctx, { sku, quantity }) => readAtp(ctx.ds.manager, sku, quantity),
  'inventory.ledger': (ctx, { locationId, sku, limit }) => readLedger(ctx.ds.manager, locationId, sku, limit),
  'inventory.hold': async (ctx, input, actor) => {
    // One statement, no BEGIN/COMMIT around it: the row lock is not held across extra round trips (see holdStock).
    const h = await holdStock(ctx.ds.manager, input, actor);
    return { held: !!h, reservationId: h?.reservationId ?? null, expiresAt: h?.expiresAt ? h.expiresAt.toISOString() : null };
  },
  'inventory.releaseHold': async (ctx, { reservationId }, actor) => ({
    released: await inTransaction(ctx.ds, (m) => releaseReservation(m, reservationId, actor)),
  }),
  'inventory.commitHold': async (ctx, { reservationId }, actor) => ({
    committed: await inTransaction(ctx.ds, (m) => commitReservation(m, reservationId, actor)),
  }),
  'inventory.setSafety': async (ctx, input) => {
    await inTransaction(ctx.ds, (m) => setSafety(m, input));
    return { ok: true as const };
  },
  'inventory.setRingFence': async (ctx, input) => ({ ringFenced: await inTransaction(ctx.ds, (m) => setRingFence(m, input)) }),
  'inventory.snapshot': async (ctx, input, actor) => {
    if (input.format === 'csv') {
      const firstLine = input.csv.slice(0, input.csv.indexOf('\n') < 0 ? undefined : input.csv.indexOf('\n'));
      assertSnapshotHeader(firstLine);
      return applySnapshot(ctx.ds, { source: input.source, seq: input.seq, csv: slices(input.csv) }, actor);
    }
    return applySnapshot(ctx.ds, { source: input.source, seq: input.seq, csv: snapshotRowsAsCsv(input.rows) }, actor);
  },
  'inventory.deltas': async (ctx, { source, events }, actor) => {
    const results = await inTransaction(ctx.ds, (m) => applyDeltas(m, source, events, actor));
    return {
      applied: results.filter((r) => r.status === 'applied').length,
      stale: results.filter((r) => r.status === 'stale').length,
      results,
    };
  },
  'inventory.reconciliation': (ctx, { snapshotId, limit }) => readReconciliation(ctx.ds.manager, snapshotId, limit),
  'inventory.expectReceipt': (ctx, input) => inTransaction(ctx.ds, (m) => expectReceipt(m, input)),
  'inventory.receive': (ctx, { receiptId, quantity }, actor) => inTransaction(ctx.ds, (m) => receive(m, receiptId, quantity, actor)),
  'inventory.receipts': (ctx, { sku }) => listReceipts(ctx.ds.manager, sku),
};

const READ: readonly Role[] = ['planner', 'supervisor', 'associate', 'integrator', 'system'];
const FEEDS: readonly Role[] = ['integrator', 'system'];

/** Who may call each inventory endpoint: feeds are for integrators; policy (safety, fences) for supervisors. */
export const inventoryRoles: Record<InventoryEndpoint, readonly Role[]> = {
  'inventory.atp': READ,
  'inventory.ledger': READ,
  'inventory.hold': ['planner', 'supervisor', 'associate', 'integrator', 'system'],
  'inventory.releaseHold': ['planner', 'supervisor', 'associate', 'integrator', 'system'],
  'inventory.commitHold': ['supervisor', 'associate', 'integrator', 'system'],
  'inventory.setSafety': ['supervisor', 'system'],
  'inventory.setRingFence': ['supervisor', 'system'],
  'inventory.snapshot': FEEDS,
  'inventory.deltas': FEEDS,
  'inventory.reconciliation': READ,
  'inventory.expectReceipt': ['planner', 'supervisor', 'integrator', 'system'],
  'inventory.receive': ['supervisor', 'associate', 'integrator', 'system'],
  'inventory.receipts': READ,
};
