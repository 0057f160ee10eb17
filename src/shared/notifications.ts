/*
 * The vocabulary of customer notifications and merchant webhooks, shared by the engine and the
 * desk: which events tell a customer something, through which channels, in which languages, and
 * the states a message goes through.
 */

/** State changes that matter to a customer (and to a merchant's systems, as webhooks). */
export const NOTIFICATION_EVENTS = [
  'order.confirmed',
  'order.ready_for_pickup',
  'shipment.shipped',
  'shipment.out_for_delivery',
  'shipment.delivered',
  'shipment.delayed',
  'order.cancelled',
  'return.requested',
  'return.approved',
  'return.rejected',
  'return.received',
  'refund.issued',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** Customer channels, and the merchant's own systems as a fourth. */
export const NOTIFICATION_CHANNELS = ['email', 'whatsapp', 'sms', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Languages templates are written in; a locale falls back along {@link localeFallbacks}. */
export const TEMPLATE_LOCALES = ['es-AR', 'es', 'en', 'pt-BR'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/**
 * The locales to try for a customer's locale, most specific first, then a variant of the same
 * language we write templates in, ending in English: es-AR → es-AR, es, en; pt-BR → pt-BR, pt, en;
 * pt-PT → pt-PT, pt, pt-BR, en; es-MX → es-MX, es, es-AR, en.
 */
export function localeFallbacks(locale: string): string[] {
  const tag = locale.trim().replace('_', '-');
  const chain: string[] = [];
  const add = (l: string) => {
    if (l && !chain.some((c) => c.toLowerCase() === l.toLowerCase())) chain.push(l);
  };
  const base = tag.split('-')[0] ?? '';
  add(tag);
  add(base);
  // A variant we write templates in reads better than English (pt-PT → pt-BR, es-MX → es-AR after es).
  for (const l of TEMPLATE_LOCALES) if (base && l.toLowerCase().startsWith(`${base.toLowerCase()}-`)) add(l);
  add('en');
  return chain;
}

/**
 * A message's life: queued (intent written) → sending (claimed by a worker) → sent (the provider
 * accepted it) → delivered (the provider confirmed delivery, where it can); or retrying (a
 * transient failure, with a next attempt time), failed (the provider refused it, with its reply),
 * undeliverable (the address itself is wrong: never retried), suppressed (opted out, or no address
 * for the channel: recorded, never sent).
 */
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'retrying', 'failed', 'undeliverable', 'suppressed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * The fields a notification template may name as mustache tags (`{{trackingNumber}}`), so the desk's
 * template editor can offer them and the engine can refuse a tag nothing will ever fill. The
 * `…Text` fields are the engine's per-locale renderings of the field before them (a date as
 * "lunes 8 de diciembre", an amount as "$ 115.999,00"); the rest are passed through as given.
 */
export const NOTIFICATION_VIEW_FIELDS = [
  'orderNumber',
  'merchantName',
  'customerFirstName',
  'orderUrl',
  'orderUrlSuffix',
  'carrier',
  'trackingNumber',
  'trackingUrl',
  'pickupCode',
  'qrUrl',
  'locationName',
  'locationAddress',
  'pickupDeadline',
  'pickupDeadlineText',
  'promisedDate',
  'promisedDateText',
  'cancellationReason',
  'refundAmount',
  'refundCurrency',
  'refundAmountText',
  'returnLabelUrl',
  'returnCode',
  'returnRejectionReason',
  'procedureCode',
  'returnPickupDate',
  'returnPickupDateText',
] as const;
export type NotificationViewField = (typeof NOTIFICATION_VIEW_FIELDS)[number];

/** Which fields an event's messages may use: `required` ones the engine always fills, `optional` ones when it knows them. */
export interface NotificationEventFields {
  required: readonly NotificationViewField[];
  optional: readonly NotificationViewField[];
}

const COMMON_OPTIONAL = ['customerFirstName', 'orderUrl', 'orderUrlSuffix'] as const;
const fields = (required: NotificationViewField[], optional: NotificationViewField[] = []): NotificationEventFields => ({
  required: ['orderNumber', 'merchantName', ...required],
  optional: [...COMMON_OPTIONAL, ...optional],
});

/**
 * The fields of each event's messages. A template may show an optional field only inside a
 * section on it (`{{#trackingUrl}}…{{/trackingUrl}}`), since some orders will not have it.
 */
export const NOTIFICATION_EVENT_FIELDS: Record<NotificationEvent, NotificationEventFields> = {
  'order.confirmed': fields([], ['promisedDate', 'promisedDateText']),
  'order.ready_for_pickup': fields(['pickupCode', 'locationName', 'locationAddress'], ['qrUrl', 'pickupDeadline', 'pickupDeadlineText']),
  'shipment.shipped': fields(['carrier', 'trackingNumber'], ['trackingUrl', 'promisedDate', 'promisedDateText']),
  'shipment.out_for_delivery': fields([], ['carrier', 'trackingNumber', 'trackingUrl']),
  'shipment.delivered': fields([], ['carrier', 'trackingNumber']),
  'shipment.delayed': fields(['promisedDate', 'promisedDateText'], ['carrier', 'trackingNumber', 'trackingUrl']),
  'order.cancelled': fields([], ['cancellationReason']),
  'return.requested': fields(['returnCode'], ['procedureCode']),
  'return.approved': fields(
    ['returnCode'],
    ['returnLabelUrl', 'carrier', 'locationName', 'procedureCode', 'returnPickupDate', 'returnPickupDateText'],
  ),
  'return.rejected': fields(['returnCode'], ['returnRejectionReason', 'procedureCode']),
  'return.received': fields(['returnCode'], ['locationName']),
  'refund.issued': fields(['refundAmount', 'refundCurrency', 'refundAmountText']),
};
