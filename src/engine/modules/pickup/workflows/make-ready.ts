import { AppError, type Actor, type DocLocale, type Pickup, type PrintJob } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { auditNote } from '../../../kernel/audit';
import { assertWorksAt } from '../../../kernel/location-scope';
import { lockOrder, recordOrderEvent } from '../../orders/order.store';
import { enqueuePrint } from '../../printing/print-jobs.store';
import { buildPickupDocument } from '../pickup-documents';
import { newPickupCode } from '../pickup-code';
import { announcePickup, insertPickup, pickupOrderFacts, readPickup, readPolicy, reservedUnits } from '../pickup.store';
import { seesPickupCode, toPickup } from '../pickup-view';

/** The bag label's language until stations say theirs. */
const LABEL_LOCALE: DocLocale = 'es';

/**
 * Makes a packed store-pickup order ready at its pickup location: a code, the pickup row (units as
 * reserved now, expiring after the policy's hold), the counter's event, the order's timeline event
 * and — with `print` — the bag label queued on the station, all in one transaction with the order
 * locked. The answer carries the code for the person who made it ready; asking again answers the
 * same pickup, with the code only for a supervisor.
 */
export async function makeReady(
  ctx: ModuleContext,
  input: { orderId: string; print: boolean; stationId?: string },
  actor: Actor,
): Promise<{ pickup: Pickup; printJob: PrintJob | null }> {
  const { orderId } = input;
  return inTransaction(ctx.ds, async (m) => {
    const head = await lockOrder(m, orderId);
    const facts = head ? await pickupOrderFacts(m, orderId) : null;
    if (!head || !facts) throw new AppError('NOT_FOUND', `No order with id ${orderId}`);
    if (facts.deliveryType !== 'store_pickup' || !facts.pickupLocationId) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `order #${facts.number} is for home delivery: it ships to the customer; only store-pickup orders are made ready at a counter`,
      );
    }
    // The pickup happens at the pickup location: only who works there makes it ready.
    assertWorksAt(actor, facts.pickupLocationId, 'orderId');
    const existing = await readPickup(m, orderId);
    if (existing) return { pickup: toPickup(existing, seesPickupCode(actor)), printJob: null };
    if (facts.status !== 'packed') {
      const hint = ['sourced', 'picked'].includes(facts.status) ? 'pack it first' : 'there is nothing to hand over';
      throw new AppError('ILLEGAL_TRANSITION', `order #${facts.number} is ${facts.status}: ${hint}`);
    }
    const lines = await reservedUnits(m, orderId);
    if (!Object.keys(lines).length) throw new AppError('ILLEGAL_TRANSITION', `order #${facts.number} holds no reserved units to hand over`);
    const policy = await readPolicy(m);
    await insertPickup(m, {
      orderId,
      locationId: facts.pickupLocationId,
      code: newPickupCode(),
      lines,
      readyBy: actor.id,
      holdHours: policy.hold_hours,
    });
    await announcePickup(m, facts.pickupLocationId, orderId);
    const row = (await readPickup(m, orderId))!;
    await recordOrderEvent(m, {
      orderId,
      type: 'order.ready_for_pickup',
      actor,
      reason: `ready for pickup at ${facts.pickupLocationId}`,
      data: { locationId: facts.pickupLocationId, expiresAt: row.expires_at.toISOString(), lines },
    });
    let printJob: PrintJob | null = null;
    if (input.print) {
      const request = await buildPickupDocument(m, { orderId }, LABEL_LOCALE);
      printJob = await enqueuePrint(m, { ...request, stationId: input.stationId ?? ctx.config.stationId }, actor);
    }
    auditNote({ orderId, locationId: facts.pickupLocationId, after: { pickup: 'ready', expiresAt: row.expires_at.toISOString(), lines } });
    return { pickup: toPickup(row, true), printJob };
  });
}
