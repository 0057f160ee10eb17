import { z } from 'zod';
import { type OrderDraft, OrderDraftSchema } from '../../../shared';
import { ChannelPayloadError } from '../../ports/channel.port';

/** Pieces every connector's mapping uses: parsing a payload with zod, money, names, countries. */

/** Parses a channel payload with its schema; a mismatch is a ChannelPayloadError naming each field. */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || 'body', message: i.message }));
  throw new ChannelPayloadError(`${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/** The finished draft, checked against the contract; a bad draft is the channel's data, so permanent. */
export function finishDraft(draft: z.input<typeof OrderDraftSchema>, what: string): OrderDraft {
  return parsePayload(OrderDraftSchema, draft, `${what} does not make a valid order`);
}

/** Money as channels send it: "1499.90", 1499.9, null. */
export const money = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'expected a decimal amount')
    .transform(Number),
]);
/** Optional money; WooCommerce sends "" for an amount it has not computed. */
export const optionalMoney = z.union([z.literal('').transform(() => undefined), money]).nullish();
/** Ids arrive as numbers or strings depending on the platform and its version. */
export const idLike = z.union([z.string().trim().min(1), z.number().int().transform(String)]);
export const optText = z.string().nullish();

/** Rounds to cents: float sums of money lose the last digit otherwise. */
export function cents(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Trimmed, or undefined for null/blank: the draft schema wants absent, not empty. */
export function clean(v: string | null | undefined, max = 300): string | undefined {
  const t = v?.trim();
  return t ? t.slice(0, max) : undefined;
}

export function fullName(...parts: (string | null | undefined)[]): string | undefined {
  return clean(
    parts
      .map((p) => p?.trim() ?? '')
      .filter(Boolean)
      .join(' '),
    200,
  );
}

/** ISO 3166 alpha-3 → alpha-2 for the countries a Latin American retailer ships to (VTEX sends alpha-3). */
const ALPHA3: Record<string, string> = {
  ARG: 'AR',
  BRA: 'BR',
  CHL: 'CL',
  URY: 'UY',
  PRY: 'PY',
  BOL: 'BO',
  PER: 'PE',
  COL: 'CO',
  ECU: 'EC',
  VEN: 'VE',
  MEX: 'MX',
  GTM: 'GT',
  CRI: 'CR',
  PAN: 'PA',
  DOM: 'DO',
  SLV: 'SV',
  HND: 'HN',
  NIC: 'NI',
  CUB: 'CU',
  PRI: 'PR',
  USA: 'US',
  CAN: 'CA',
  ESP: 'ES',
  PRT: 'PT',
  ITA: 'IT',
  FRA: 'FR',
  DEU: 'DE',
  GBR: 'GB',
  CHN: 'CN',
  JPN: 'JP',
};

/** A country as a channel spells it (AR, ARG, ar) → alpha-2, or undefined when unknown. */
export function countryAlpha2(v: string | null | undefined): string | undefined {
  const c = v?.trim().toUpperCase();
  if (!c) return undefined;
  if (/^[A-Z]{2}$/.test(c)) return c;
  return ALPHA3[c];
}

/** Splits a comma-separated tag string ("vip, regalo") into clean tags, at most 50. */
export function splitTags(s: string | null | undefined): string[] {
  return [
    ...new Set(
      (s ?? '')
        .split(',')
        .map((t) => t.trim().slice(0, 80))
        .filter(Boolean),
    ),
  ].slice(0, 50);
}

/** A coordinate pair only when both are real numbers in range (channels send "" or 0,0 for unknown). */
export function coords(lat: unknown, lng: unknown): { lat: number; lng: number } | undefined {
  const la = typeof lat === 'string' ? Number(lat) : lat;
  const ln = typeof lng === 'string' ? Number(lng) : lng;
  if (typeof la !== 'number' || typeof ln !== 'number' || !Number.isFinite(la) || !Number.isFinite(ln)) return undefined;
  if (la === 0 && ln === 0) return undefined;
  if (Math.abs(la) > 90 || Math.abs(ln) > 180) return undefined;
  return { lat: la, lng: ln };
}

/** An ISO datetime with an offset, or undefined (drafts reject anything else). */
export function isoDate(v: string | null | undefined, assumeUtc = false): string | undefined {
  if (!v) return undefined;
  const s = assumeUtc && !/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? `${v}Z` : v;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
