import { actsOnLocation, AppError, type Order, type OrderStatus, type ParsedInputOf, type RejectionReason } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import { getOrder, lockOrder, recordTransition } from '../../orders/order.store';
import { openParts, type OpenPart } from '../../sourcing/backorder.store';
import { addExclusion, blockLocationForToday, cancelOpenFulfilments, correctStock } from '../../sourcing/sourcing-ops.store';
import { releaseReservations } from '../../inventory/stock.store';
import type { Actor } from '../../../../shared';
import type { WorkflowDeps } from '../../../kernel/context';
import { assertWorksAt } from '../../../kernel/location-scope';

/** How each reason reads on the timeline and in the sourcing decision record. */
export const REJECTION_TEXT: Record<RejectionReason | 'short_pick', string> = {
  not_in_stock: 'rejected by the store: not in stock',
  damaged: 'rejected by the store: stock damaged',
  no_capacity: 'no capacity today',
  short_pick: 'short pick',
};

export type RejectInput = ParsedInputOf<'fulfilment.reject'>;
export type RejectResult = { order: Order; locationId: string; stock: { sku: string; onHandDelta: number }[]; blockedUntil: string | null };

/**
 * A store gives an order back with a reason code, in one transaction: the order's reservation is
 * released, stock is corrected by the reason (`not_in_stock` leaves nothing to promise there for
 * the SKU, `damaged` removes the damaged units, `no_capacity` blocks the location for new orders
 * until the end of its day), the location is excluded for this order (for `no_capacity`, by the
 * day block: the order may go back there tomorrow), and the order goes back to
 * `received`. After commit it is queued for sourcing elsewhere (the sweeper re-queues it if that
 * enqueue is lost). Nothing is half-applied: any failure rolls the whole rejection back.
 */
export async function rejectFulfilment(deps: WorkflowDeps, input: RejectInput, actor: Actor): Promise<RejectResult> {
  const result = await inTransaction(deps.ds, async (m) => {
    const head = await lockOrder(m, input.orderId);
    if (!head) throw new AppError('NOT_FOUND', `No order with id ${input.orderId}`);
    const main = assertRejectable(head.status, head.locationId, 'rejected');
    // What the location holds for the order (an order may ship from several, and a short pick's remainder may share a SKU with the part picked elsewhere).
    const parts = await openParts(m, input.orderId);
    const locationId = input.locationId ?? partToPick(ownParts(parts, actor), main);
    assertWorksAt(actor, locationId);
    const mine = parts.filter((p) => p.locationId === locationId && p.status === 'assigned').flatMap((p) => p.lines);
    if (input.locationId !== undefined && !mine.length) {
      throw new AppError('VALIDATION_FAILED', `Order #${head.number} has nothing waiting at ${input.locationId}`, [
        {
          path: 'locationId',
          message: `the order's parts to pick are at ${[...new Set(parts.filter((p) => p.status === 'assigned').map((p) => p.locationId))].join(', ')}; name one of those, or leave it out for ${main}`,
        },
      ]);
    }
    if (input.sku !== undefined && !mine.some((l) => l.sku === input.sku)) {
      throw new AppError('VALIDATION_FAILED', `Order #${head.number} has no line with SKU ${input.sku} at ${locationId}`, [
        { path: 'sku', message: `not on the order there; use one of ${mine.map((l) => l.sku).join(', ')} or leave it out for every line` },
      ]);
    }
    // The whole order is sourced again (one decision for all its lines), every part released.
    const released = await releaseReservations(m, input.orderId, actor);
    await cancelOpenFulfilments(m, input.orderId);
    const concerned = input.sku === undefined ? mine : mine.filter((l) => l.sku === input.sku);
    const text = REJECTION_TEXT[input.reasonCode];
    let stock: { sku: string; onHandDelta: number }[] = [];
    let blockedUntil: string | null = null;
    if (input.reasonCode === 'not_in_stock') {
      stock = await correctStock(m, {
        locationId,
        items: concerned.map((l) => ({ sku: l.sku, remove: 'zero' as const })),
        reason: 'rejection:not_in_stock',
        orderId: input.orderId,
        actor,
      });
    } else if (input.reasonCode === 'damaged') {
      stock = await correctStock(m, {
        locationId,
        items: concerned.map((l) => ({ sku: l.sku, remove: input.quantity ?? l.quantity })),
        reason: 'rejection:damaged',
        orderId: input.orderId,
        actor,
      });
    } else {
      blockedUntil = await blockLocationForToday(m, {
        locationId,
        orderId: input.orderId,
        reason: `${text} (order #${head.number})`,
        actor,
      });
    }
    const reasonText = input.note ? `${text}: ${input.note}` : text;
    // "No capacity" is over at the end of the day: the day block excludes the location until then,
    // for every order; a lasting exclusion of this order would keep it away after that.
    if (input.reasonCode !== 'no_capacity')
      await addExclusion(m, { orderId: input.orderId, locationId, code: input.reasonCode, reason: reasonText, actor });
    await recordTransition(m, {
      orderId: input.orderId,
      from: head.status,
      to: 'received',
      type: 'order.rejected',
      actor,
      reason: reasonText,
      locationId: null,
      data: { rejectedAt: locationId, reasonCode: input.reasonCode, released, stock, blockedUntil, resourcing: true },
    });
    return { order: (await getOrder(m, input.orderId))!, locationId, stock, blockedUntil };
  });
  await requeue(deps, input.orderId);
  return result;
}

/** Only an order assigned to a location and not yet picked can be given back; returns that location. */
export function assertRejectable(status: OrderStatus, locationId: string | null, what: string): string {
  if (status !== 'sourced' || !locationId) {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `Only an order assigned to a location and not yet picked can be ${what}; this one is "${status}"` +
        (status === 'received' || status === 'unfillable' ? ' (it is waiting to be sourced)' : ''),
    );
  }
  return locationId;
}

/** The location a report without one is about: the main location if its part waits to be picked, else the first part that does. */
export function partToPick(parts: readonly OpenPart[], main: string): string {
  const waiting = parts.filter((p) => p.status === 'assigned');
  return waiting.some((p) => p.locationId === main) ? main : (waiting[0]?.locationId ?? main);
}

/** The parts a caller may report on: an associate's own locations' (without a location named, theirs is the one meant). */
export function ownParts(parts: readonly OpenPart[], actor: Actor): OpenPart[] {
  return parts.filter((p) => actsOnLocation(actor, p.locationId));
}

/** Queues sourcing after commit; if the queue is down, the sweeper finds the order in `received` later. */
export async function requeue(deps: WorkflowDeps, orderId: string): Promise<void> {
  try {
    await deps.queue.enqueueSourcing(orderId);
  } catch (err) {
    deps.log.warn({ err, orderId }, 're-sourcing enqueue failed; the sweeper will pick the order up');
  }
}
