import { AppError, WITH_CARRIER, type Actor, type Shipment } from '../../../../shared';
import { inTransaction, type Tx } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { resolveAlerts } from '../alerts.store';
import { carrierFailure } from '../carrier-failure';
import { carrierFor } from '../carrier-runtime';
import { lockShipmentHead, moveShipment, type ShipmentHead } from '../shipment-status.store';
import { listShipments, shipmentFacts, type ShipmentFacts } from '../shipments.store';

/**
 * Cancelling shipments that are not with the carrier yet: first at the carrier (idempotent there —
 * "already cancelled" is success; a carrier that cannot cancel by API is noted for a person), then
 * here, through the transition table. A parcel already with the carrier is refused by name.
 */

type Ctx = Pick<ModuleContext, 'ds' | 'config' | 'log'>;

/** Refuses a shipment that is with the carrier (or delivered), or whose label a node is buying right now. */
export function assertNotHandedOver(f: ShipmentFacts, parcelCode: string | null): void {
  if (WITH_CARRIER.includes(f.status) || f.status === 'delivered') {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `Shipment ${f.id}${parcelCode ? ` (parcel ${parcelCode})` : ''} is ${f.status}: the parcel is with the carrier and can no longer be cancelled or re-bought`,
    );
  }
  if (f.leased) {
    throw new AppError(
      'UNAVAILABLE',
      `The label of shipment ${f.id}${parcelCode ? ` (parcel ${parcelCode})` : ''} is being bought right now: try again in a few seconds`,
      undefined,
      5,
    );
  }
}

/**
 * Cancels the shipment at its carrier when it has one there. Answers a sentence for the timeline
 * when the carrier cannot cancel by API (a person must do it in the carrier's site). Throws the
 * carrier's failure as an AppError: nothing here changed.
 */
export async function cancelAtCarrier(ctx: Ctx, f: ShipmentFacts): Promise<string | null> {
  if (!f.externalId || !f.carrierAccountId) return null;
  const c = await carrierFor(ctx, f.carrierAccountId);
  if (!c.adapter.capabilities.cancel)
    return `${c.account.name} cannot cancel by API: cancel shipment ${f.externalId} in ${c.adapter.displayName} by hand`;
  try {
    await c.adapter.cancel(c.account, f.externalId, c.io);
    return null;
  } catch (e) {
    throw carrierFailure(e);
  }
}

/** Moves a locked shipment to cancelled with the person's reason, and closes its alerts. */
export async function markCancelled(m: Tx, head: ShipmentHead, reason: string, note: string | null, actor: Actor): Promise<void> {
  if (head.status === 'cancelled') return;
  await moveShipment(
    m,
    head,
    'cancelled',
    {
      source: 'manual',
      carrierCode: 'cancelled',
      carrierText: `Cancelled by ${actor.name}: ${reason}${note ? ` — ${note}` : ''}`,
      reason: 'cancelled',
      occurredAt: new Date(),
      dedupeKey: `cancel:${head.id}`,
    },
    actor,
  );
  await resolveAlerts(m, head, actor.name);
}

/** `shipping.cancel`. */
export async function cancelShipment(ctx: Ctx, shipmentId: string, reason: string, actor: Actor): Promise<Shipment> {
  const f = await shipmentFacts(ctx.ds.manager, shipmentId);
  if (!f) throw new AppError('NOT_FOUND', `No shipment ${shipmentId}`, [{ path: 'shipmentId', message: 'pick a shipment from the order' }]);
  const [view] = await listShipments(ctx.ds.manager, { ids: [shipmentId] });
  if (f.status === 'cancelled') return view!;
  assertNotHandedOver(f, view?.parcelCode ?? null);
  const note = await cancelAtCarrier(ctx, f);
  await inTransaction(ctx.ds, async (m) => {
    const head = await lockShipmentHead(m, shipmentId);
    if (!head) return;
    const again = (await shipmentFacts(m, shipmentId))!;
    assertNotHandedOver({ ...again, leased: false }, head.parcelCode);
    await markCancelled(m, head, reason, note, actor);
  });
  return (await listShipments(ctx.ds.manager, { ids: [shipmentId] }))[0]!;
}
