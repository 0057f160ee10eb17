import { AppError, type shippingContract } from '../../../shared';
import { inTransaction } from '../../db/data-source';
import { auditNote } from '../../kernel/audit';
import type { HandlersFor } from '../../kernel/define-module';
import { assertWorksAt, locationScope } from '../../kernel/location-scope';
import { carriersHandlers } from './carriers.handlers';
import { carrierFailure } from './carrier-failure';
import { carrierFor } from './carrier-runtime';
import { orderDecisions } from './decisions.store';
import { placeFacts } from './label-work.store';
import { nudgeLabels } from './plan-shipments';
import { dueNow, listShipments, orderBrief, parcelLocations, shipmentFacts } from './shipments.store';
import { getShippingPolicy, writeShippingPolicy } from './shipping-policy.store';
import { cancelShipment } from './workflows/cancel-shipment';
import { chooseCarrier, packingLocation } from './workflows/choose-carrier';
import { closeOut } from './workflows/close-out';
import { printShipmentLabel } from './workflows/print-shipment-label';
import { rateShopPlace } from './workflows/rate-shop-place';

/** The endpoints served by the tracking side (tracking.handlers.ts); the rest are here. */
export type TrackingEndpoints = 'shipping.lateBoard' | 'shipping.alerts' | 'shipping.resolveAlert';
type ShippingEndpoints = Exclude<keyof typeof shippingContract, TrackingEndpoints>;

const noShipment = (id: string) =>
  new AppError('NOT_FOUND', `No shipment ${id}`, [{ path: 'shipmentId', message: 'pick a shipment from the order' }]);

/** Carrier accounts, rate shopping, labels, close-out. */
export const shippingHandlers: HandlersFor<ShippingEndpoints> = {
  ...carriersHandlers,

  'shipping.forOrder': async (ctx, input, actor) => {
    const m = ctx.ds.manager;
    const order = await orderBrief(m, input.orderId);
    if (!order)
      throw new AppError('NOT_FOUND', `No order with id ${input.orderId}`, [{ path: 'orderId', message: 'use the id of an order' }]);
    const scope = locationScope(actor);
    const shipments = await listShipments(m, { orderId: order.id, locations: scope });
    const decisions = (await orderDecisions(m, order.id)).filter((d) => !scope || scope.includes(d.locationId));
    if (scope && !shipments.length && !decisions.length) {
      // An associate sees the shipping of their own locations only: say so when the order has some elsewhere.
      const elsewhere = (await parcelLocations(m, order.id)).map((p) => p.locationId);
      if (elsewhere.length) assertWorksAt(actor, elsewhere[0]!, 'orderId');
    }
    return { decisions, shipments };
  },

  'shipping.quote': async (ctx, input) => {
    const { place } = await packingLocation(ctx, input.orderId, input.locationId);
    const facts = await placeFacts(ctx.ds.manager, input.orderId, place.locationId);
    const outcome = await rateShopPlace(ctx, facts!, await getShippingPolicy(ctx.ds.manager));
    return outcome.options;
  },

  'shipping.choose': (ctx, input, actor) => chooseCarrier(ctx, input, actor),

  'shipping.retryLabel': async (ctx, input, actor) => {
    const f = await shipmentFacts(ctx.ds.manager, input.shipmentId);
    if (!f) throw noShipment(input.shipmentId);
    assertWorksAt(actor, f.locationId, 'shipmentId');
    if (f.status !== 'draft' && f.status !== 'label_pending') {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `Shipment ${f.id} is ${f.status}: ${f.status === 'cancelled' ? 'it was cancelled (choose a carrier again for its parcel)' : 'its label is bought — print it again instead'}`,
      );
    }
    await inTransaction(ctx.ds, (m) => dueNow(m, f.id));
    auditNote({ orderId: f.orderId, locationId: f.locationId, subject: `shipment ${f.id}` });
    nudgeLabels(ctx, f.orderId);
    return (await listShipments(ctx.ds.manager, { ids: [f.id] }))[0]!;
  },

  'shipping.cancel': async (ctx, input, actor) => {
    const out = await cancelShipment(ctx, input.shipmentId, input.reason, actor);
    auditNote({ orderId: out.orderId, locationId: out.locationId, subject: `shipment ${out.id}`, after: { status: out.status } });
    return out;
  },

  'shipping.printLabel': async (ctx, input, actor) => {
    const f = await shipmentFacts(ctx.ds.manager, input.shipmentId);
    if (!f) throw noShipment(input.shipmentId);
    assertWorksAt(actor, f.locationId, 'shipmentId');
    const job = await inTransaction(ctx.ds, (m) =>
      printShipmentLabel(m, f.id, { stationId: input.stationId, fallbackStation: ctx.config.stationId, reason: input.reason, actor }),
    );
    auditNote({ orderId: f.orderId, locationId: f.locationId, subject: `shipment ${f.id}`, after: job });
    return job;
  },

  'shipping.manifest': async (ctx, input, actor) => {
    assertWorksAt(actor, input.locationId);
    const manifest = await closeOut(ctx, input, actor);
    auditNote({ locationId: input.locationId, subject: `manifest ${manifest.id}`, after: manifest });
    return manifest;
  },

  'shipping.dock': async (ctx, input, actor) => {
    assertWorksAt(actor, input.locationId);
    return listShipments(ctx.ds.manager, { locationId: input.locationId, statuses: ['label_pending', 'ready'] });
  },

  'shipping.branches': async (ctx, input) => {
    const c = await carrierFor(ctx, input.carrierAccountId);
    if (!c.adapter.capabilities.branches || !c.adapter.branches) {
      throw new AppError('VALIDATION_FAILED', `${c.account.name} has no branches or pickup points to list`, [
        { path: 'carrierAccountId', message: 'pick a carrier with branches' },
      ]);
    }
    try {
      return await c.adapter.branches(c.account, input.postalCode, c.io);
    } catch (e) {
      throw carrierFailure(e);
    }
  },

  'shipping.policy': (ctx) => getShippingPolicy(ctx.ds.manager),

  'shipping.setPolicy': async (ctx, input) => {
    const before = await inTransaction(ctx.ds, (m) => writeShippingPolicy(m, input));
    auditNote({ subject: 'shipping policy', before, after: input });
    return input;
  },
};
