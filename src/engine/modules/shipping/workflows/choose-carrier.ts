import { AppError, type Actor, type ParsedInputOf, type RateOption, type ShippingDecision } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import { auditNote } from '../../../kernel/audit';
import type { ModuleContext } from '../../../kernel/context';
import { recordOrderEvent } from '../../orders/order.store';
import { getCarrierAccount } from '../carrier-accounts.store';
import { carrierFor } from '../carrier-runtime';
import { currentDecision, replaceDecision } from '../decisions.store';
import { insertDraftShipments } from '../label-work.store';
import { shipsWithMercadoEnvios } from '../label-policy';
import { nudgeLabels } from '../plan-shipments';
import { lockShipmentHead, shippingChanged } from '../shipment-status.store';
import { liveShipmentFacts, orderBrief, parcelLocations, shipmentFacts, type ShipmentFacts } from '../shipments.store';
import { assertNotHandedOver, cancelAtCarrier, markCancelled } from './cancel-shipment';

/**
 * A supervisor chooses the carrier and service for what an order packed at a location: the labels
 * not yet handed over are cancelled at the old carrier (idempotent there) and here, the decision
 * records the choice with the reason (the rate shop's options kept, the chosen one first), and new
 * drafts for the same parcels are due now with the chosen account — the label worker buys them and
 * they print at the station that packed. A parcel already with the carrier is refused by name.
 */

type Ctx = Pick<ModuleContext, 'ds' | 'config' | 'log' | 'queue'>;

/** The location an order's parcels are at: the one named, else the only one. */
export async function packingLocation(ctx: Pick<ModuleContext, 'ds'>, orderId: string, locationId?: string) {
  const order = await orderBrief(ctx.ds.manager, orderId);
  if (!order) throw new AppError('NOT_FOUND', `No order with id ${orderId}`, [{ path: 'orderId', message: 'use the id of an order' }]);
  const places = await parcelLocations(ctx.ds.manager, orderId);
  if (locationId) {
    const p = places.find((x) => x.locationId === locationId);
    if (!p) {
      throw new AppError('VALIDATION_FAILED', `Order #${order.number} has no parcels packed at ${locationId}`, [
        {
          path: 'locationId',
          message: places.length ? `its parcels are at ${places.map((x) => x.locationId).join(', ')}` : 'pack it first',
        },
      ]);
    }
    return { order, place: p };
  }
  if (places.length === 1) return { order, place: places[0]! };
  throw new AppError(
    'VALIDATION_FAILED',
    places.length
      ? `Order #${order.number} has parcels at ${places.map((x) => x.locationId).join(', ')}: say which location`
      : `Order #${order.number} has no packed parcels yet: carriers are chosen for what was packed`,
    [{ path: 'locationId', message: places.length ? `one of ${places.map((x) => x.locationId).join(', ')}` : 'pack the order first' }],
  );
}

export async function chooseCarrier(ctx: Ctx, input: ParsedInputOf<'shipping.choose'>, actor: Actor): Promise<ShippingDecision> {
  const { order, place } = await packingLocation(ctx, input.orderId, input.locationId);
  const account = await getCarrierAccount(ctx.ds.manager, input.carrierAccountId);
  if (!account) {
    throw new AppError('NOT_FOUND', `No carrier account ${input.carrierAccountId}`, [
      { path: 'carrierAccountId', message: 'pick an account from the carrier list' },
    ]);
  }
  if (!account.enabled) {
    throw new AppError('VALIDATION_FAILED', `Carrier account ${account.name} is disabled: enable it under Carriers, or choose another`, [
      { path: 'carrierAccountId', message: 'pick an enabled account' },
    ]);
  }
  const ml = shipsWithMercadoEnvios(order);
  if (ml !== (account.kind === 'mercadoenvios')) {
    throw new AppError(
      'VALIDATION_FAILED',
      ml
        ? `Order #${order.number} is a Mercado Libre order whose shipment Mercado Libre made: it ships with a Mercado Envíos account`
        : `${account.name} is a Mercado Envíos account: it carries only Mercado Libre orders whose shipment Mercado Libre made`,
      [{ path: 'carrierAccountId', message: 'pick an account that can carry this order' }],
    );
  }
  await carrierFor(ctx, account.id); // a missing setting is refused now, not at the label

  const live = await liveShipmentFacts(ctx.ds.manager, order.id, place.locationId);
  for (const f of live) assertNotHandedOver(f, null);
  const notes = new Map<string, string | null>();
  for (const f of live) notes.set(f.id, await cancelAtCarrier(ctx, f));
  const stationId = live.find((f) => f.stationId)?.stationId ?? ctx.config.stationId;

  const { before, decision } = await inTransaction(ctx.ds, async (m) => {
    for (const f of live) {
      const head = await lockShipmentHead(m, f.id);
      if (!head) continue;
      const again: ShipmentFacts = { ...(await shipmentFacts(m, f.id))!, leased: false };
      assertNotHandedOver(again, head.parcelCode);
      await markCancelled(m, head, input.reason, notes.get(f.id) ?? null, actor);
    }
    const prev = await currentDecision(m, order.id, place.locationId);
    const known = prev?.options.find((o) => o.carrierAccountId === account.id && o.service === input.service);
    const chosen: RateOption = known ?? {
      carrierAccountId: account.id,
      carrier: account.kind,
      carrierName: account.name,
      service: input.service,
      serviceName: input.service,
      price: null,
      transitDays: null,
      etaAt: null,
      meetsPromise: null,
      onTimeRate: null,
      score: null,
      excluded: null,
    };
    const rest = (prev?.options ?? []).filter((o) => o !== known);
    const was = prev ? ` (the rate shop had chosen ${prev.options[0]?.carrierName ?? prev.carrierAccountId} ${prev.service})` : '';
    const decision = await replaceDecision(m, {
      orderId: order.id,
      locationId: place.locationId,
      carrierAccountId: account.id,
      service: input.service,
      options: [chosen, ...rest],
      explanation: `${actor.name} chose ${account.name} ${chosen.serviceName}: ${input.reason}${was}`,
      promisedAt: prev?.promisedAt ? new Date(prev.promisedAt) : null,
      cutoffAt: prev?.cutoffAt ? new Date(prev.cutoffAt) : null,
      decidedBy: actor.name,
      overridden: true,
      reason: input.reason,
    });
    const ids = await insertDraftShipments(m, {
      orderId: order.id,
      locationId: place.locationId,
      parcelIds: place.parcelIds,
      stationId,
      carrier: { accountId: account.id, kind: account.kind, service: input.service },
    });
    for (const id of ids) await shippingChanged(m, { id, orderId: order.id, locationId: place.locationId, status: 'draft' });
    await recordOrderEvent(m, {
      orderId: order.id,
      type: 'shipping.chosen',
      actor,
      reason: input.reason,
      data: {
        decisionId: decision.id,
        locationId: place.locationId,
        carrierAccountId: account.id,
        carrier: account.kind,
        carrierName: account.name,
        service: input.service,
        cancelled: live.map((f) => f.id),
        explanation: decision.explanation,
      },
    });
    return { before: prev, decision };
  });
  auditNote({
    orderId: order.id,
    locationId: place.locationId,
    subject: `shipping decision of order #${order.number}`,
    before,
    after: decision,
  });
  nudgeLabels(ctx, order.id);
  return decision;
}
