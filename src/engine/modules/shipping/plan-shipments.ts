import type { Actor, CarrierKind } from '../../../shared';
import type { Tx } from '../../db/data-source';
import type { ModuleContext } from '../../kernel/context';
import { anyEnabledCarrier } from './carrier-accounts.store';
import { currentDecision } from './decisions.store';
import { insertDraftShipments } from './label-work.store';
import { shippingChanged } from './shipment-status.store';

/**
 * Packing hands parcels to shipping (published at the module's root; packing calls it in its own
 * transaction). When a carrier account is enabled and the order goes to the customer's home, each
 * parcel becomes a `draft` shipment due now: the label worker rate-shops (unless the order+location
 * has a decision already) and buys the label, which then prints at the packing station. Otherwise
 * nothing is planned and packing prints its own label, as before carriers existed.
 */

/** The job that nudges the label worker after packing commits (key: the order id). */
export const SHIP_PARCELS_JOB = 'ship-parcels';

export async function planShipments(
  m: Tx,
  p: { orderId: string; locationId: string; parcelIds: readonly string[]; stationId: string | null; actor: Actor },
): Promise<boolean> {
  if (!p.parcelIds.length) return false;
  const order: { delivery_type: string }[] = await m.query(`SELECT delivery_type FROM orders WHERE id = $1`, [p.orderId]);
  if (order[0]?.delivery_type !== 'home_delivery') return false;
  if (!(await anyEnabledCarrier(m))) return false;
  const decision = await currentDecision(m, p.orderId, p.locationId);
  let carrier: { accountId: string; kind: CarrierKind; service: string } | null = null;
  if (decision) {
    const kind = decision.options.find((o) => o.carrierAccountId === decision.carrierAccountId)?.carrier;
    const k: { kind: CarrierKind }[] = kind
      ? [{ kind }]
      : await m.query(`SELECT kind FROM carrier_accounts WHERE id = $1`, [decision.carrierAccountId]);
    if (k[0]) carrier = { accountId: decision.carrierAccountId, kind: k[0].kind, service: decision.service };
  }
  const ids = await insertDraftShipments(m, {
    orderId: p.orderId,
    locationId: p.locationId,
    parcelIds: p.parcelIds,
    stationId: p.stationId,
    carrier,
  });
  for (const id of ids) await shippingChanged(m, { id, orderId: p.orderId, locationId: p.locationId, status: 'draft' });
  return ids.length > 0;
}

/**
 * Asks a worker to buy the order's labels now, after the packing transaction committed (the label
 * worker's loop is the safety net: a lost nudge only waits for its next pass).
 */
export function nudgeLabels(ctx: Pick<ModuleContext, 'queue' | 'log'>, orderId: string): void {
  ctx.queue.enqueue(SHIP_PARCELS_JOB, orderId).catch((err: unknown) => ctx.log.warn({ err, orderId }, 'could not nudge the label worker'));
}
