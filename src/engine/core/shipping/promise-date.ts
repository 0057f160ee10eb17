import { distanceKm, type LatLng } from '../geo';
import type { BusinessCalendar } from './business-calendar';
import { addDays, instantAt, localDayOf, parseHhmm, type LocalDay } from './local-time';

/**
 * The delivery promise: from when the order was sourced, the location's pick/pack time and carrier
 * cut-off, the carrier's transit days and the country's business days. The promise is the end of the
 * local delivery day. Handling time runs on business days only (the warehouse is closed on weekends
 * and public holidays), the parcel leaves at the first cut-off after it is packed, and the carrier
 * counts transit in business days from that hand-over.
 */
export interface PromiseInput {
  /** When the location got the order (sourced). */
  from: Date;
  /** Hours of pick and pack, counted on business days only. */
  handlingHours: number;
  /** The location's carrier cut-off "HH:MM" local, or null (hands over any time of a business day). */
  cutoff: string | null;
  /** Business days the carrier takes after hand-over (0 = same day). */
  transitDays: number;
  calendar: BusinessCalendar;
}

export interface PromiseResult {
  /** When the parcel is handed to the carrier (the first cut-off after handling, on a business day). */
  handOverAt: Date;
  /** The promised delivery: end of the local day, `transitDays` business days after hand-over. */
  deliverBy: Date;
}

const HOUR_MS = 3_600_000;
/** A year of days: the loops below stop there whatever the calendar says. */
const MAX_DAYS = 366;

export function promiseDate(input: PromiseInput): PromiseResult {
  const { calendar, cutoff } = input;
  if (!Number.isFinite(input.handlingHours) || input.handlingHours < 0) {
    throw new RangeError(`handling hours must be 0 or more, got ${input.handlingHours}`);
  }
  if (!Number.isInteger(input.transitDays) || input.transitDays < 0) {
    throw new RangeError(`transit days must be a whole number ≥ 0, got ${input.transitDays}`);
  }
  const cut = cutoff === null ? null : parseHhmm(cutoff);
  const packedAt = handlingEnds(input.from, input.handlingHours, calendar);
  const handOverAt = cut ? firstCutoffAfter(packedAt, cut, calendar) : packedAt;
  return { handOverAt, deliverBy: calendar.endOfLocalDay(calendar.addBusinessDays(handOverAt, input.transitDays)) };
}

/** When pick and pack is done: `hours` of business-day time after `from` (a business moment). */
export function handlingEnds(from: Date, hours: number, calendar: BusinessCalendar): Date {
  const tz = calendar.timeZone;
  let t = calendar.addBusinessDays(from, 0);
  let left = hours * HOUR_MS;
  for (let i = 0; i < MAX_DAYS; i++) {
    const midnight = startOf(addDays(localDayOf(t, tz), 1), tz);
    const today = midnight.getTime() - t.getTime();
    // Ending exactly at midnight is the next day's first business moment, not a closed day's.
    if (left < today) return new Date(t.getTime() + left);
    left -= today;
    t = calendar.addBusinessDays(midnight, 0);
  }
  throw new RangeError(`handling of ${hours} hours does not end within a year`);
}

/** The first cut-off strictly after `at` on a business day (a parcel packed at 16:00 sharp misses the 16:00 truck). */
function firstCutoffAfter(at: Date, cut: { h: number; mi: number }, calendar: BusinessCalendar): Date {
  const tz = calendar.timeZone;
  let day = localDayOf(at, tz);
  for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1)) {
    const c = instantAt(day, cut.h, cut.mi, 0, 0, tz);
    if (c.getTime() > at.getTime() && calendar.isBusinessDay(c)) return c;
  }
  throw new RangeError('no business day with a cut-off within a year');
}

const startOf = (day: LocalDay, tz: string) => instantAt(day, 0, 0, 0, 0, tz);

/**
 * Transit days to assume before any carrier quoted, by distance from the location to the customer:
 * same city 1, a region 2, across the country 3, farther 5 (Ushuaia from Buenos Aires).
 */
export function defaultTransitDays(distanceKm: number): number {
  if (!Number.isFinite(distanceKm) || distanceKm < 0) throw new RangeError(`distance must be 0 km or more, got ${distanceKm}`);
  if (distanceKm <= 30) return 1;
  if (distanceKm <= 300) return 2;
  if (distanceKm <= 1000) return 3;
  return 5;
}

/** Where a sourced order leaves from: a location's position and its carrier cut-off. */
export interface PromiseOrigin extends LatLng {
  carrierCutoff: string | null;
}

/**
 * The promise for an order just sourced at `origins` (one per location of a split), before any
 * carrier quoted: the latest of the locations' promises, since the order is delivered when its last
 * parcel is. Home delivery: each location's cut-off and transit days by distance to the customer.
 * Store pickup: ready at the end of the business day on which handling ends (no carrier).
 */
export function sourcedOrderPromise(input: {
  from: Date;
  handlingHours: number;
  calendar: BusinessCalendar;
  shipTo: LatLng;
  origins: readonly PromiseOrigin[];
}): { homeDelivery: Date; storePickup: Date } {
  if (!input.origins.length) throw new RangeError('a sourced order has at least one location to promise from');
  const base = { from: input.from, handlingHours: input.handlingHours, calendar: input.calendar };
  let home = 0;
  let pickup = 0;
  for (const o of input.origins) {
    const transitDays = defaultTransitDays(distanceKm(o, input.shipTo));
    home = Math.max(home, promiseDate({ ...base, cutoff: o.carrierCutoff, transitDays }).deliverBy.getTime());
    pickup = Math.max(pickup, promiseDate({ ...base, cutoff: null, transitDays: 0 }).deliverBy.getTime());
  }
  return { homeDelivery: new Date(home), storePickup: new Date(pickup) };
}
