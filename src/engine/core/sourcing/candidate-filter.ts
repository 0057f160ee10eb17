import type { SourcingFilters } from '../../../shared/sourcing.contract';
import { cachedProbe, haversineH, hOfKm, kmOfH, probeOf, type Probe } from './distance-probe';
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
   * Line splitting: a location holding some units of a line, even too few to ship it whole, stays
   * (it can ship part of the line). Without it a location must be able to ship some line whole.
   */
  partialStock?: boolean;
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
  /**
   * With holders: what one decision's strategies share (the holders of the order's SKUs and the
   * eligible entries built from them, which do not depend on the filters). Pass the same object
   * for every strategy of one decision, a fresh one per decision.
   */
  shared?: HoldersOfOrder;
}

/** The holders of one order's SKUs, gathered once per decision (see `FilterInput.shared`). */
export interface HoldersOfOrder {
  /** Location indices holding some line, ascending (network order). */
  at?: Int32Array;
  /** Per position in `at`: where its row (one cell per line) starts in `cells`. */
  rows?: Int32Array;
  cells?: number[];
  /** Per position in `at`: its eligible entry once built (stock and distance do not depend on the strategy). */
  built?: (EligibleLocation | undefined)[];
}

/**
 * THE place where candidate locations are filtered: every hard filter of a strategy, in a fixed
 * order (order-level exclusions, paused, type, channel, pickup, open now, cut-off, capacity, stock,
 * distance band), each failure recorded with its reason. A location with stock for none of the
 * lines (or, when the order may not split, for some line; with `partialStock`, with no unit of
 * any line) is left out with the first short SKU.
 * The reasons are kept as data and the full list is built only when `excluded()` is called.
 */
export function filterCandidates(input: FilterInput): { eligible: EligibleLocation[]; excluded(): Exclusion[] } {
  const { order, filters: f, exclusions } = input;
  const eligible: EligibleLocation[] = [];
  const paused = f.pausedLocationIds.length ? new Set(f.pausedLocationIds) : null;
  const kinds = new Set<string>(f.locationKinds);
  const lines = order.lines;
  const n = lines.length;
  // Shared "has none" reason for the first line: most locations of a large network hold none of an order's SKUs.
  const first = lines[0]!;
  const noneOfFirst: ExclusionCode = { code: 'no-stock', sku: first.sku, needs: first.quantity, has: 0 };
  const shipTo = probeOf(order.shipTo);
  const hBand = f.maxDistanceKm === null ? Infinity : hOfKm(f.maxDistanceKm);
  const locations = input.locations;
  const probes = probesOf(locations);
  // Location indices that passed (ascending: locations are looked at in network order) and why the others were left out.
  const eligibleAt: number[] = [];
  const reasons = new Map<number, ExclusionCode>();
  // With holders: the order's stock per looked-at location × line, in a compact row per location (`row` = its first cell).
  let held: number[] | null = null;
  let row = 0;

  const evaluate = (k: number, built?: (EligibleLocation | undefined)[], p = 0) => {
    const loc = locations[k]!;
    const why = hardFilter(loc, input, kinds, paused, exclusions);
    if (why) {
      reasons.set(k, why);
      return;
    }
    const made = built?.[p];
    if (made) {
      // Built by an earlier strategy of this decision: it serves some line; only the whole-order and band checks depend on the strategy.
      if (input.needAllLines) {
        const short = lines.findIndex((l, i) => made.atp[i]! < l.quantity);
        if (short >= 0) {
          reasons.set(k, { code: 'no-stock', sku: lines[short]!.sku, needs: lines[short]!.quantity, has: Math.max(0, made.atp[short]!) });
          return;
        }
      }
      if (made.h > hBand) {
        reasons.set(k, { code: 'distance', km: kmOfH(made.h), maxKm: f.maxDistanceKm! });
        return;
      }
      eligibleAt.push(k);
      eligible.push(made);
      return;
    }
    const atp: number[] = new Array<number>(n);
    let serves = 0;
    let firstShort = -1;
    let holds = false;
    for (let i = 0; i < n; i++) {
      const a = held ? held[row + i]! : input.atp(loc.id, lines[i]!.sku);
      atp[i] = a;
      if (a > 0) holds = true;
      if (a >= lines[i]!.quantity) serves++;
      else if (firstShort < 0) firstShort = i;
    }
    if ((serves === 0 && !(input.partialStock && holds)) || (input.needAllLines && firstShort >= 0)) {
      const l = lines[firstShort]!;
      reasons.set(k, { code: 'no-stock', sku: l.sku, needs: l.quantity, has: Math.max(0, atp[firstShort]!) });
      return;
    }
    const h = haversineH(shipTo, probes[k]!);
    const e: EligibleLocation = { loc, h, distanceKm: NaN, atp };
    // Shared only when it serves some line whole: a later strategy without partialStock takes a built entry as such.
    if (built && serves > 0) built[p] = e;
    if (h > hBand) {
      reasons.set(k, { code: 'distance', km: kmOfH(h), maxKm: f.maxDistanceKm! });
      return;
    }
    eligibleAt.push(k);
    eligible.push(e);
  };

  if (input.holders) {
    // Fast path: only the locations holding one of the order's SKUs are looked at now, in network order.
    const shared = input.shared ?? {};
    if (!shared.at) gatherHolders(shared, order, locations, input.holders);
    const at = shared.at!;
    const rows = shared.rows!;
    held = shared.cells!;
    const built = (shared.built ??= []);
    for (let p = 0; p < at.length; p++) {
      row = rows[p]!;
      evaluate(at[p]!, built, p);
    }
  } else {
    for (let k = 0; k < locations.length; k++) evaluate(k);
  }
  return {
    eligible,
    excluded: () => {
      const out: Exclusion[] = [];
      let next = 0;
      for (let k = 0; k < locations.length; k++) {
        if (eligibleAt[next] === k) {
          next++;
          continue;
        }
        const loc = locations[k]!;
        // A location not looked at holds none of the SKUs; a failed hard filter still comes first.
        const why = reasons.get(k) ?? hardFilter(loc, input, kinds, paused, exclusions) ?? noneOfFirst;
        out.push({ locationId: loc.id, locationName: loc.name, why });
      }
      return out;
    },
  };
}

/** Fills `shared` with the locations holding some line of the order and their stock per line. */
function gatherHolders(
  shared: HoldersOfOrder,
  order: OrderToSource,
  locations: readonly NetworkLocation[],
  holders: (sku: string) => ReadonlyMap<string, number>,
): void {
  const index = indexOf(locations);
  const n = order.lines.length;
  if (slots.length < locations.length) slots = new Int32Array(locations.length);
  const holding: number[] = [];
  const cells: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      for (const [id, qty] of holders(order.lines[i]!.sku)) {
        const k = index.get(id);
        if (k === undefined) continue;
        let slot = slots[k]!;
        if (slot === 0) {
          slot = holding.push(k);
          slots[k] = slot;
          for (let j = 0; j < n; j++) cells.push(0);
        }
        cells[(slot - 1) * n + i] = qty;
      }
    }
    // Network order: a scan of the slots when many locations hold the lines, a numeric sort when few do.
    let at: Int32Array;
    if (holding.length * 16 > locations.length) {
      at = new Int32Array(holding.length);
      let p = 0;
      for (let k = 0; k < locations.length; k++) if (slots[k] !== 0) at[p++] = k;
    } else at = Int32Array.from(holding).sort();
    const rows = new Int32Array(at.length);
    for (let p = 0; p < at.length; p++) rows[p] = (slots[at[p]!]! - 1) * n;
    shared.at = at;
    shared.rows = rows;
    shared.cells = cells;
  } finally {
    for (const k of holding) slots[k] = 0;
  }
}

/** Scratch for `filterCandidates` (decisions are synchronous): per location index, 1 + its row among the holders; 0 between calls. */
let slots = new Int32Array(0);

const probeCache = new WeakMap<readonly NetworkLocation[], Probe[]>();

/** The haversine probes of a network, computed once per network array (networks are reused across decisions). */
function probesOf(locations: readonly NetworkLocation[]): Probe[] {
  let probes = probeCache.get(locations);
  if (!probes) probeCache.set(locations, (probes = locations.map((l) => cachedProbe(l))));
  return probes;
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
  if (f.channelEligibility && loc.channels !== null && !loc.channels.includes(order.channel))
    return { code: 'channel', channel: order.channel };
  if (f.pickupCapableForPickup && order.orderType === 'pickup' && !loc.pickupCapable) return { code: 'not-pickup' };
  if (f.requireOpenNow && local) {
    const closed = closedNow(loc, local);
    if (closed) return closed;
  }
  if (f.requireBeforeCutoff && local && loc.carrierCutoff !== null && local.minutes >= minutesOf(loc.carrierCutoff))
    return { code: 'past-cutoff', cutoff: loc.carrierCutoff };
  if (f.respectDailyCapacity && loc.assignedToday >= loc.dailyCapacity)
    return { code: 'capacity', used: loc.assignedToday, capacity: loc.dailyCapacity };
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
