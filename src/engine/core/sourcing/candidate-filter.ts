import type { SourcingFilters } from '../../../shared/sourcing.contract';
import { distanceKm } from '../geo';
import { minutesOf, type LocalTime } from './local-clock';
import type { AtpLookup, Exclusion, ExclusionCode, NetworkLocation, OrderToSource } from './types';

/** A location that passed every hard filter, with what the costs need. */
export interface EligibleLocation {
  loc: NetworkLocation;
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
 */
export function filterCandidates(input: FilterInput): { eligible: EligibleLocation[]; excluded: Exclusion[] } {
  const { order, filters: f, exclusions } = input;
  const eligible: EligibleLocation[] = [];
  const excluded: Exclusion[] = [];
  const paused = f.pausedLocationIds.length ? new Set(f.pausedLocationIds) : null;
  const kinds = new Set<string>(f.locationKinds);
  const lines = order.lines;
  let holding: Set<string> | null = null;
  if (input.holders) {
    holding = new Set();
    for (const l of lines) for (const id of input.holders(l.sku).keys()) holding.add(id);
  }
  // Shared "has none" reasons for the first line: most locations of a large network hold none of an order's SKUs.
  const first = lines[0]!;
  const noneOfFirst: ExclusionCode = { code: 'no-stock', sku: first.sku, needs: first.quantity, has: 0 };
  for (const loc of input.locations) {
    const why = hardFilter(loc, input, kinds, paused, exclusions);
    if (why) {
      excluded.push({ locationId: loc.id, locationName: loc.name, why });
      continue;
    }
    if (holding && !holding.has(loc.id)) {
      excluded.push({ locationId: loc.id, locationName: loc.name, why: noneOfFirst });
      continue;
    }
    const atp: number[] = new Array<number>(lines.length);
    let serves = 0;
    let firstShort = -1;
    for (let i = 0; i < lines.length; i++) {
      const a = input.atp(loc.id, lines[i]!.sku);
      atp[i] = a;
      if (a >= lines[i]!.quantity) serves++;
      else if (firstShort < 0) firstShort = i;
    }
    if (serves === 0 || (input.needAllLines && firstShort >= 0)) {
      const l = lines[firstShort]!;
      excluded.push({ locationId: loc.id, locationName: loc.name, why: { code: 'no-stock', sku: l.sku, needs: l.quantity, has: Math.max(0, atp[firstShort]!) } });
      continue;
    }
    const dist = distanceKm(order.shipTo, loc);
    if (f.maxDistanceKm !== null && dist > f.maxDistanceKm) {
      excluded.push({ locationId: loc.id, locationName: loc.name, why: { code: 'distance', km: dist, maxKm: f.maxDistanceKm } });
      continue;
    }
    eligible.push({ loc, distanceKm: dist, atp });
  }
  return { eligible, excluded };
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
