import { AppError, type DocLocale, type PrintRef } from '../../../shared';
import { documentTitle } from '../printing/documents/render-document';
import type { Address, PackingSlipModel, PickListModel, PrintRequest, ShippingLabelModel } from '../../core/documents/document-models';
import type { Tx } from '../../db/data-source';
import { productsBySku } from '../products/products.store';
import { orderForDocuments, type OrderForDocuments } from './floor-documents.store';
import { orderParcels, parcelById } from './parcels.store';
import { floorLocation } from './waves.store';
import { waveDetail } from './wave-views.store';

/**
 * The floor's printed documents as models (published for the printing module's `printing.print`,
 * and used by the wave and packing workflows in their own transactions): the pick list of a wave,
 * the packing slip of an order, the shipping label of a parcel. Ship-from is the location (name,
 * city); ship-to is the order's address.
 */
export async function buildFloorDocument(
  m: Tx,
  docType: 'pick_list' | 'packing_slip' | 'shipping_label',
  ref: PrintRef,
  locale: DocLocale,
): Promise<PrintRequest> {
  switch (docType) {
    case 'pick_list':
      return pickList(m, need(ref.waveId, 'ref.waveId', 'the wave whose pick list prints'), locale);
    case 'packing_slip':
      return packingSlip(m, need(ref.orderId, 'ref.orderId', 'the packed order'), locale);
    case 'shipping_label':
      return shippingLabel(m, need(ref.parcelId, 'ref.parcelId', 'the parcel the label goes on'), locale);
  }
}

function need(v: string | undefined, path: string, what: string): string {
  if (!v) throw new AppError('VALIDATION_FAILED', `${path} is required: ${what}`, [{ path, message: `give ${what}` }]);
  return v;
}

async function pickList(m: Tx, waveId: string, locale: DocLocale): Promise<PrintRequest> {
  const w = await waveDetail(m, waveId);
  const loc = await floorLocation(m, w.locationId);
  const model: PickListModel = {
    kind: 'pick_list',
    waveCode: w.code,
    locationName: loc.name,
    groupedBy: w.groupedBy,
    cutoffAt: w.cutoffAt,
    releasedAt: w.releasedAt,
    releasedBy: w.releasedBy,
    orders: w.orders.map((o) => ({ slot: o.slot, orderNumber: o.orderNumber, customerName: o.customerName, units: o.units })),
    lines: w.lines.map((l) => ({
      seq: l.seq,
      bin: l.bin,
      sku: l.sku,
      ean: l.ean,
      productName: l.productName,
      quantity: l.quantity,
      slots: l.orders.map((o) => ({ slot: o.slot, quantity: o.quantity })),
    })),
  };
  return {
    docType: 'pick_list',
    docKey: `pick_list:${w.id}`,
    title: documentTitle(model, locale),
    ref: { waveId: w.id },
    model,
    locale,
  };
}

const shipToOf = (o: OrderForDocuments): Address => ({
  name: o.customer.name,
  line1: o.shipTo.line1,
  city: o.shipTo.city,
  region: o.shipTo.region ?? null,
  postalCode: o.shipTo.postalCode ?? null,
  country: o.shipTo.country ?? null,
  phone: o.customer.phone ?? null,
});

async function shipFrom(m: Tx, locationId: string): Promise<Address> {
  const l = await floorLocation(m, locationId);
  return { name: l.name, line1: '', city: l.city, country: 'AR' };
}

async function packingSlip(m: Tx, orderId: string, locale: DocLocale): Promise<PrintRequest> {
  const o = await orderForDocuments(m, orderId);
  const parcels = await orderParcels(m, o.id);
  const from = parcels[0]?.locationId ?? o.locationId;
  if (!from)
    throw new AppError('VALIDATION_FAILED', `Order #${o.number} is not at any location yet: nothing to pack`, [
      { path: 'ref.orderId', message: 'pack the order first' },
    ]);
  const names = await productsBySku(
    m,
    parcels.flatMap((p) => p.lines.map((l) => l.sku)),
  );
  const model: PackingSlipModel = {
    kind: 'packing_slip',
    orderNumber: o.number,
    externalNumber: o.externalNumber,
    channel: o.channel,
    orderedAt: o.createdAt,
    shipFrom: await shipFrom(m, from),
    shipTo: shipToOf(o),
    deliveryType: o.deliveryType,
    parcels: parcels.map((p) => ({ code: p.code, seq: p.seq, of: p.of, weightGrams: p.weightGrams })),
    lines: parcels.flatMap((p) =>
      p.lines.map((l) => ({ sku: l.sku, productName: names.get(l.sku)?.name ?? null, quantity: l.quantity, parcelSeq: p.seq })),
    ),
    notes: o.notes,
  };
  return {
    docType: 'packing_slip',
    docKey: `packing_slip:${o.id}`,
    title: documentTitle(model, locale),
    ref: { orderId: o.id },
    model,
    locale,
  };
}

async function shippingLabel(m: Tx, parcelId: string, locale: DocLocale): Promise<PrintRequest> {
  const p = await parcelById(m, parcelId);
  if (!p)
    throw new AppError('NOT_FOUND', `No parcel with id ${parcelId}`, [
      { path: 'ref.parcelId', message: 'use a parcel id from packing.parcels' },
    ]);
  const o = await orderForDocuments(m, p.orderId);
  const model: ShippingLabelModel = {
    kind: 'shipping_label',
    orderNumber: o.number,
    parcelCode: p.code,
    trackingNumber: p.trackingNumber,
    carrier: p.carrier,
    service: o.shippingMethod,
    seq: p.seq,
    of: p.of,
    weightGrams: p.weightGrams,
    shipFrom: await shipFrom(m, p.locationId),
    shipTo: shipToOf(o),
    promisedAt: o.promisedAt,
  };
  return {
    docType: 'shipping_label',
    docKey: `shipping_label:${p.id}`,
    title: documentTitle(model, locale),
    ref: { orderId: o.id, parcelId: p.id },
    model,
    locale,
  };
}
