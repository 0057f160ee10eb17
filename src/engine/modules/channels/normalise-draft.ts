import type { CustomerTier, DraftAddress, FieldIssue, OrderDraft, OrderInput } from '../../../shared';
import { OrderInputSchema } from '../../../shared';
import DataLoader from 'dataloader';
import type { Db } from '../../db/data-source';
import { createDefaultGeocoder } from '../../adapters/geo/default-geocoder';
import type { Geocoder } from '../../ports/geocoder.port';
import type { WorkflowDeps } from '../../kernel/context';
import { findActiveLocations } from '../locations/location.store';
import { mapAndCheck } from './channel.store';

export type NormaliseResult = { ok: true; order: OrderInput } | { ok: false; issues: FieldIssue[] };

export interface PickupLocation {
  id: string;
  code: string;
  name: string;
  city: string;
  lat: number;
  lng: number;
}

/** What normalisation looks up, passed in so the rules are testable without a database. */
export interface NormaliseLookups {
  channelId: string | null;
  /** Channel SKU → our SKU, for the draft's SKUs that have a mapping. */
  skuMap: ReadonlyMap<string, string>;
  /** Which of the candidate SKUs our catalog knows. */
  knownSkus: ReadonlySet<string>;
  /** Our location by id or code (store pickup). */
  location(idOrCode: string): PickupLocation | undefined;
  geocoder: Geocoder;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The one SKU rule of intake, whatever the path: every line names a SKU of our catalog (for a
 * channel's draft, after the channel's SKU mapping). A line that does not is a field issue with this
 * message — the inbox quarantines the row with it, a synchronous caller (REST, the desk, an import)
 * is refused with it — and the order is never stored.
 */
export function unknownSkuMessage(sku: string, mappable: boolean): string {
  return `SKU "${sku}" is not in the catalog${mappable ? ' and this channel has no mapping for it; map it in Channels → SKU mappings' : ''}, or correct the line`;
}

/** {@link unknownSkuMessage} for the canonical order's lines (`lines.N.sku`, our SKUs, no mapping): one lookup. */
export async function unknownSkuIssues(deps: WorkflowDeps, lines: readonly { sku: string }[]): Promise<FieldIssue[]> {
  const { known } = await mapAndCheckSkus(deps.ds, null, [...new Set(lines.map((l) => l.sku))]);
  return lines.flatMap((l, i) => (known.has(l.sku) ? [] : [{ path: `lines.${i}.sku`, message: unknownSkuMessage(l.sku, false) }]));
}

/**
 * The rules of normalisation: SKUs mapped per channel (an unknown SKU is a field issue naming the
 * fix, not a crash), lines of one SKU merged, coordinates from the channel or else the geocoder,
 * store pickup resolved to our location (whose coordinates stand in for the destination).
 */
export async function normaliseWith(lk: NormaliseLookups, draft: OrderDraft): Promise<NormaliseResult> {
  const issues: FieldIssue[] = [];
  const merged = new Map<string, { sku: string; quantity: number; unitPrice?: number }>();
  draft.lines.forEach((l, i) => {
    const sku = lk.skuMap.get(l.channelSku) ?? l.channelSku;
    if (!lk.knownSkus.has(sku)) {
      issues.push({ path: `lines.${i}.channelSku`, message: unknownSkuMessage(l.channelSku, !!lk.channelId) });
      return;
    }
    const prev = merged.get(sku);
    if (prev) {
      prev.quantity += l.quantity;
      if (prev.unitPrice !== l.unitPrice) prev.unitPrice = undefined;
    } else merged.set(sku, { sku, quantity: l.quantity, unitPrice: l.unitPrice });
  });

  let pickup: PickupLocation | undefined;
  if (draft.deliveryType === 'store_pickup') {
    if (!draft.pickupLocation) issues.push({ path: 'pickupLocation', message: 'store pickup needs the pickup store (our location code)' });
    else {
      pickup = lk.location(draft.pickupLocation);
      if (!pickup)
        issues.push({
          path: 'pickupLocation',
          message: `no location "${draft.pickupLocation}"; use one of our location codes (e.g. ST-001)`,
        });
    }
  }

  let shipTo: OrderInput['shipTo'] | undefined;
  let geocodeSource: string | undefined;
  const a: DraftAddress | undefined = draft.shipTo;
  if (pickup) {
    const base = a ?? { line1: pickup.name, city: pickup.city, country: 'AR' };
    shipTo = {
      line1: base.line1,
      city: base.city,
      region: base.region,
      postalCode: base.postalCode,
      country: base.country,
      lat: pickup.lat,
      lng: pickup.lng,
    };
    geocodeSource = `pickup store ${pickup.code}`;
  } else if (!a) {
    issues.push({ path: 'shipTo', message: 'a delivery address is required for home delivery' });
  } else if (a.lat !== undefined && a.lng !== undefined) {
    shipTo = { line1: a.line1, city: a.city, region: a.region, postalCode: a.postalCode, country: a.country, lat: a.lat, lng: a.lng };
    geocodeSource = 'channel';
  } else {
    const hit = await lk.geocoder
      .geocode({ city: a.city, region: a.region, postalCode: a.postalCode, country: a.country, line1: a.line1 })
      .catch(() => null);
    if (!hit)
      issues.push({
        path: 'shipTo.city',
        message: `no coordinates sent and "${a.city}${a.postalCode ? ` ${a.postalCode}` : ''}, ${a.country}" could not be located; correct the city or postal code, or send lat/lng`,
      });
    else {
      shipTo = { line1: a.line1, city: a.city, region: a.region, postalCode: a.postalCode, country: a.country, lat: hit.lat, lng: hit.lng };
      geocodeSource = `${hit.source} (${hit.precision}): ${hit.matched}`.slice(0, 200);
    }
  }
  if (issues.length || !shipTo) return { ok: false, issues };

  const b = draft.billTo;
  const candidate: OrderInput = {
    channel: draft.channel,
    externalId: draft.externalId,
    customer: {
      name: draft.customer.name,
      email: draft.customer.email,
      phone: draft.customer.phone ?? a?.phone,
      tier: customerTier(draft.customer.tier),
    },
    shipTo,
    currency: draft.currency,
    lines: [...merged.values()].map((l) => ({
      sku: l.sku,
      quantity: l.quantity,
      ...(l.unitPrice !== undefined ? { unitPrice: round2(l.unitPrice) } : {}),
    })),
    notes: draft.notes,
    ...(lk.channelId ? { channelId: lk.channelId } : {}),
    externalNumber: draft.externalNumber,
    deliveryType: draft.deliveryType,
    pickupLocationId: pickup?.id,
    billTo: b
      ? { line1: b.line1, city: b.city, region: b.region, postalCode: b.postalCode, country: b.country, lat: b.lat, lng: b.lng }
      : undefined,
    promisedAt: draft.promisedAt,
    paymentStatus: draft.paymentStatus,
    shipping: draft.shipping
      ? { method: draft.shipping.method, carrier: draft.shipping.carrier, amount: draft.shipping.amount }
      : undefined,
    taxTotal: draft.totals?.tax ?? sumOf(draft.lines.map((l) => l.taxAmount)),
    discountTotal: draft.totals?.discount ?? sumOf(draft.lines.map((l) => l.discountAmount)),
    tags: draft.tags.length ? draft.tags : undefined,
    geocodeSource,
  };
  // The canonical schema has the last word (lengths, ranges), so what intake stores is always valid.
  const parsed = OrderInputSchema.safeParse(candidate);
  if (!parsed.success)
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(order)', message: i.message })) };
  return { ok: true, order: parsed.data };
}

function sumOf(xs: (number | undefined)[]): number | undefined {
  const present = xs.filter((x): x is number => x !== undefined);
  return present.length ? round2(present.reduce((s, x) => s + x, 0)) : undefined;
}

const defaultGeocoder = createDefaultGeocoder();

/**
 * Turns a channel's order draft into the canonical order intake stores: SKUs mapped to ours for
 * this channel, coordinates for the delivery address. A draft that cannot be normalised (an
 * unknown SKU, an address no geocoder can place) gives field issues, never a crash.
 * `opts.geocoder` replaces the engine's default (the offline gazetteer with an optional online one).
 */
export async function normaliseDraft(
  deps: WorkflowDeps,
  channelId: string | null,
  draft: OrderDraft,
  opts: { geocoder?: Geocoder } = {},
): Promise<NormaliseResult> {
  const m = deps.ds.manager;
  const channelSkus = [...new Set(draft.lines.map((l) => l.channelSku))];
  const { skuMap, known } = await mapAndCheckSkus(deps.ds, channelId, channelSkus);
  let locations: PickupLocation[] = [];
  if (draft.deliveryType === 'store_pickup' && draft.pickupLocation) {
    locations = await findActiveLocations(m, draft.pickupLocation);
  }
  return normaliseWith(
    {
      channelId,
      skuMap,
      knownSkus: known,
      location: (x) => locations.find((l) => l.id === x || l.code === x),
      geocoder: opts.geocoder ?? defaultGeocoder,
    },
    draft,
  );
}

/**
 * The channel's SKU mapping and which of the SKUs (as sent or as mapped) are in the catalog. It is
 * on every inbox row's path: rows processed side by side (a batch of deliveries) share one query
 * per channel, gathered until the event loop turns (DataLoader, no cache: each batch reads afresh).
 */
export async function mapAndCheckSkus(
  ds: Db,
  channelId: string | null,
  channelSkus: readonly string[],
): Promise<{ skuMap: Map<string, string>; known: Set<string> }> {
  const loader = skuLoaders.get(ds) ?? skuLoaders.set(ds, newSkuLoader(ds)).get(ds)!;
  const found = await Promise.all(channelSkus.map((sku) => loader.load(JSON.stringify([channelId, sku]))));
  const skuMap = new Map<string, string>();
  const known = new Set<string>();
  channelSkus.forEach((sent, i) => {
    const f = found[i]!;
    if (f.sku !== sent) skuMap.set(sent, f.sku);
    if (f.known) known.add(f.sku);
  });
  return { skuMap, known };
}

/** Per channel SKU: the catalog SKU it stands for (itself when unmapped) and whether the catalog has it. */
type SkuFound = { sku: string; known: boolean };
const skuLoaders = new WeakMap<Db, DataLoader<string, SkuFound>>();

function newSkuLoader(ds: Db): DataLoader<string, SkuFound> {
  return new DataLoader<string, SkuFound>(
    async (keys) => {
      const asked = keys.map((k) => JSON.parse(k) as [string | null, string]);
      const byChannel = new Map<string | null, string[]>();
      for (const [channel, sku] of asked) byChannel.set(channel, [...(byChannel.get(channel) ?? []), sku]);
      const answers = new Map<string | null, { map: Map<string, string>; known: Set<string> }>();
      await Promise.all(
        [...byChannel].map(async ([channel, skus]) => {
          answers.set(channel, await mapAndCheck(ds.manager, channel, [...new Set(skus)]));
        }),
      );
      return asked.map(([channel, sent]) => {
        const a = answers.get(channel)!;
        const sku = a.map.get(sent) ?? sent;
        return { sku, known: a.known.has(sku) };
      });
    },
    { cache: false, batchScheduleFn: (run) => setImmediate(run), maxBatchSize: 2000 },
  );
}

const TIER_ALIASES: Readonly<Record<string, CustomerTier>> = {
  vip: 'vip',
  gold: 'gold',
  oro: 'gold',
  silver: 'silver',
  plata: 'silver',
  standard: 'standard',
  estandar: 'standard',
  regular: 'standard',
};

/** A channel's customer tier or segment in our four tiers (English or Spanish names); anything else is no tier. */
export function customerTier(raw: string | undefined): CustomerTier | undefined {
  if (!raw) return undefined;
  return TIER_ALIASES[raw.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase()];
}
