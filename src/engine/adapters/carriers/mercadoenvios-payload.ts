import { z } from 'zod';
import { CarrierError, type CarrierTrackingEvent } from '../../ports/carrier.port';
import { mlCode, mlText, normaliseMl } from './mercadoenvios-status';

/**
 * What the Mercado Envíos adapter reads from Mercado Libre's API (developers.mercadolibre.com.ar,
 * "Envíos"): `GET /shipments/{id}` with `x-format-new: true` (the logistic under `logistic`, the
 * older format's `logistic_type` and `shipping_option` still read), `GET /shipments/{id}/history`
 * and the notifications of topic `shipments`. Only the fields the adapter uses are declared.
 */

const id = z.union([z.number(), z.string().min(1)]).transform(String);
const date = z.string().min(1).nullish();

export const MlShipment = z.object({
  id,
  status: z.string().min(1),
  substatus: z.string().nullish(),
  tracking_number: z.string().nullish(),
  logistic: z.object({ mode: z.string().nullish(), type: z.string().nullish() }).nullish(),
  logistic_type: z.string().nullish(),
  mode: z.string().nullish(),
  date_created: date,
  last_updated: date,
  lead_time: z.object({ estimated_delivery_time: z.object({ date }).nullish() }).nullish(),
  shipping_option: z.object({ estimated_delivery_time: z.object({ date }).nullish() }).nullish(),
});
export type MlShipment = z.infer<typeof MlShipment>;

const HistoryEntry = z.object({ status: z.string().min(1), substatus: z.string().nullish(), date: z.string().min(1) });
/** `GET /shipments/{id}/history`: the status changes, as an array (or under `results`/`history` in older answers). */
export const MlHistory = z.union([
  z.array(HistoryEntry),
  z.object({ results: z.array(HistoryEntry) }).transform((h) => h.results),
  z.object({ history: z.array(HistoryEntry) }).transform((h) => h.history),
]);
export type MlHistory = z.infer<typeof MlHistory>;

/** A notification as ML posts it to the callback URL (not signed). */
export const MlNotification = z.object({
  _id: z.string().nullish(),
  resource: z.string().trim().min(1),
  user_id: id,
  topic: z.string().trim().min(1),
  application_id: id,
  sent: z.string().nullish(),
});

/** `GET /shipment_labels` refusing some shipments (not ready to print yet, Flex …). */
export const MlLabelRefusal = z.object({
  failed_shipments: z
    .array(
      z.object({ shipment_id: id.nullish(), status: z.string().nullish(), substatus: z.string().nullish(), message: z.string().nullish() }),
    )
    .nullish(),
  message: z.string().nullish(),
  error: z.string().nullish(),
});

export function readMl<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new CarrierError(
      `${what}: Mercado Libre answered in a shape we do not read (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'unexpected'}); the API may have changed`,
      'protocol',
    );
  }
  return r.data;
}

/** `self_service` is Flex (the seller delivers; no label), `fulfillment` is Full (ML ships from its warehouse). */
export function logisticType(s: MlShipment): string | null {
  return s.logistic?.type ?? s.logistic_type ?? null;
}

export function logisticMode(s: MlShipment): string | null {
  return s.logistic?.mode ?? s.mode ?? null;
}

export function etaOf(s: MlShipment): Date | undefined {
  const raw = s.lead_time?.estimated_delivery_time?.date ?? s.shipping_option?.estimated_delivery_time?.date;
  const at = raw ? new Date(raw) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at : undefined;
}

const when = (raw: string | null | undefined): Date | null => {
  if (!raw) return null;
  const at = new Date(raw);
  return Number.isNaN(at.getTime()) ? null : at;
};

/**
 * Tracking events of one shipment, oldest first: one per history entry, plus the current status when
 * the history does not end with it (an older history, or no history at all). The ETA rides on the
 * latest event. The tracking number is ML's shipment id (what `track` is asked about).
 */
export function mlEvents(shipment: MlShipment, history: MlHistory | null): CarrierTrackingEvent[] {
  const tn = shipment.id;
  const events: CarrierTrackingEvent[] = [];
  for (const h of history ?? []) {
    const at = when(h.date);
    if (!at) continue;
    events.push({
      trackingNumber: tn,
      ...normaliseMl(h.status, h.substatus),
      carrierCode: mlCode(h.status, h.substatus),
      carrierText: mlText(h.status, h.substatus),
      occurredAt: at,
    });
  }
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const currentCode = mlCode(shipment.status, shipment.substatus);
  if (events.at(-1)?.carrierCode !== currentCode) {
    const at = when(shipment.last_updated) ?? when(shipment.date_created);
    const last = events.at(-1)?.occurredAt;
    if (at) {
      events.push({
        trackingNumber: tn,
        ...normaliseMl(shipment.status, shipment.substatus),
        carrierCode: currentCode,
        carrierText: mlText(shipment.status, shipment.substatus),
        // Never before the history it follows (the events stay oldest first).
        occurredAt: last && last > at ? last : at,
      });
    }
  }
  const eta = etaOf(shipment);
  if (eta && events.length > 0) events[events.length - 1] = { ...events.at(-1)!, etaAt: eta };
  return events;
}
