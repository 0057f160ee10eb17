import { AppError, type DocLocale } from '../../../shared';
import type { PickupLabelModel, PrintRequest } from '../../core/documents/document-models';
import type { Tx } from '../../db/data-source';
import { pickupLabelFacts } from './pickup.store';

const TITLE: Record<DocLocale, (n: number) => string> = {
  es: (n) => `Etiqueta de retiro #${n}`,
  pt: (n) => `Etiqueta de retirada #${n}`,
  en: (n) => `Pickup label #${n}`,
};

/** The reference on a bag (its QR and barcode): the order, never the pickup code — the bag sits on a shelf anyone can see. */
export const pickupReference = (orderNumber: number): string => `AT${orderNumber}`;

/**
 * The bag label of an order's pickup, as a print request (published: the pickup workflow prints it
 * when a pickup is made ready, the printing module for a print or preview from the desk). NOT_FOUND
 * when the order has no pickup.
 */
export async function buildPickupDocument(m: Tx, ref: { orderId?: string }, locale: DocLocale): Promise<PrintRequest> {
  const orderId = ref.orderId;
  const f = orderId ? await pickupLabelFacts(m, orderId) : null;
  if (!orderId || !f)
    throw new AppError('NOT_FOUND', `No pickup for order ${orderId ?? '(none given)'}: make the order ready for pickup first`);
  const orderNumber = Number(f.order_number);
  const model: PickupLabelModel = {
    kind: 'pickup_label',
    orderNumber,
    customerName: f.customer_name ?? '',
    locationName: f.location_name,
    reference: pickupReference(orderNumber),
    readyAt: f.ready_at.toISOString(),
    expiresAt: f.expires_at.toISOString(),
    units: f.units,
  };
  return { docType: 'pickup_label', docKey: `pickup_label:${orderId}`, title: TITLE[locale](orderNumber), ref: { orderId }, model, locale };
}
