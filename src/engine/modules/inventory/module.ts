import type { inventoryContract } from '../../../shared';
import { inTransaction } from '../../db/data-source';
import { applyDeltas, applySnapshot, snapshotRowsAsCsv } from './feeds.store';
import { setRingFence, setSafety } from './policy.store';
import { readAtp, readLedger, readReconciliation } from './queries.store';
import { expectReceipt, listReceipts, receive } from './receipts.store';
import { commitReservation, holdStock, releaseReservation, reservationLocation } from './stock.store';
import { startReservationExpiry } from './workflows/reservation-expiry';
import { assertSnapshotHeader } from './snapshot-stream';
import { defineModule } from '../../kernel/define-module';
import { auditNote } from '../../kernel/audit';
import { assertWorksAt, locationScope } from '../../kernel/location-scope';
import type { Tx } from '../../db/data-source';
import type { Actor } from '../../../shared';

type InventoryEndpoint = keyof typeof inventoryContract;

/** CSV text in 1 MiB slices, so COPY streams it instead of taking one giant string. */
function* slices(s: string, size = 1 << 20): Generator<string> {
  for (let i = 0; i < s.length; i += size) yield s.slice(i, i + size);
}

/** A store associate settles holds at their own locations only (others: no extra read). */
async function assertMayTouchReservation(m: Tx, reservationId: string, actor: Actor): Promise<void> {
  if (!locationScope(actor)) return;
  const at = await reservationLocation(m, reservationId);
  if (at) assertWorksAt(actor, at, 'reservationId');
}

/**
 * Inventory: one picture of stock across the network — ATP, the movement ledger, holds, safety
 * stock and ring-fences, snapshot and delta feeds, inbound receipts — and the sweeper that releases
 * expired reservations.
 */
export const inventoryModule = defineModule<InventoryEndpoint>({
  name: 'inventory',
  handlers: {
    'inventory.atp': (ctx, { sku, quantity }) => readAtp(ctx.ds.manager, sku, quantity),
    'inventory.ledger': (ctx, { locationId, sku, limit }, actor) => {
      assertWorksAt(actor, locationId);
      return readLedger(ctx.ds.manager, locationId, sku, limit);
    },
    'inventory.hold': async (ctx, input, actor) => {
      assertWorksAt(actor, input.locationId);
      // One statement, no BEGIN/COMMIT around it: the row lock is not held across extra round trips (see holdStock).
      const h = await holdStock(ctx.ds.manager, input, actor);
      return { held: !!h, reservationId: h?.reservationId ?? null, expiresAt: h?.expiresAt ? h.expiresAt.toISOString() : null };
    },
    'inventory.releaseHold': async (ctx, { reservationId }, actor) => ({
      released: await inTransaction(ctx.ds, async (m) => {
        await assertMayTouchReservation(m, reservationId, actor);
        return releaseReservation(m, reservationId, actor);
      }),
    }),
    'inventory.commitHold': async (ctx, { reservationId }, actor) => ({
      committed: await inTransaction(ctx.ds, async (m) => {
        await assertMayTouchReservation(m, reservationId, actor);
        return commitReservation(m, reservationId, actor);
      }),
    }),
    'inventory.setSafety': async (ctx, input) => {
      const before = await inTransaction(ctx.ds, (m) => setSafety(m, input));
      const where =
        input.scope === 'location' ? ` at ${input.locationId}` : input.scope === 'channel' ? ` for ${input.channel}` : ' (network)';
      auditNote({ subject: `safety stock of ${input.sku}${where}`, before: { quantity: before }, after: { quantity: input.quantity } });
      return { ok: true as const };
    },
    'inventory.setRingFence': async (ctx, input) => {
      const { ringFenced, before } = await inTransaction(ctx.ds, (m) => setRingFence(m, input));
      auditNote({
        subject: `ring-fence of ${input.sku} at ${input.locationId} for ${input.channel}`,
        before: { quantity: before },
        after: { quantity: input.quantity, locationTotal: ringFenced },
      });
      return { ringFenced };
    },
    'inventory.snapshot': async (ctx, input, actor) => {
      if (input.format === 'csv') {
        const firstLine = input.csv.slice(0, input.csv.indexOf('\n') < 0 ? undefined : input.csv.indexOf('\n'));
        const { withBin } = assertSnapshotHeader(firstLine);
        return applySnapshot(ctx.ds, { source: input.source, seq: input.seq, csv: slices(input.csv), withBin }, actor);
      }
      const withBin = input.rows.some((r) => r.bin !== undefined);
      return applySnapshot(
        ctx.ds,
        { source: input.source, seq: input.seq, csv: snapshotRowsAsCsv(input.rows, { withBin }), withBin },
        actor,
      );
    },
    'inventory.deltas': async (ctx, { source, events }, actor) => {
      const results = await inTransaction(ctx.ds, (m) => applyDeltas(m, source, events, actor));
      return {
        applied: results.filter((r) => r.status === 'applied').length,
        stale: results.filter((r) => r.status === 'stale').length,
        results,
      };
    },
    'inventory.reconciliation': (ctx, { snapshotId, limit }, actor) =>
      readReconciliation(ctx.ds.manager, snapshotId, limit, locationScope(actor)),
    'inventory.expectReceipt': (ctx, input) => inTransaction(ctx.ds, (m) => expectReceipt(m, input)),
    'inventory.receive': (ctx, { receiptId, quantity }, actor) => inTransaction(ctx.ds, (m) => receive(m, receiptId, quantity, actor)),
    'inventory.receipts': (ctx, { sku }, actor) => listReceipts(ctx.ds.manager, sku, locationScope(actor)),
  },
  loops: (ctx) => [startReservationExpiry(ctx)],
});
