import { AppError, type Actor, type OrderInput, type OrderStatus } from '../../../shared';
import { assertTransition } from '../../core/lifecycle';
import { inTransaction } from '../../db/data-source';
import type { WorkflowDeps } from '../../kernel/context';
import { releaseReservations } from '../inventory/stock.store';
import { moveFulfilments, pickedParts } from '../sourcing/fulfilment.store';
import type { SourcingClaim } from '../sourcing/sourcing-claim.store';
import { channelKey, findOrderByChannelKey, lockOrder, recordOrderEvent, recordTransition } from './order.store';
import { orderShape, replaceLines, updateFromChannel } from './order-changes.store';
import { payloadHash, takeOrder, type IntakeOptions } from './intake-order';
import { cancelBackorders, transitionOrder } from './transition-order';

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
    if (!BEFORE_PICKING.includes(head.status) || (await pickedParts(m, orderId)) > 0) {
      return {
        status: 'exception',
        orderId,
        reason: `the channel changed the order after picking started (status ${head.status}); decide whether to stop it, or tell the customer`,
      };
    }
    const before = (await orderShape(m, orderId))!;
    const key = (ls: { sku: string; quantity: number }[]) =>
      [...ls]
        .sort((a, b) => (a.sku < b.sku ? -1 : 1))
        .map((l) => `${l.sku}×${l.quantity}`)
        .join(',');
    const linesChanged = key(before.lines) !== key(input.lines);
    const destinationChanged = before.shipTo.lat !== input.shipTo.lat || before.shipTo.lng !== input.shipTo.lng;
    const resource = linesChanged || destinationChanged;
    if (head.status === 'sourced' && resource) {
      assertTransition('sourced', 'received');
      const released = await releaseReservations(m, orderId, actor);
      await moveFulfilments(m, orderId, 'cancelled');
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
    await updateFromChannel(m, orderId, input, payloadHash(input));
    if (linesChanged) {
      // The new lines are sourced from scratch (the profile splits off a backorder again if it must).
      await cancelBackorders(m, orderId, actor, 'the channel changed the lines of the order it was split from');
      await replaceLines(m, orderId, input.lines);
    }
    await recordOrderEvent(m, {
      orderId,
      type: 'order.updated',
      actor,
      reason: 'changed by the channel',
      data: { linesChanged, destinationChanged },
    });
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
  const existingId = await findOrderByChannelKey(deps.ds.manager, channelKey('api', channelId), externalId);
  if (!existingId) return null;
  const existing = { id: existingId };
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
