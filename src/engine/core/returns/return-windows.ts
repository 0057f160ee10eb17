import type { ReturnPolicySettings, WithdrawalDayKind } from '../../../shared';
import { businessCalendar } from '../shipping/business-calendar';
import { addDays, dayKey, instantAt, localDayOf, type LocalDay } from '../shipping/local-time';

/**
 * Return windows as local dates: a window counts from the delivery date in the ship-to country's
 * time zone and ends at the end of its last day there, so a request at 23:30 in Buenos Aires on
 * the last day (02:30 UTC the next day) is still in time. Dates are compared as local "YYYY-MM-DD"
 * strings, which sidesteps the length of a day where clocks change (Chile, Mexico until 2022).
 */

/** A window, worked out for one delivery. */
export interface ReturnWindow {
  days: number;
  kind: WithdrawalDayKind;
  /** The local date of the delivery, "2026-03-02". */
  deliveredOn: string;
  /** The last local date a request is in time, "2026-03-12". */
  lastDay: string;
}

/** No calendar has a longer run of days off; a guard against a table of holidays gone wrong. */
const MAX_DAYS_OFF = 366;

/** The time zone windows count in for a ship-to country (ISO 3166-1 alpha-2): its own, else the fallback. */
export function timeZoneOf(country: string, settings: Pick<ReturnPolicySettings, 'timeZoneByCountry' | 'timeZone'>): string {
  return settings.timeZoneByCountry[country.toUpperCase()] ?? settings.timeZone;
}

/** The local date of an instant in a time zone, "YYYY-MM-DD". */
export function localDate(at: Date, timeZone: string): string {
  return dayKey(localDayOf(at, timeZone));
}

/**
 * The window of `days` from a delivery. Calendar days: the last day is the delivery date + days.
 * Business days: the last day is the `days`-th business day after the delivery date, skipping
 * Saturdays, Sundays and the country's public holidays (date-holidays, through the shipping
 * calendar, so returns and promise dates agree on what a business day is). A country date-holidays
 * does not know skips weekends only.
 */
export function returnWindow(deliveredAt: Date, days: number, kind: WithdrawalDayKind, country: string, timeZone: string): ReturnWindow {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`a return window is a whole number of days ≥ 0, got ${days}`);
  const delivered = localDayOf(deliveredAt, timeZone);
  const last = kind === 'calendar' ? addDays(delivered, days) : addBusinessDays(delivered, days, country, timeZone);
  return { days, kind, deliveredOn: dayKey(delivered), lastDay: dayKey(last) };
}

/** Whether a request at `requestedAt` falls on or before the window's last local day. */
export function inTime(requestedAt: Date, window: ReturnWindow, timeZone: string): boolean {
  return localDate(requestedAt, timeZone) <= window.lastDay;
}

function addBusinessDays(from: LocalDay, n: number, country: string, timeZone: string): LocalDay {
  const calendar = businessCalendar(country, timeZone);
  // Noon of the local day: never inside a clock change, which happens around midnight.
  const isBusinessDay = (day: LocalDay) => calendar.isBusinessDay(instantAt(day, 12, 0, 0, 0, timeZone));
  let day = from;
  for (let counted = 0, off = 0; counted < n;) {
    day = addDays(day, 1);
    if (isBusinessDay(day)) {
      counted++;
      off = 0;
    } else if (++off > MAX_DAYS_OFF) {
      throw new RangeError(`no business day within a year after ${dayKey(day)} in ${country}`);
    }
  }
  return day;
}
