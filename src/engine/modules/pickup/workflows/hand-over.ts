import { AppError, PICKUP_MAX_WRONG_CODES, type Actor, type Order, type Pickup } from '../../../../shared';
import { assertTransition } from '../../../core/lifecycle';
import { inTransaction } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { auditNote } from '../../../kernel/audit';
import { assertWorksAt } from '../../../kernel/location-scope';
import { commitOrderUnits, releaseReservations } from '../../inventory/stock.store';
import { getOrder, lockOrder, recordOrderEvent, recordTransition } from '../../orders/order.store';
import { moveFulfilments } from '../../sourcing/fulfilment.store';
import { codeMatches } from '../pickup-code';
import { planHandover, unitsLeft, type SkuUnits } from '../handover-plan';
import { announcePickup, cancelLineUnits, countWrongCode, OPEN_PICKUP, readPickup, readPolicy, settlePickup } from '../pickup.store';
import { seesPickupCode, toPickup } from '../pickup-view';

export interface HandoverInput {
  orderId: string;
  code: string;
  lines?: SkuUnits[];
  declineRest: boolean;
}

/**
 * The counter: checks the code the customer shows (a wrong one is counted and stays counted though
 * the call fails; too many lock the pickup), then commits the units taken, closes the pickup when
 * everything is collected or the rest is declined (released to stock, cancelled on the order) and
 * moves the order to delivered — one transaction with the order locked.
 */
export async function handOver(ctx: ModuleContext, input: HandoverInput, actor: Actor): Promise<{ pickup: Pickup; order: Order }> {
  const { orderId } = input;
  const result = await inTransaction(ctx.ds, async (m): Promise<{ wrong: number } | null> => {
    const head = await lockOrder(m, orderId);
    const p = head ? await readPickup(m, orderId, true) : null;
    if (!head) throw new AppError('NOT_FOUND', `No order with id ${orderId}`);
    if (!p) throw new AppError('ILLEGAL_TRANSITION', `order #${head.number} is not ready for pickup: make it ready first (pickup.ready)`);
    assertWorksAt(actor, p.location_id, 'orderId');
    if (!(OPEN_PICKUP as readonly string[]).includes(p.status))
      throw new AppError('ILLEGAL_TRANSITION', `the pickup of order #${head.number} is ${p.status}: there is nothing left to hand over`);
    if (head.status !== 'packed') throw new AppError('ILLEGAL_TRANSITION', `order #${head.number} is ${head.status}: nothing to hand over`);
    if (p.wrong_codes >= PICKUP_MAX_WRONG_CODES)
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `the pickup of order #${head.number} is locked after ${PICKUP_MAX_WRONG_CODES} wrong codes: ask a supervisor for a new code`,
      );
    if (!codeMatches(p.code, input.code)) return { wrong: await countWrongCode(m, orderId) };

    const policy = await readPolicy(m);
    const plan = planHandover(p, { lines: input.lines, declineRest: input.declineRest }, { allowPartial: policy.allow_partial });
    const committed = await commitOrderUnits(m, orderId, plan.take, actor);
    const short = plan.take.find((t) => committed[t.sku] !== t.quantity);
    if (short)
      throw new AppError(
        'INTERNAL',
        `order #${head.number} has ${committed[short.sku] ?? 0} of SKU ${short.sku} reserved, not the ${short.quantity} its pickup hands over`,
      );
    const released = plan.decline.length ? await releaseReservations(m, orderId, actor) : 0;
    await cancelLineUnits(m, orderId, plan.decline);
    await settlePickup(m, orderId, plan.status, plan.collected);
    await announcePickup(m, p.location_id, orderId);
    const taken = Object.fromEntries(plan.take.map((t) => [t.sku, t.quantity]));
    if (plan.status === 'collected') {
      assertTransition(head.status, 'delivered');
      await moveFulfilments(m, orderId, 'delivered');
      await recordTransition(m, {
        orderId,
        from: head.status,
        to: 'delivered',
        type: 'order.delivered',
        actor,
        reason: plan.decline.length ? 'handed over at the counter; the customer declined the rest' : 'handed over at the counter',
        data: { taken, declined: Object.fromEntries(plan.decline.map((d) => [d.sku, d.quantity])), released },
      });
    } else {
      const left = Object.fromEntries(unitsLeft({ lines: p.lines, collected: plan.collected }).map((l) => [l.sku, l.quantity]));
      await recordOrderEvent(m, {
        orderId,
        type: 'order.pickup_partial',
        actor,
        reason: 'part handed over at the counter',
        data: { taken, left },
      });
    }
    auditNote({
      orderId,
      locationId: p.location_id,
      before: { pickup: p.status, collected: p.collected },
      after: { pickup: plan.status, collected: plan.collected },
    });
    return null;
  });
  if (result) {
    const left = Math.max(0, PICKUP_MAX_WRONG_CODES - result.wrong);
    throw new AppError(
      'SCAN_MISMATCH',
      left
        ? `that is not this order's pickup code (${left} ${left === 1 ? 'try' : 'tries'} left)`
        : `that is not this order's pickup code (no tries left): the pickup is locked — ask a supervisor for a new code`,
      [{ path: 'code', message: 'type or scan the code the customer shows' }],
    );
  }
  const m = ctx.ds.manager;
  return { pickup: toPickup((await readPickup(m, orderId))!, seesPickupCode(actor)), order: (await getOrder(m, orderId))! };
}
