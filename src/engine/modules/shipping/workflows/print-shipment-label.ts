import { AppError, type Actor, type PrinterLanguage, type PrintJob } from '../../../../shared';
import type { DocumentModel, PrintRequest } from '../../../core/documents/document-models';
import type { Tx } from '../../../db/data-source';
import { buildFloorDocument } from '../../picking/floor-documents';
import { enqueuePrint, firstPrintOf, insertReprint, toPrintJob } from '../../printing/print-jobs.store';
import { getPrinter, listRoutes, stationNameOf } from '../../printing/printers.store';
import { labelOf } from '../label-work.store';
import { listShipments, shipmentFacts } from '../shipments.store';

/**
 * A shipment's label at the station: the carrier's ZPL or PDF exactly as the carrier made it
 * (models `carrier_zpl` / `carrier_pdf`), or — for a shipment without a carrier label (Mercado
 * Envíos Flex: the seller's own driver delivers) — the floor's own shipping label with the carrier
 * and tracking number on it, so the parcel still carries its order, address and barcode. One first
 * print per shipment (`shipping_label:<shipmentId>`); another needs a reason and is a reprint of it.
 */

/** The language of the printer a station routes shipping labels to, or null with no route. */
export async function stationLabelLanguage(m: Tx, stationId: string): Promise<PrinterLanguage | null> {
  const route = (await listRoutes(m, stationId)).find((r) => r.docType === 'shipping_label');
  if (!route) return null;
  const p = await getPrinter(m, route.printerId, { removed: true });
  return p.removed ? null : p.language;
}

async function labelRequest(m: Tx, shipmentId: string): Promise<PrintRequest & { stationId?: string }> {
  const facts = await shipmentFacts(m, shipmentId);
  if (!facts)
    throw new AppError('NOT_FOUND', `No shipment ${shipmentId}`, [{ path: 'shipmentId', message: 'pick a shipment from the order' }]);
  if (!facts.parcelId) {
    throw new AppError('VALIDATION_FAILED', `Shipment ${shipmentId} was recorded by hand without a parcel: it has no label to print`, [
      { path: 'shipmentId', message: 'pick a shipment of a packed parcel' },
    ]);
  }
  const own = await buildFloorDocument(m, 'shipping_label', { parcelId: facts.parcelId }, 'es');
  const label = await labelOf(m, shipmentId);
  let model: DocumentModel;
  if (label) {
    model =
      label.format === 'zpl'
        ? { kind: 'carrier_zpl', docType: 'shipping_label', zpl: label.bytes.toString('utf8') }
        : { kind: 'carrier_pdf', docType: 'shipping_label', pdfBase64: label.bytes.toString('base64') };
  } else if (facts.noLabel && own.model.kind === 'shipping_label') {
    const [s] = await listShipments(m, { ids: [shipmentId] });
    model = {
      ...own.model,
      carrier: s?.carrierName ?? null,
      trackingNumber: s?.trackingNumber ?? null,
      service: s?.service ?? own.model.service,
    };
  } else {
    throw new AppError(
      'VALIDATION_FAILED',
      `Shipment ${shipmentId} is ${facts.status} and has no carrier label yet: it prints when the carrier makes it (retry the label if it failed)`,
      [{ path: 'shipmentId', message: 'wait for the label, or retry it' }],
    );
  }
  return {
    docType: 'shipping_label',
    docKey: `shipping_label:${shipmentId}`,
    title: own.title,
    ref: { orderId: facts.orderId, parcelId: facts.parcelId },
    model,
    locale: own.locale,
    stationId: facts.stationId ?? undefined,
  };
}

/**
 * Prints a shipment's label at `stationId` (else the station that packed it, else `fallbackStation`).
 * A second print needs `reason` and goes as a reprint of the first (ALREADY_PRINTED without one).
 */
export async function printShipmentLabel(
  m: Tx,
  shipmentId: string,
  opts: { stationId?: string; fallbackStation: string; reason?: string; actor: Actor },
): Promise<PrintJob> {
  const request = await labelRequest(m, shipmentId);
  const stationId = opts.stationId ?? request.stationId ?? opts.fallbackStation;
  const first = await firstPrintOf(m, request.docKey, { lock: true });
  if (!first) return enqueuePrint(m, { ...request, stationId }, opts.actor);
  if (!opts.reason) {
    throw new AppError(
      'ALREADY_PRINTED',
      `${first.title} was sent to print already (job ${first.id}, ${first.status}${first.printer_name ? ` on ${first.printer_name}` : ''}): print it again with a reason`,
      [{ path: 'reason', message: 'say why it prints again (torn, lost, printer jammed…)' }],
    );
  }
  if (first.status === 'queued' || first.status === 'sending') {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `Print job ${first.id} (${first.title}) is ${first.status}: it has not finished printing — wait for it, or cancel it`,
    );
  }
  const route = (await listRoutes(m, first.station_id)).find((r) => r.docType === 'shipping_label');
  let printer: { id: string; language: PrinterLanguage } | null = null;
  for (const id of [route?.printerId, first.printer_id]) {
    if (!id || printer) continue;
    const p = await getPrinter(m, id, { removed: true });
    if (!p.removed) printer = p;
  }
  const copy = await insertReprint(m, first, {
    printer,
    reason: opts.reason,
    actor: opts.actor,
    stationName: await stationNameOf(m, first.station_id),
  });
  return toPrintJob(copy);
}
