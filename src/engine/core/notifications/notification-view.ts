import { NOTIFICATION_VIEW_FIELDS, type NotificationViewField } from '../../../shared';
import { formatDate, formatMoney } from './locale-format';

/**
 * The view model: the facts a notification may show, as the notification worker gathers them
 * from the order, its shipment, pickup or return. Templates name these fields as mustache tags;
 * `localiseView` adds the per-locale renderings (`promisedDateText`, `refundAmountText` …) and
 * turns it into the flat map of strings every channel renders from.
 */
export interface NotificationView {
  /** The number the customer knows the order by ("1234"; templates add the "#"). */
  orderNumber: string;
  /** The shop's name, as the customer knows it (the sender of every message). */
  merchantName: string;
  customerFirstName?: string;
  /** The order's status page. */
  orderUrl?: string;
  /** The part of the order link after the base approved with a WhatsApp URL button (its `{{1}}`). */
  orderUrlSuffix?: string;
  /** The carrier's name as customers know it ("Andreani", "Correios"). */
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  /** The code the customer shows at the counter. */
  pickupCode?: string;
  /** An image of the pickup code as a QR code (an https URL the e-mail can load). */
  qrUrl?: string;
  /** The store or pickup point. */
  locationName?: string;
  locationAddress?: string;
  /** Until when the store keeps the order (ISO 8601 day or instant). */
  pickupDeadline?: string;
  /** The promised delivery or pickup day (ISO 8601 day or instant); for a delay, the new one. */
  promisedDate?: string;
  /** Why the order was cancelled, in words fit for the customer. */
  cancellationReason?: string;
  /** The refunded amount as a decimal ("115999.00"). */
  refundAmount?: string | number;
  /** ISO 4217 ("ARS", "BRL"). */
  refundCurrency?: string;
  /** The return's shipping label (a PDF link). */
  returnLabelUrl?: string;
  /** The return's code (R-1042), as its label's barcode and the counter read it. */
  returnCode?: string;
  /** Why a person did not approve the return, in their words. */
  returnRejectionReason?: string;
  /** Argentina's withdrawal procedure code ("botón de arrepentimiento"), ARR-… */
  procedureCode?: string;
  /** The day the carrier picks the return up at the customer's address (ISO 8601 day). */
  returnPickupDate?: string;
}

/** What templates render from: every known field that has a value, as text. */
export type RenderView = Readonly<Partial<Record<NotificationViewField, string>>>;

/** A view the engine cannot show: a field with a value that is not what it should be. */
export class NotificationViewError extends Error {
  constructor(
    readonly field: NotificationViewField,
    message: string,
  ) {
    super(`Notification field ${field}: ${message}`);
    this.name = 'NotificationViewError';
  }
}

/** Fields that go into href and src attributes: only web links, so a javascript: or data: URL never reaches an e-mail. */
const URL_FIELDS: readonly NotificationViewField[] = ['orderUrl', 'trackingUrl', 'qrUrl', 'returnLabelUrl'];

/** The fields `localiseView` writes itself: a value passed in for them is ignored. */
const DERIVED = new Set<NotificationViewField>(['promisedDateText', 'pickupDeadlineText', 'refundAmountText', 'returnPickupDateText']);

export interface LocaliseOptions {
  /** The locale to write dates and amounts in (see `formatLocaleFor`). */
  locale: string;
  /** The merchant's time zone, for instants ("America/Argentina/Buenos_Aires"). */
  timeZone: string;
}

/**
 * The view as templates see it: values trimmed (an all-blank value counts as absent), URLs
 * checked to be http(s), and the locale's renderings added: `promisedDateText`,
 * `pickupDeadlineText` ("lunes 8 de diciembre") and `refundAmountText` ("$ 115.999,00"). Throws
 * a {@link NotificationViewError} naming the field for a bad date, amount, currency or URL.
 */
export function localiseView(view: NotificationView, options: LocaliseOptions): RenderView {
  const out: Partial<Record<NotificationViewField, string>> = {};
  const given = view as unknown as Partial<Record<NotificationViewField, unknown>>;
  for (const key of NOTIFICATION_VIEW_FIELDS) {
    const raw = given[key];
    if (raw === undefined || raw === null || DERIVED.has(key)) continue;
    const text = String(raw).trim();
    if (text) out[key] = text;
  }
  for (const field of URL_FIELDS) {
    const url = out[field];
    if (url !== undefined && !isWebUrl(url)) throw new NotificationViewError(field, `"${url}" is not an http(s) link`);
  }
  const guard = (field: NotificationViewField, fn: () => string): string => {
    try {
      return fn();
    } catch (e) {
      throw new NotificationViewError(field, e instanceof Error ? e.message : String(e));
    }
  };
  const { locale, timeZone } = options;
  if (out.promisedDate) out.promisedDateText = guard('promisedDate', () => formatDate(out.promisedDate!, locale, timeZone));
  if (out.pickupDeadline) out.pickupDeadlineText = guard('pickupDeadline', () => formatDate(out.pickupDeadline!, locale, timeZone));
  if (out.returnPickupDate) out.returnPickupDateText = guard('returnPickupDate', () => formatDate(out.returnPickupDate!, locale, timeZone));
  if (out.refundAmount !== undefined || out.refundCurrency !== undefined) {
    if (out.refundAmount === undefined)
      throw new NotificationViewError('refundAmount', `missing, though the currency ${out.refundCurrency} is given`);
    if (out.refundCurrency === undefined)
      throw new NotificationViewError('refundCurrency', `missing, though the amount ${out.refundAmount} is given`);
    out.refundAmountText = guard('refundAmount', () => formatMoney(out.refundAmount!, out.refundCurrency!, locale));
  }
  return out;
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}
