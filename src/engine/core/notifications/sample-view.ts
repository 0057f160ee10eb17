import { NOTIFICATION_EVENT_FIELDS, type NotificationEvent, type NotificationViewField } from '../../../shared';
import type { NotificationView } from './notification-view';

/**
 * A believable order to show a template with: the desk's template editor previews a merchant's
 * edit with it, and the tests render every default with it. Only the fields the event gives are
 * set, so a preview shows what a real message of that event can show.
 */
const SAMPLE: Required<NotificationView> = {
  orderNumber: '1234',
  merchantName: 'Tienda Atalaya',
  customerFirstName: 'Ana',
  orderUrl: 'https://tienda.example/pedidos/1234?t=8f2c',
  orderUrlSuffix: '1234?t=8f2c',
  carrier: 'Andreani',
  trackingNumber: '360000123456789',
  trackingUrl: 'https://tracking.example/envios/360000123456789',
  pickupCode: 'K7P2Q',
  qrUrl: 'https://tienda.example/retiro/K7P2Q.png',
  locationName: 'Sucursal Palermo',
  locationAddress: 'Av. Santa Fe 3253, CABA',
  pickupDeadline: '2025-12-12',
  promisedDate: '2025-12-08',
  cancellationReason: 'nos quedamos sin stock del producto',
  refundAmount: '115999.00',
  refundCurrency: 'ARS',
  returnLabelUrl: 'https://tienda.example/devoluciones/1234/etiqueta.pdf',
  returnCode: 'R-1042',
  returnRejectionReason: 'la prenda tiene uso',
  procedureCode: 'ARR-7KQ2M9PX4D',
  returnPickupDate: '2025-12-11',
};

/**
 * The sample view for an event: every field it may have (`full`), or only those it always has
 * (`required`), to see the message of an order that lacks the rest.
 */
export function sampleView(event: NotificationEvent, which: 'full' | 'required' = 'full'): NotificationView {
  const fields = NOTIFICATION_EVENT_FIELDS[event];
  const wanted = new Set<NotificationViewField>(which === 'full' ? [...fields.required, ...fields.optional] : fields.required);
  const view: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(SAMPLE)) if (wanted.has(key as NotificationViewField)) view[key] = value;
  return view as unknown as NotificationView;
}
