import { AppError, type OrderInput, type OrderStatus } from '../../shared';
import { assertTransition } from '../core/lifecycle';
import { inTransaction } from '../adapters/db/data-source';
import { channelKey, lockOrder, recordTransition } from '../adapters/db/order-store';
import type { SourcingClaim } from '../adapters/db/sourcing-claim';
import { releaseReservations } from '../adapters/db/stock-store';
import type { Actor } from '../engine.types';
import type { WorkflowDeps } from './deps';
import { cancelBackorders, transitionOrder } from './advance-order';
import { payloadHash, takeOrder, type IntakeOptions } from './intake-order';

/** What a channel message did; the inbox row records it. */
export type ChangeOutcome =
  /** `created`: a new order, taken in with `sourceInline` — the caller sources it (or enqueues it). */
  | { status: 'processed'; orderId: string; note?: string; created?: boolean; sourcing?: SourcingClaim }
  | { status: 'ignored'; orderId: string | null; reason: string }
  /** Needs a person: the change cannot be applied automatically at this stage of the order. */
  | { status: 'exception'; orderId: string | null; reason: string };

/** Statuses in which the floor has not touched the order yet: changes and cancels apply automatically. */
const BEFORE_PICKING: readonly OrderStatus[] = ['received', 'unfillable', 'sourced'];

/**
 * An order from a channel: new → intake; the same content again → nothing; changed content for an
 * order in flight → applied before picking (re-sourced when lines or destination changed), an
 * exception for a planner after.
 */
export async function applyOrderUpsert(
  deps: WorkflowDeps,
  input: OrderInput,
  actor: Actor,
  opts: IntakeOptions = {},
): Promise<ChangeOutcome> {
  // Insert first: most deliveries are new orders, and the insert finds an existing one in the same round trip.
  const r = await takeOrder(deps, input, undefined, actor, opts);
  if (r.kind === 'created') {
    return { status: 'processed', orderId: r.order.id, ...(opts.sourceInline ? { created: true, sourcing: r.sourcing } : {}) };
  }
  if (r.kind === 'replayed') return { status: 'processed', orderId: r.order.id, note: 'no change' };
  return applyOrderChange(deps, r.existingId, input, actor);
}

async function applyOrderChange(deps: WorkflowDeps, orderId: string, input: OrderInput, actor: Actor): Promise<ChangeOutcome> {
  const res = await inTransaction(deps.ds, async (m): Promise<ChangeOutcome & { resource?: boolean }> => {
    const head = await lockOrder(m, orderId);
    if (!head) throw new Error(`order ${orderId} vanished`);
    if (head.status === 'cancelled')
      return { status: 'ignored', orderId, reason: 'the order is already cancelled; the update was not applied' };
    // A part already picked (a split, or a short pick's remainder elsewhere) means picking has started.
    const picking: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM fulfilment_orders WHERE order_id = $1 AND status = 'picked'`,
      [orderId],
    );
    if (!BEFORE_PICKING.includes(head.status) || (picking[0]?.n ?? 0) > 0) {
      return {
        status: 'exception',
        orderId,
        reason: `the channel changed the order after picking started (status ${head.status}); decide whether to stop it, or tell the customer`,
      };
    }
    const cur: { ship_to: { lat: number; lng: number }; lines: { sku: string; quantity: number }[] }[] = await m.query(
      `SELECT o.ship_to, (SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity) ORDER BY l.sku) FROM order_lines l WHERE l.order_id = o.id) AS lines
       FROM orders o WHERE o.id = $1`,
      [orderId],
    );
    const before = cur[0]!;
    const key = (ls: { sku: string; quantity: number }[]) =>
      [...ls]
        .sort((a, b) => (a.sku < b.sku ? -1 : 1))
        .map((l) => `${l.sku}×${l.quantity}`)
        .join(',');
    const linesChanged = key(before.lines) !== key(input.lines);
    const destinationChanged = before.ship_to.lat !== input.shipTo.lat || before.ship_to.lng !== input.shipTo.lng;
    const resource = linesChanged || destinationChanged;
    if (head.status === 'sourced' && resource) {
      assertTransition('sourced', 'received');
      const released = await releaseReservations(m, orderId, actor);
      await m.query(`UPDATE fulfilment_orders SET status = 'cancelled', updated_at = now() WHERE order_id = $1 AND status <> 'cancelled'`, [
        orderId,
      ]);
      await recordTransition(m, {
        orderId,
        from: 'sourced',
        to: 'received',
        type: 'order.resourcing',
        actor,
        reason: 'the channel changed the order',
        data: { released, linesChanged, destinationChanged },
        locationId: null,
      });
    }
    const units = input.lines.reduce((s, l) => s + l.quantity, 0);
    const amount = input.lines.every((l) => l.unitPrice !== undefined)
      ? input.lines.reduce((s, l) => s + l.quantity * (l.unitPrice ?? 0), 0)
      : null;
    await m.query(
      `UPDATE orders SET customer = $2, ship_to = $3, currency = $4, total_units = $5, total_amount = $6, notes = $7, raw = $8, payload_hash = $9,
         external_number = $10, bill_to = $11, promised_at = $12, payment_status = coalesce($13, payment_status), shipping_method = $14, shipping_amount = $15,
         tax_total = $16, discount_total = $17, tags = coalesce($18::text[], '{}'), geocode_source = $19, updated_at = now()
       WHERE id = $1`,
      [
        orderId,
        input.customer,
        input.shipTo,
        input.currency,
        units,
        amount,
        input.notes ?? null,
        input,
        payloadHash(input),
        input.externalNumber ?? null,
        input.billTo ?? null,
        input.promisedAt ?? null,
        input.paymentStatus ?? null,
        input.shipping?.method ?? null,
        input.shipping?.amount ?? null,
        input.taxTotal ?? null,
        input.discountTotal ?? null,
        input.tags ?? null,
        input.geocodeSource ?? null,
      ],
    );
    if (linesChanged) {
      // The new lines are sourced from scratch (the profile splits off a backorder again if it must).
      await cancelBackorders(m, orderId, actor, 'the channel changed the lines of the order it was split from');
      await m.query('DELETE FROM order_lines WHERE order_id = $1', [orderId]);
      await m.query(
        `INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price) SELECT $1, t.n, t.sku, t.qty, t.price FROM unnest($2::text[], $3::int[], $4::numeric[]) WITH ORDINALITY AS t(sku, qty, price, n)`,
        [orderId, input.lines.map((l) => l.sku), input.lines.map((l) => l.quantity), input.lines.map((l) => l.unitPrice ?? null)],
      );
    }
    await m.query(
      `WITH o AS (SELECT id, number, status, location_id FROM orders WHERE id = $1),
       e AS (INSERT INTO order_events (order_id, type, actor_id, actor_name, reason, data) SELECT o.id, 'order.updated', $2, $3, 'changed by the channel', $4 FROM o)
       INSERT INTO engine_events (payload) SELECT atalaya_order_changed(o.id, o.number, o.status, o.status, o.location_id, now()) FROM o`,
      [orderId, actor.id, actor.name, { linesChanged, destinationChanged }],
    );
    return { status: 'processed', orderId, note: resource ? 're-sourcing' : 'updated', resource: resource || head.status !== 'sourced' };
  });
  if (res.status === 'processed' && res.resource) await deps.queue.enqueueSourcing(orderId);
  const { resource: _r, ...outcome } = res;
  return outcome;
}

/** A cancellation from a channel: before picking it cancels and releases stock; later it is an exception for a planner. */
export async function applyOrderCancel(
  deps: WorkflowDeps,
  channelId: string | null,
  externalId: string,
  reason: string,
  actor: Actor,
): Promise<ChangeOutcome | null> {
  // Orders that came through this channel account; keyless loopback REST orders have no channel row.
  const found: { id: string }[] = await deps.ds.query('SELECT id FROM orders WHERE channel_key = $1 AND external_id = $2', [
    channelKey('api', channelId),
    externalId,
  ]);
  const existing = found[0];
  if (!existing) return null;
  const head = await lockOrderStatus(deps, existing.id);
  if (head === 'cancelled') return { status: 'processed', orderId: existing.id, note: 'already cancelled' };
  if (!BEFORE_PICKING.includes(head)) {
    return {
      status: 'exception',
      orderId: existing.id,
      reason: `the channel cancelled the order after picking started (status ${head}): ${reason}. Stop or recall it, then discard this row with what was done`,
    };
  }
  try {
    await transitionOrder(deps, existing.id, 'cancelled', actor, `cancelled by the channel: ${reason}`.slice(0, 500));
  } catch (e) {
    // The floor moved it past picking between our look and the cancel: a person decides.
    if (e instanceof AppError && e.code === 'ILLEGAL_TRANSITION')
      return { status: 'exception', orderId: existing.id, reason: `cancel raced with the floor: ${e.message}` };
    throw e;
  }
  return { status: 'processed', orderId: existing.id, note: 'cancelled' };
}

async function lockOrderStatus(deps: WorkflowDeps, id: string): Promise<OrderStatus> {
  const head = await lockOrder(deps.ds.manager, id);
  if (!head) throw new Error(`order ${id} vanished`);
  return head.status;
}
