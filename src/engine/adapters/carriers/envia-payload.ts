import { z } from 'zod';
import type { Branch } from '../../../shared';
import { CarrierError, type CarrierAddress, type CarrierParcel, type CarrierTrackingEvent, type Quote } from '../../ports/carrier.port';
import { eventCode, normaliseEnviaEvent, normaliseEnviaStatus } from './envia-status';
import { splitStreetLine } from './street-line';

/**
 * Envia's formats (docs.envia.com: "Core workflow", the Shipping API reference `POST /ship/rate/`,
 * `/ship/generate/`, `/ship/generaltrack/`, `/ship/cancel/`, `/ship/pickup/`; the Queries API
 * `GET /shipments`, `GET /guide/{tracking}`, `GET /branches/{carrier}/{country}`). Answers are
 * `{ meta, data }`; errors `{ meta: "error", error: { code, description, message } }`. Money and
 * dimensions come as numbers or numeric strings, read as either.
 */

const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);

export const EnviaError = z.object({
  meta: z.string().nullish(),
  error: z
    .object({ code: z.union([z.number(), z.string()]).nullish(), description: z.string().nullish(), message: z.string().nullish() })
    .nullish(),
  message: z.string().nullish(),
});

export const EnviaRates = z.object({
  data: z.array(
    z.object({
      carrier: z.string().min(1),
      carrierDescription: z.string().nullish(),
      service: z.string().min(1),
      serviceDescription: z.string().nullish(),
      deliveryEstimate: z.string().nullish(),
      deliveryDate: z.object({ dateDifference: z.number().nullish() }).nullish(),
      totalPrice: num,
      currency: z.string().length(3),
    }),
  ),
});

export const EnviaGenerated = z.object({
  data: z
    .array(
      z.object({
        carrier: z.string().min(1),
        service: z.string().nullish(),
        trackingNumber: z.string().min(1),
        trackUrl: z.string().nullish(),
        label: z.string().min(1),
      }),
    )
    .min(1),
});

/** A row of the Queries API's `GET /shipments` and `GET /guide/{tracking}`. */
export const EnviaShipmentRow = z.object({
  id: z.number(),
  tracking_number: z.string().min(1),
  name: z.string().nullish(),
  status_id: z.number().nullish(),
  status: z.string().nullish(),
  comment: z.string().nullish(),
  label_file: z.string().nullish(),
  created_at: z.string().nullish(),
});
export const EnviaShipmentRows = z.object({ data: z.array(EnviaShipmentRow) });

export const EnviaTracking = z.object({
  data: z.array(
    z.object({
      trackingNumber: z.string().min(1),
      status: z.string().nullish(),
      estimatedDelivery: z.string().nullish(),
      deliveredAt: z.string().nullish(),
      createdAt: z.string().nullish(),
      trackUrl: z.string().nullish(),
      eventHistory: z
        .array(z.object({ timestamp: z.string().nullish(), location: z.string().nullish(), description: z.string().nullish() }))
        .nullish(),
    }),
  ),
});

export const EnviaBranches = z.array(
  z.object({
    branch_id: z.union([z.number(), z.string()]).transform(String),
    branch_code: z.string().nullish(),
    reference: z.string().nullish(),
    address: z.object({
      street: z.string().nullish(),
      number: z.string().nullish(),
      city: z.string().nullish(),
      locality: z.string().nullish(),
      state: z.string().nullish(),
      postalCode: z.string().nullish(),
      latitude: num.nullish(),
      longitude: num.nullish(),
    }),
  }),
);

export const EnviaPickup = z.object({
  data: z.union([
    z.object({ confirmation: z.string().min(1) }),
    z
      .array(z.object({ confirmation: z.string().min(1) }))
      .min(1)
      .transform((d) => d[0]!),
  ]),
});

/** The status id Envia gives a cancelled shipment (Queries API: 4 = Cancelled). */
export const ENVIA_CANCELLED = 4;
/** The error code Envia answers for a label cancelled before ("already cancelled"). */
export const ENVIA_ALREADY_CANCELLED = '1115';

export function readEnvia<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new CarrierError(
      `${what}: Envia answered in a shape we do not read (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'unexpected'}); the API may have changed`,
      'protocol',
    );
  }
  return r.data;
}

/** Envia's error as a sentence, and its code. */
export function enviaError(body: unknown): { code: string; message: string } {
  const e = EnviaError.safeParse(body);
  const err = e.success ? e.data.error : undefined;
  return {
    code: err?.code != null ? String(err.code) : '',
    message: err?.message || err?.description || (e.success ? e.data.message : undefined) || 'no reason given',
  };
}

/**
 * Envia's address object: street and door number apart, the rest of the line (interior, floor) as the
 * address reference, the state without an ISO country prefix. The district (colonia) is not in our
 * addresses: left empty (Envia resolves it from the postal code where it can).
 */
export function enviaAddress(a: CarrierAddress) {
  const { street, number, complement } = splitStreetLine(a.line1);
  return {
    name: a.name,
    company: '',
    email: a.email ?? '',
    phone: a.phone ?? '',
    street,
    number,
    district: '',
    city: a.city,
    state: (a.region ?? '').replace(/^[A-Z]{2}-/, ''),
    country: a.country,
    postalCode: a.postalCode ?? '',
    reference: complement,
  };
}

export function enviaPackage(p: CarrierParcel, declared: number) {
  const cm = (mm: number | undefined) => Math.max(1, Math.round((mm ?? 100) / 10));
  return {
    content: 'Mercancía general',
    amount: 1,
    type: 'box',
    dimensions: { length: cm(p.lengthMm), width: cm(p.widthMm), height: cm(p.heightMm) },
    weight: Math.max(0.1, Math.round(p.weightGrams / 100) / 10),
    insurance: 0,
    declaredValue: declared,
    weightUnit: 'KG',
    lengthUnit: 'CM',
  };
}

/** Our service id for an Envia service: `<carrier>:<service>` (an Envia account ships with many carriers). */
export const serviceId = (carrier: string, service: string) => `${carrier}:${service}`;

export function parseServiceId(id: string): { carrier: string; service: string } | null {
  const m = /^([a-z0-9_-]+):(.+)$/i.exec(id.trim());
  return m ? { carrier: m[1]!.toLowerCase(), service: m[2]! } : null;
}

/** The external id: `<carrier>:<tracking number>` (cancel and pickups name both). */
export const externalIdOf = (carrier: string, trackingNumber: string) => `${carrier}:${trackingNumber}`;

export function parseExternalId(externalId: string): { carrier: string; trackingNumber: string } {
  const m = /^([a-z0-9_-]+):(.+)$/i.exec(externalId.trim());
  if (!m)
    throw new CarrierError(`Envia shipment ${externalId}: not an Envia external id (expected <carrier>:<tracking number>)`, 'invalid');
  return { carrier: m[1]!.toLowerCase(), trackingNumber: m[2]! };
}

export function quotesFrom(rates: z.infer<typeof EnviaRates>): Quote[] {
  const out: Quote[] = [];
  for (const r of rates.data) {
    const days = r.deliveryDate?.dateDifference ?? Number(/(\d+)\D*$/.exec(r.deliveryEstimate ?? '')?.[1] ?? NaN);
    // A service without a transit time cannot be promised: left out rather than guessed.
    if (!Number.isFinite(days) || days < 0 || !(r.totalPrice > 0)) continue;
    out.push({
      service: serviceId(r.carrier, r.service),
      serviceName: [r.carrierDescription ?? r.carrier, r.serviceDescription ?? r.service].join(' '),
      price: { amount: r.totalPrice, currency: r.currency.toUpperCase() },
      transitDays: Math.round(days),
    });
  }
  return out;
}

const when = (raw: string | null | undefined): Date | null => {
  if (!raw) return null;
  const at = new Date(raw.includes('T') || raw.endsWith('Z') ? raw : raw.replace(' ', 'T'));
  return Number.isNaN(at.getTime()) ? null : at;
};

/**
 * One shipment's tracking as events, oldest first: each history event read by its words, then the
 * shipment's status by name when the history does not already end on it (a carrier that reports
 * "Delivered" before its history does). The ETA rides on the latest event.
 */
export function enviaEvents(t: z.infer<typeof EnviaTracking>['data'][number]): CarrierTrackingEvent[] {
  const events: CarrierTrackingEvent[] = [];
  for (const h of t.eventHistory ?? []) {
    const at = when(h.timestamp);
    const text = h.description?.trim();
    if (!at || !text) continue;
    events.push({
      trackingNumber: t.trackingNumber,
      ...normaliseEnviaEvent(text),
      carrierCode: eventCode(text),
      carrierText: text,
      occurredAt: at,
      location: h.location ?? undefined,
    });
  }
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const current = t.status ? normaliseEnviaStatus(t.status) : null;
  const lastKnown = [...events].reverse().find((e) => e.status !== null);
  if (t.status && current?.status && current.status !== lastKnown?.status) {
    const last = events.at(-1)?.occurredAt;
    const at = when(t.deliveredAt) ?? last ?? when(t.createdAt);
    if (at)
      events.push({
        trackingNumber: t.trackingNumber,
        ...current,
        carrierCode: t.status,
        carrierText: t.status,
        occurredAt: last && last > at ? last : at,
      });
  }
  const eta = when(t.estimatedDelivery);
  if (eta && events.length > 0) events[events.length - 1] = { ...events.at(-1)!, etaAt: eta };
  return events;
}

export function branchesFrom(rows: z.infer<typeof EnviaBranches>): Branch[] {
  return rows.map((b) => {
    const a = b.address;
    const street = [a.street, a.number].filter(Boolean).join(' ');
    return {
      id: b.branch_code || b.branch_id,
      name: b.reference || b.branch_code || `Sucursal ${b.branch_id}`,
      address: [street, a.city ?? a.locality, a.state].filter(Boolean).join(', '),
      postalCode: a.postalCode ?? null,
      lat: a.latitude ?? null,
      lng: a.longitude ?? null,
    };
  });
}
