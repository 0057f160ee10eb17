import { z } from 'zod';
import type { ShipmentStatus } from '../../../shared';
import {
  CarrierError,
  type CarrierAddress,
  type CarrierTrackingEvent,
  type Quote,
  type QuoteRequest,
  type ShipmentRequest,
} from '../../ports/carrier.port';
import { splitStreetLine } from './street-line';

/**
 * Melhor Envio's formats (docs.melhorenvio.com.br, API v2: "Cotação de fretes" `POST /me/shipment/calculate`,
 * "Compra de fretes" `POST /me/cart` → `POST /me/shipment/checkout`, "Geração e impressão"
 * `POST /me/shipment/generate` and `/print`, "Rastreio" `POST /me/shipment/tracking`, "Pesquisar
 * etiqueta" `GET /me/orders/search?q=`, `GET /me/orders/{id}`, "Cancelamento" `POST /me/shipment/cancel`,
 * "Webhooks"). Dimensions in cm, weights in kg, money in reais; numbers may come as strings.
 */

const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);
const date = z.string().nullish();

export const MeQuotes = z.array(
  z.object({
    id: z.union([z.number(), z.string()]).transform(String),
    name: z.string(),
    price: num.nullish(),
    custom_price: num.nullish(),
    currency: z.string().nullish(),
    delivery_time: z.number().nullish(),
    custom_delivery_time: z.number().nullish(),
    company: z.object({ name: z.string() }).nullish(),
    error: z.string().nullish(),
  }),
);

/** An order ("etiqueta") as `GET /me/orders/{id}`, the search and the cart answer it. */
export const MeOrder = z.object({
  id: z.string().min(1),
  protocol: z.string().nullish(),
  status: z.string().min(1),
  tracking: z.string().nullish(),
  self_tracking: z.string().nullish(),
  tags: z.array(z.object({ tag: z.string().nullish() })).nullish(),
  created_at: date,
});
export type MeOrder = z.infer<typeof MeOrder>;
export const MeOrders = z.union([z.array(MeOrder), z.object({ data: z.array(MeOrder) }).transform((d) => d.data)]);

/** `POST /me/shipment/generate`: per order, whether the generation was accepted. */
export const MeGenerated = z.record(z.string(), z.object({ status: z.boolean(), message: z.string().nullish() }));
export const MePrinted = z.object({ url: z.string().url() });

/** `POST /me/shipment/tracking`: per order, its status and the time of each milestone. */
export const MeTracking = z.record(
  z.string(),
  z.object({
    id: z.string(),
    status: z.string().nullish(),
    tracking: z.string().nullish(),
    created_at: date,
    paid_at: date,
    generated_at: date,
    posted_at: date,
    delivered_at: date,
    canceled_at: date,
    expired_at: date,
  }),
);

export const MeWebhook = z.object({ event: z.string().min(1), data: z.object({ id: z.string().min(1) }) });

export function readMe<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new CarrierError(
      `${what}: Melhor Envio answered in a shape we do not read (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'unexpected'}); the API may have changed`,
      'protocol',
    );
  }
  return r.data;
}

/** Melhor Envio's error text (`message`, or the first of `errors`, or `error`). */
export function meError(body: unknown): string {
  const b = (body ?? {}) as { message?: unknown; error?: unknown; errors?: Record<string, unknown> };
  const first = b.errors ? Object.values(b.errors).flat()[0] : undefined;
  return [b.message, first, b.error].filter((t): t is string => typeof t === 'string' && t.length > 0).join(': ') || 'no reason given';
}

const cm = (mm: number | undefined, fallback: number) => Math.max(1, Math.round((mm ?? fallback) / 10));
const kg = (g: number) => Math.max(0.01, Math.round(g / 10) / 100);
const digits = (s: string | undefined) => (s ?? '').replace(/\D/g, '');

export function calculateBody(req: QuoteRequest, services: string) {
  const p = req.parcels;
  // One package: Melhor Envio quotes volumes of a shipment together; the parcels are summed by weight, the largest box kept.
  const biggest = [...p].sort(
    (a, b) => (b.lengthMm ?? 0) * (b.widthMm ?? 0) * (b.heightMm ?? 0) - (a.lengthMm ?? 0) * (a.widthMm ?? 0) * (a.heightMm ?? 0),
  )[0];
  return {
    from: { postal_code: digits(req.from.postalCode) },
    to: { postal_code: digits(req.to.postalCode) },
    package: {
      height: cm(biggest?.heightMm, 100),
      width: cm(biggest?.widthMm, 150),
      length: cm(biggest?.lengthMm, 200),
      weight: kg(p.reduce((s, x) => s + x.weightGrams, 0)),
    },
    options: { insurance_value: req.declaredValue.amount, receipt: false, own_hand: false },
    ...(services ? { services } : {}),
  };
}

const currencyOf = (c: string | null | undefined) => (!c || c.includes('R$') ? 'BRL' : c.toUpperCase());

export function quotesFrom(rows: z.infer<typeof MeQuotes>): Quote[] {
  return rows.flatMap((r) => {
    const price = r.custom_price ?? r.price;
    const days = r.custom_delivery_time ?? r.delivery_time;
    // A service with `error` does not serve this route (or this package).
    if (r.error || price == null || !(price > 0) || days == null || days < 0) return [];
    return [
      {
        service: r.id,
        serviceName: [r.company?.name, r.name].filter(Boolean).join(' '),
        price: { amount: price, currency: currencyOf(r.currency) },
        transitDays: days,
      },
    ];
  });
}

function party(a: CarrierAddress, document: string | undefined) {
  const { street, number, complement } = splitStreetLine(a.line1);
  const doc = digits(document);
  return {
    name: a.name,
    phone: digits(a.phone),
    email: a.email ?? '',
    // CNPJ has 14 digits, CPF 11: Melhor Envio wants them in different fields.
    ...(doc.length === 14 ? { company_document: doc } : { document: doc }),
    address: street,
    complement,
    number,
    district: '',
    city: a.city,
    state_abbr: (a.region ?? '').replace(/^BR-/, ''),
    country_id: a.country,
    postal_code: digits(a.postalCode),
  };
}

/**
 * `POST /me/cart`: the whole shipment, with our reference as its tag (how a retry finds it). An NF-e
 * key in `external.invoiceKey` makes it a commercial shipment; without one it goes with a content
 * declaration (non_commercial). The recipient's CPF/CNPJ comes from `external.recipientDocument`.
 */
export function cartBody(req: ShipmentRequest, sender: { document: string; stateRegister?: string }) {
  const invoiceKey = req.external?.invoiceKey?.trim();
  return {
    service: Number(req.service),
    from: { ...party(req.from, sender.document), ...(sender.stateRegister ? { state_register: sender.stateRegister } : {}) },
    to: party(req.to, req.external?.recipientDocument),
    products: [{ name: `Pedido ${req.orderNumber}`, quantity: 1, unitary_value: req.declaredValue.amount }],
    volumes: [
      {
        height: cm(req.parcel.heightMm, 100),
        width: cm(req.parcel.widthMm, 150),
        length: cm(req.parcel.lengthMm, 200),
        weight: kg(req.parcel.weightGrams),
      },
    ],
    options: {
      insurance_value: req.declaredValue.amount,
      receipt: false,
      own_hand: false,
      reverse: false,
      non_commercial: !invoiceKey,
      ...(invoiceKey ? { invoice: { key: invoiceKey } } : {}),
      platform: 'Atalaya',
      tags: [{ tag: req.reference, url: null }],
    },
  };
}

/** Milestones of the tracking answer, in the order they happen: [field, raw code, text, status, reason]. */
const MILESTONES = [
  ['created_at', 'pending', 'Etiqueta criada no carrinho', null, null],
  ['paid_at', 'released', 'Etiqueta paga', null, null],
  ['generated_at', 'generated', 'Etiqueta gerada', null, null],
  ['posted_at', 'posted', 'Objeto postado', 'in_transit', null],
  ['delivered_at', 'delivered', 'Objeto entregue', 'delivered', null],
  ['canceled_at', 'canceled', 'Etiqueta cancelada', 'cancelled', null],
  ['expired_at', 'expired', 'Etiqueta expirada sem pagamento', 'cancelled', 'expired'],
] as const;

/** Statuses that have no milestone time of their own (known; anything else is kept with status null). */
const UNTIMED: Readonly<Record<string, readonly [string, ShipmentStatus | null, string | null]>> = {
  received: ['Recebido pela transportadora', 'in_transit', null],
  undelivered: ['Não entregue', 'attempt_failed', 'delivery_failed'],
  paused: ['Etiqueta pausada', 'exception', 'paused'],
  suspended: ['Etiqueta suspensa', 'exception', 'suspended'],
};

const when = (raw: string | null | undefined): Date | null => {
  if (!raw) return null;
  const at = new Date(raw.includes('T') ? raw : `${raw.replace(' ', 'T')}-03:00`);
  return Number.isNaN(at.getTime()) ? null : at;
};

/**
 * One order's tracking as events, oldest first. Melhor Envio's tracking is coarse: the time of each
 * milestone (created, paid, generated, posted, delivered, cancelled, expired) and the current status;
 * a status without a milestone (undelivered, paused…) becomes one more event at the latest time known.
 */
export function meEvents(t: z.infer<typeof MeTracking>[string]): CarrierTrackingEvent[] {
  const events: CarrierTrackingEvent[] = [];
  for (const [field, code, text, status, reason] of MILESTONES) {
    const at = when(t[field]);
    if (at) events.push({ trackingNumber: t.id, status, reason, carrierCode: code, carrierText: text, occurredAt: at });
  }
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const current = t.status?.trim();
  const timed = MILESTONES.some(([, code]) => code === current || (current === 'cancelled' && code === 'canceled'));
  const last = events.at(-1)?.occurredAt;
  if (current && !timed && last) {
    const known = Object.hasOwn(UNTIMED, current) ? UNTIMED[current]! : null;
    events.push({
      trackingNumber: t.id,
      status: known?.[1] ?? null,
      reason: known?.[2] ?? null,
      carrierCode: current,
      carrierText: known?.[0] ?? current,
      occurredAt: last,
    });
  }
  return events;
}
