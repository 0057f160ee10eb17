import type { SourcingFilters } from '../../../shared/sourcing.contract';
import { cachedProbe, haversineH, hOfKm, kmOfH, probeOf } from './distance-probe';
import { minutesOf, type LocalTime } from './local-clock';
import type { AtpLookup, Exclusion, ExclusionCode, NetworkLocation, OrderToSource } from './types';

/** Kilometres from an eligible location to the customer, computed on first use. */
export function kmOf(e: EligibleLocation): number {
  if (Number.isNaN(e.distanceKm)) e.distanceKm = kmOfH(e.h);
  return e.distanceKm;
}

/** A location that passed every hard filter, with what the costs need. */
export interface EligibleLocation {
  loc: NetworkLocation;
  /** The haversine term to the customer (monotone in distance; see `kmOf`). */
  h: number;
  /** Kilometres to the customer; NaN until first asked for through `kmOf`. */
  distanceKm: number;
  /** Available to promise per order line (same order as the order's lines). */
  atp: number[];
}

export interface FilterInput {
  order: OrderToSource;
  filters: SourcingFilters;
  locations: readonly NetworkLocation[];
  atp: AtpLookup;
  /** The network's local time now; needed only by the opening-hours and cut-off filters. */
  local: LocalTime | null;
  /** Only locations that can ship the whole order stay (no splits allowed). */
  needAllLines: boolean;
  /**
   * Order-level exclusions (location id → reason), e.g. locations that already rejected this
   * order. Checked first: such a location is never a candidate, whatever the profile says.
   */
  exclusions?: ReadonlyMap<string, string>;
  /**
   * Optional fast path for large networks: the locations holding a SKU. With it, a location that
   * holds none of the order's SKUs is left out without a lookup per line.
   */
  holders?: (sku: string) => ReadonlyMap<string, number>;
}

/**
 * THE place where candidate locations are filtered: every hard filter of a strategy, in a fixed
 * order (order-level exclusions, paused, type, channel, pickup, open now, cut-off, capacity, stock,
 * distance band), each failure recorded with its reason. A location with stock for none of the
 * lines (or, when the order may not split, for some line) is left out with the first short SKU.
 * The reasons are kept as data and the full list is built only when `excluded()` is called.
 */
export function filterCandidates(input: FilterInput): { eligible: EligibleLocation[]; excluded(): Exclusion[] } {
  const { order, filters: f, exclusions } = input;
  const eligible: EligibleLocation[] = [];
  const paused = f.pausedLocationIds.length ? new Set(f.pausedLocationIds) : null;
  const kinds = new Set<string>(f.locationKinds);
  const lines = order.lines;
  // Shared "has none" reason for the first line: most locations of a large network hold none of an order's SKUs.
  const first = lines[0]!;
  const noneOfFirst: ExclusionCode = { code: 'no-stock', sku: first.sku, needs: first.quantity, has: 0 };
  const lineHolders = input.holders ? lines.map((l) => input.holders!(l.sku)) : null;
  const shipTo = probeOf(order.shipTo);
  const hBand = f.maxDistanceKm === null ? Infinity : hOfKm(f.maxDistanceKm);
  const locations = input.locations;
  // Per location index: 0 = not looked at (holds none of the SKUs), 1 = left out (reason kept), 2 = eligible.
  const state = new Uint8Array(locations.length);
  const reasons = new Map<number, ExclusionCode>();
  // With holders: the order's stock per location × line, filled from the holders (no lookup per location and line).
  let held: Float64Array | null = null;

  const evaluate = (k: number) => {
    const loc = locations[k]!;
    const why = hardFilter(loc, input, kinds, paused, exclusions);
    if (why) {
      state[k] = 1;
      reasons.set(k, why);
      return;
    }
    const atp: number[] = new Array<number>(lines.length);
    let serves = 0;
    let firstShort = -1;
    for (let i = 0; i < lines.length; i++) {
      const a = held ? held[k * lines.length + i]! : input.atp(loc.id, lines[i]!.sku);
      atp[i] = a;
      if (a >= lines[i]!.quantity) serves++;
      else if (firstShort < 0) firstShort = i;
    }
    if (serves === 0 || (input.needAllLines && firstShort >= 0)) {
      const l = lines[firstShort]!;
      state[k] = 1;
      reasons.set(k, { code: 'no-stock', sku: l.sku, needs: l.quantity, has: Math.max(0, atp[firstShort]!) });
      return;
    }
    const h = haversineH(shipTo, cachedProbe(loc));
    if (h > hBand) {
      state[k] = 1;
      reasons.set(k, { code: 'distance', km: kmOfH(h), maxKm: f.maxDistanceKm! });
      return;
    }
    state[k] = 2;
    eligible.push({ loc, h, distanceKm: NaN, atp });
  };

  if (lineHolders) {
    // Fast path: only the locations holding one of the order's SKUs are looked at now, in network order.
    const index = indexOf(locations);
    const n = lines.length;
    held = new Float64Array(locations.length * n);
    const holding: number[] = [];
    lineHolders.forEach((holders, i) => {
      for (const [id, qty] of holders) {
        const k = index.get(id);
        if (k === undefined) continue;
        held![k * n + i] = qty;
        if (state[k] === 0) {
          state[k] = 3;
          holding.push(k);
        }
      }
    });
    holding.sort((a, b) => a - b);
    for (const k of holding) {
      state[k] = 0;
      evaluate(k);
    }
  } else {
    for (let k = 0; k < locations.length; k++) evaluate(k);
  }
  return {
    eligible,
    excluded: () => {
      const out: Exclusion[] = [];
      for (let k = 0; k < locations.length; k++) {
        if (state[k] === 2) continue;
        const loc = locations[k]!;
        // A location not looked at holds none of the SKUs; a failed hard filter still comes first.
        const why = reasons.get(k) ?? hardFilter(loc, input, kinds, paused, exclusions) ?? noneOfFirst;
        out.push({ locationId: loc.id, locationName: loc.name, why });
      }
      return out;
    },
  };
}

const indexes = new WeakMap<readonly NetworkLocation[], Map<string, number>>();

/** Location id → position in the network array, built once per network array. */
function indexOf(locations: readonly NetworkLocation[]): Map<string, number> {
  let index = indexes.get(locations);
  if (!index) indexes.set(locations, (index = new Map(locations.map((l, k) => [l.id, k]))));
  return index;
}

function hardFilter(
  loc: NetworkLocation,
  input: FilterInput,
  kinds: Set<string>,
  paused: Set<string> | null,
  exclusions: ReadonlyMap<string, string> | undefined,
): ExclusionCode | null {
  const { filters: f, order, local } = input;
  const orderReason = exclusions?.get(loc.id);
  if (orderReason !== undefined) return { code: 'order-excluded', reason: orderReason };
  if (!loc.active || paused?.has(loc.id)) return { code: 'paused' };
  if (!kinds.has(loc.kind)) return { code: 'kind', kind: loc.kind };
  if (f.channelEligibility && loc.channels !== null && !loc.channels.includes(order.channel)) return { code: 'channel', channel: order.channel };
  if (f.pickupCapableForPickup && order.orderType === 'pickup' && !loc.pickupCapable) return { code: 'not-pickup' };
  if (f.requireOpenNow && local) {
    const closed = closedNow(loc, local);
    if (closed) return closed;
  }
  if (f.requireBeforeCutoff && local && loc.carrierCutoff !== null && local.minutes >= minutesOf(loc.carrierCutoff)) return { code: 'past-cutoff', cutoff: loc.carrierCutoff };
  if (f.respectDailyCapacity && loc.assignedToday >= loc.dailyCapacity) return { code: 'capacity', used: loc.assignedToday, capacity: loc.dailyCapacity };
  return null;
}

/** Null when open; a location with no opening hours at all is treated as always open. */
function closedNow(loc: NetworkLocation, local: LocalTime): ExclusionCode | null {
  const hours = loc.openingHours;
  let any = false;
  for (const _ in hours) {
    any = true;
    break;
  }
  if (!any) return null;
  const today = hours[String(local.weekday)];
  if (!today) return { code: 'closed-today' };
  const open = minutesOf(today.open);
  const close = minutesOf(today.close);
  const m = local.minutes;
  const isOpen = close > open ? m >= open && m < close : m >= open || m < close;
  if (isOpen) return null;
  return close > open && m < open ? { code: 'not-open-yet', opens: today.open } : { code: 'closed-at', closes: today.close };
}
