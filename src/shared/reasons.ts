import { z } from 'zod';

/**
 * The engine's reasons that reach a person — why an order cannot be sourced, why an import row or a
 * channel's message failed, where an address's coordinates came from — as stable codes with
 * parameters. The English sentence of each code is what the engine has always written (the API's
 * `reason` strings, the stored history): {@link reasonText} writes it, {@link parseReason} reads it
 * back, so a desk can say it in its own language from the prose alone, old rows included, and an
 * unknown sentence stays readable as it is.
 *
 * A template's `{name}` is a parameter. A parameter named in `nested` is itself a reason (or a
 * "; "-separated list of them) and is translated in turn. A template that is all parameters around
 * a separator (`{strategy}: {failure}`) is `strict`: it only matches when its nested reason is a known
 * one of its own family (a sourcing failure, an intake issue), so it never claims an arbitrary "a: b".
 */
export const REASONS = {
  'sourcing.no_stock': { text: 'no location has available stock for every line' },
  'sourcing.stock_taken': { text: 'stock was taken by other orders at every candidate location' },
  'sourcing.unknown_sku': { text: 'unknown SKU {skus} (not in the catalog)' },
  'sourcing.unknown_skus': { text: 'unknown SKUs {skus} (not in the catalog)' },
  'sourcing.no_profile': {
    text: 'no active sourcing profile applies to channel {channel} ({orderType} orders): activate one in the Sourcing view',
  },
  'sourcing.line_short': { text: 'no eligible location has {quantity} of SKU {sku}' },
  'sourcing.line_short_total': { text: 'eligible locations together have {has} of SKU {sku}, {quantity} needed' },
  /** A line split across locations: `parts` is "2 from Store A, 1 from Store B" (the desk says it from the decision's data). */
  'sourcing.line_split': { text: '{quantity} × {sku} split: {parts}' },
  'sourcing.split_under_minimum': { text: 'every split leaves a part under the minimum value {minimum}' },
  'sourcing.too_many_splits': { text: 'no location set of at most {maxSplits} can fill every line' },
  'sourcing.no_option': { text: 'no option' },
  'sourcing.strategy_failed': { text: '{strategy}: {failure}', nested: ['failure'], strict: true },

  'geo.channel': { text: 'channel' },
  'geo.pickup_store': { text: 'pickup store {code}' },
  'geo.gazetteer': { text: 'gazetteer (city): {place} ({country}, admin1 {admin1}, GeoNames {geonamesId})' },
  'geo.gazetteer_region_unmatched': {
    text: 'gazetteer (city): {place} ({country}, admin1 {admin1}, GeoNames {geonamesId}); region not matched',
  },

  'intake.not_normalised': { text: 'order {externalId} cannot be normalised: {issues}', nested: ['issues'] },
  /** A field's problem, "shipTo: …" in a channel's message or "city: …" in an import row. */
  'intake.field_issue': { text: '{path}: {issue}', nested: ['issue'], strict: true },
  'intake.channel_gone': { text: 'channel {channelId} no longer exists' },
  'intake.no_adapter': { text: 'no adapter for channel kind {kind}' },
  'intake.failed_repeatedly': { text: 'failed {attempts} times; last error: {error}' },
  'intake.replayed_edited': { text: 'with an edited body' },
  'intake.address_required': { text: 'a delivery address is required for home delivery' },
  'intake.not_located': {
    text: 'no coordinates sent and "{place}" could not be located; correct the city or postal code, or send lat/lng',
  },
  'intake.pickup_store_required': { text: 'store pickup needs the pickup store (our location code)' },
  'intake.no_such_location': { text: 'no location "{code}"; use one of our location codes (e.g. ST-001)' },
  'intake.unknown_sku': { text: 'SKU "{sku}" is not in the catalog, or correct the line' },
  'intake.unknown_sku_unmapped': {
    text: 'SKU "{sku}" is not in the catalog and this channel has no mapping for it; map it in Channels → SKU mappings, or correct the line',
  },

  'import.order_id_empty': { text: 'order_id is empty; give every row the id of the order it belongs to' },
  'import.rows_apart': {
    text: 'order {order} started at line {line} and other orders came between; put all rows of an order together',
  },
  'import.value_differs': {
    text: '{column} is "{value}" here but "{first}" on line {line} of the same order; give it the same value on every row of the order, or leave it blank after the first',
  },
  'import.lat_not_number': { text: 'lat "{value}" is not a number; write decimal degrees such as -34.6037' },
  'import.lng_not_number': { text: 'lng "{value}" is not a number; write decimal degrees such as -58.3816' },
  'import.lat_lng_pair': {
    text: 'give both lat and lng, or neither (the address is then located by city and postal code)',
  },
  'import.delivery_type_unknown': {
    text: 'delivery_type "{value}" is not known; write home_delivery (domicilio) or store_pickup (retiro)',
  },
  'import.pickup_location_missing': { text: 'store pickup needs pickup_location: the code of the store (e.g. ST-001)' },
  'import.promised_at_not_date': {
    text: 'promised_at "{value}" is not a date; write 2026-12-24, 24/12/2026 or 2026-12-24T18:00:00-03:00',
  },
  'import.quantity_empty': { text: 'quantity is empty; write the number of units (a whole number, 1 or more)' },
  'import.quantity_not_whole': { text: 'quantity "{value}" is not a whole number of units; write 1 or more' },
  'import.sku_empty': { text: 'sku is empty; write the product code' },
  'import.sku_repeated': {
    text: 'SKU {sku} is already on line {line} of this order; merge the two rows into one with the total quantity',
  },

  /** The exception inbox's items (src/shared/exceptions.contract.ts) that have no reason of their own module's. */
  'exception.rejected_not_in_stock': { text: 'rejected at {location}: not in stock; not yet sourced elsewhere' },
  'exception.rejected_damaged': { text: 'rejected at {location}: stock damaged; not yet sourced elsewhere' },
  'exception.rejected_no_capacity': { text: 'rejected at {location}: no capacity today; not yet sourced elsewhere' },
  'exception.rejected_short_pick': { text: 'short pick at {location}; the rest not yet sourced elsewhere' },
  'exception.unfillable': { text: 'cannot be sourced yet' },
  'exception.quarantined': { text: 'the channel message could not become an order' },
  'exception.shipment_alert': { text: 'shipment alert from {carrier}: {detail}' },
  'exception.message_failed': { text: 'the {channel} message "{event}" to {recipient} failed: {error}' },
  'exception.return_review': { text: 'return #{number} waits for a decision' },
  'exception.print_failed': { text: 'printing "{title}" failed: {error}' },
  'exception.late': { text: 'promised for {dueAt} and not shipped yet' },
} as const satisfies Record<string, { text: string; nested?: readonly string[]; strict?: boolean }>;

export type ReasonCode = keyof typeof REASONS;
export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

/** A reason as a code and its parameters: what a desk translates. */
export const ReasonRefSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.string()),
});
export type ReasonRef = { code: ReasonCode; params: Record<string, string> };

/** The parameter names of a template, in order. */
export function reasonParams(code: ReasonCode): string[] {
  return [...REASONS[code].text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** The English sentence of a reason: what the engine stores and the API returns. */
export function reasonText(code: ReasonCode, params: Record<string, string | number> = {}): string {
  return REASONS[code].text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

type Template = { text: string; nested?: readonly string[]; strict?: boolean };
const TEMPLATES: Record<ReasonCode, Template> = REASONS;
const nestedOf = (code: ReasonCode): readonly string[] => TEMPLATES[code].nested ?? [];
const strictOf = (code: ReasonCode): boolean => TEMPLATES[code].strict === true;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each template as an anchored pattern; longer literal text first, so "…; region not matched" wins over its prefix. */
const PATTERNS = REASON_CODES.map((code) => {
  const text = REASONS[code].text;
  const parts = text.split(/\{\w+\}/);
  const names = reasonParams(code);
  // In a strict template the plain parameters are names (a strategy, a field path): no ":" or ";" in them,
  // so "a: b; c: d" is read as two reasons, never as one whose name is "a: b; c".
  const group = (i: number) => (strictOf(code) && !nestedOf(code).includes(names[i]!) ? '([^;:]+?)' : '([\\s\\S]*?)');
  const source = parts.map((p, i) => (i === 0 ? escape(p) : group(i - 1) + escape(p))).join('');
  return { code, re: new RegExp(`^${source}$`), names, literal: parts.join('').length };
}).sort((a, b) => b.literal - a.literal);

/**
 * The items of a "; "-separated list of reasons, each one a known reason (of `family`, when given:
 * `sourcing.`, `intake.`…); null when the text cannot be cut that way. An item may itself contain
 * "; " ("…no mapping for it; map it in Channels…"): the cut tries the shortest item first and grows
 * it, so a list is read as many reasons, and a reason with a "; " inside stays whole.
 */
export function splitReasons(text: string, family = ''): string[] | null {
  const pieces = text.split('; ');
  const from = (i: number): string[] | null => {
    if (i === pieces.length) return [];
    for (let j = i + 1; j <= pieces.length; j++) {
      const item = pieces.slice(i, j).join('; ');
      if (parseOne(item)?.code.startsWith(family) !== true) continue;
      const rest = from(j);
      if (rest) return [item, ...rest];
    }
    return null;
  };
  return from(0);
}

/**
 * The code and parameters of an English reason the engine wrote; null for a sentence that is not in
 * {@link REASONS}, and for a "; "-separated list of reasons (each item is one: {@link splitReasons}).
 */
export function parseReason(text: string): ReasonRef | null {
  if ((splitReasons(text)?.length ?? 0) > 1) return null;
  return parseOne(text);
}

function parseOne(text: string): ReasonRef | null {
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const params = Object.fromEntries(p.names.map((n, i) => [n, m[i + 1]!]));
    const family = p.code.slice(0, p.code.indexOf('.') + 1);
    if (strictOf(p.code) && !nestedOf(p.code).every((n) => splitReasons(params[n]!, family) !== null)) continue;
    return { code: p.code, params };
  }
  return null;
}

/**
 * A reason as the codes of its items: one for a single reason, one per item for a "; "-separated
 * list; null when any item is not in the catalogue (the sentence is then the only form there is).
 */
export function parseReasons(text: string): ReasonRef[] | null {
  return splitReasons(text)?.map((item) => parseOne(item)!) ?? null;
}

/** Whether a parameter of this reason is itself a reason (or a list of them) to translate in turn. */
export function isNestedReason(code: ReasonCode, param: string): boolean {
  return nestedOf(code).includes(param);
}
