import { AppError, type Actor, type Pickup } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { auditNote } from '../../../kernel/audit';
import { lockOrder, recordOrderEvent } from '../../orders/order.store';
import { newPickupCode } from '../pickup-code';
import { announcePickup, OPEN_PICKUP, readPickup, replaceCode } from '../pickup.store';
import { toPickup } from '../pickup-view';

/** A supervisor's new code for a locked or compromised pickup: the old code stops working and the wrong-code count starts again. */
export async function reissueCode(ctx: ModuleContext, orderId: string, actor: Actor): Promise<Pickup> {
  return inTransaction(ctx.ds, async (m) => {
    const head = await lockOrder(m, orderId);
    const p = head ? await readPickup(m, orderId, true) : null;
    if (!head || !p) throw new AppError('NOT_FOUND', `No pickup for order ${orderId}: make the order ready for pickup first`);
    if (!(OPEN_PICKUP as readonly string[]).includes(p.status))
      throw new AppError('ILLEGAL_TRANSITION', `the pickup of order #${head.number} is ${p.status}: it needs no code any more`);
    await replaceCode(m, orderId, newPickupCode());
    await announcePickup(m, p.location_id, orderId);
    // The timeline says a new code was issued, never the code.
    await recordOrderEvent(m, { orderId, type: 'order.pickup_code_reissued', actor, data: { wrongCodesBefore: p.wrong_codes } });
    auditNote({ orderId, locationId: p.location_id, before: { wrongCodes: p.wrong_codes }, after: { wrongCodes: 0 } });
    return toPickup((await readPickup(m, orderId))!, true);
  });
}
