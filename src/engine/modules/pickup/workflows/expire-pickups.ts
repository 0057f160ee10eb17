import { inTransaction, type Tx } from '../../../db/data-source';
import { SYSTEM_ACTOR, type WorkflowDeps } from '../../../kernel/context';
import { startPeriodic } from '../../../kernel/periodic';
import { releaseReservations } from '../../inventory/stock.store';
import { recordTransition } from '../../orders/order.store';
import { cancelBackorders } from '../../orders/transition-order';
import { moveFulfilments } from '../../sourcing/fulfilment.store';
import { orderOutcome, unitsLeft } from '../handover-plan';
import { announcePickup, cancelLineUnits, claimDuePickup, readPickup, settlePickup } from '../pickup.store';

/** "2026-12-13 18:00 UTC": when a no-show's time ran out, in its order's timeline. */
const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Closes one pickup that is due, if any (see claimDuePickup): a no-show past its expiry releases the
 * units not collected, cancels them on the order and cancels the order — or delivers it when part
 * was collected; a pickup whose order was cancelled from the desk is cancelled (its stock went with
 * the order). False when nothing was due.
 */
async function closeOne(m: Tx, now: Date): Promise<boolean> {
  const due = await claimDuePickup(m, now);
  if (!due) return false;
  const p = (await readPickup(m, due.orderId))!;
  if (due.orderStatus !== 'packed') {
    await settlePickup(m, due.orderId, 'cancelled', p.collected);
    await announcePickup(m, p.location_id, due.orderId);
    return true;
  }
  const left = unitsLeft(p);
  const released = await releaseReservations(m, due.orderId, SYSTEM_ACTOR);
  await cancelLineUnits(m, due.orderId, left);
  await settlePickup(m, due.orderId, 'expired', p.collected);
  await announcePickup(m, p.location_id, due.orderId);
  const to = orderOutcome(p.collected);
  await moveFulfilments(m, due.orderId, to);
  await recordTransition(m, {
    orderId: due.orderId,
    from: 'packed',
    to,
    type: `order.${to}`,
    actor: SYSTEM_ACTOR,
    reason: to === 'cancelled' ? `not collected by ${when(p.expires_at)}` : `the rest was not collected by ${when(p.expires_at)}`,
    data: { released, notCollected: Object.fromEntries(left.map((l) => [l.sku, l.quantity])), collected: p.collected },
  });
  // A no-show cancels the order's open backorders too, as any cancellation does.
  if (to === 'cancelled') await cancelBackorders(m, due.orderId, SYSTEM_ACTOR, `not collected by ${when(p.expires_at)}`);
  return true;
}

/**
 * The no-show pass: closes every pickup due at `now`, each in its own transaction (one bad pickup
 * does not hold the others back), at most `limit` per pass. Safe on many nodes at once: a pickup
 * another node is closing is skipped, never closed twice. Answers how many were closed.
 */
export async function expireDuePickups(deps: Pick<WorkflowDeps, 'ds'>, now: Date = new Date(), limit = 500): Promise<number> {
  let n = 0;
  while (n < limit && (await inTransaction(deps.ds, (m) => closeOne(m, now)))) n++;
  return n;
}

/** The no-show loop: a background pass on worker nodes, every minute. */
export function startPickupExpiry(deps: WorkflowDeps, everyMs = 60_000): { stop(): Promise<void> } {
  return startPeriodic(deps.log, 'pickup expiry', everyMs, async () => {
    const n = await expireDuePickups(deps);
    if (n) deps.log.info({ count: n }, 'closed pickups past their expiry');
  });
}
