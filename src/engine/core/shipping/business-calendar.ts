import Holidays from 'date-holidays';
import { addDays, atMsOfDay, dayKey, DEFAULT_TIME_ZONE, instantAt, localDayOf, msOfDay, weekdayOf, type LocalDay } from './local-time';

/**
 * Business days in a country and time zone: weekends and public holidays (date-holidays, offline)
 * are not business days. Only `type === 'public'` holidays count: Argentina's "días no laborables
 * con fines turísticos" are optional (carriers and warehouses work), bank holidays only close banks.
 */
export interface BusinessCalendar {
  readonly country: string;
  readonly timeZone: string;
  isBusinessDay(at: Date): boolean;
  /**
   * `at` moved forward `n` business days (same local time of day); n = 0 → the next business
   * moment at or after `at`. From a weekend or holiday, counting starts at the beginning of the
   * next business day (Saturday 10:00 + 1 → the start of the day after Monday).
   */
  addBusinessDays(at: Date, n: number): Date;
  /** Whole business days from `from` to `to` (0 when `to` ≤ `from`): the largest n with `addBusinessDays(from, n) ≤ to`. */
  businessDaysBetween(from: Date, to: Date): number;
  /** The end (23:59:59.999 local) of the local day of `at`. */
  endOfLocalDay(at: Date): Date;
}

/** A country's calendar as {@link businessCalendar} builds it: also says which holidays it knows. */
export interface CountryCalendar extends BusinessCalendar {
  /** False when date-holidays knows no holidays for the country: only weekends are skipped. */
  readonly holidaysKnown: boolean;
  /** The public holidays of a year, as ISO dates ("2026-07-09"), sorted. */
  holidays(year: number): readonly string[];
}

/** A year's worth of days: no calendar has a longer run without a business day. */
const MAX_SKIP = 366;

const engines = new Map<string, Holidays | null>();
const yearSets = new Map<string, ReadonlySet<string>>();

function engine(country: string): Holidays | null {
  if (!engines.has(country)) {
    const known = Object.hasOwn(new Holidays().getCountries() ?? {}, country);
    // Holidays are whole local days: the date part is all we read, so no time zone is given here.
    engines.set(country, known ? new Holidays(country, { types: ['public'] }) : null);
  }
  return engines.get(country)!;
}

/** A country's public holidays in a year, computed once per country and year. */
function holidaySet(country: string, year: number): ReadonlySet<string> {
  const key = `${country}:${year}`;
  let set = yearSets.get(key);
  if (!set) {
    const hd = engine(country);
    const list = hd ? hd.getHolidays(year).filter((h) => h.type === 'public') : [];
    set = new Set(list.map((h) => h.date.slice(0, 10)));
    yearSets.set(key, set);
  }
  return set;
}

/** Whether date-holidays knows the country (ISO 3166-1 alpha-2), for validating a shipping policy. */
export function knownHolidayCountry(country: string): boolean {
  return engine(country.toUpperCase()) !== null;
}

/**
 * The business calendar of a country (ISO 3166-1 alpha-2) in a time zone. A country date-holidays
 * does not know skips weekends only (`holidaysKnown: false`); validate policies with
 * {@link knownHolidayCountry}.
 */
export function businessCalendar(country: string, timeZone = DEFAULT_TIME_ZONE): CountryCalendar {
  const cc = country.toUpperCase();
  const tz = timeZone;
  const isBusinessDate = (d: LocalDay) => weekdayOf(d) <= 5 && !holidaySet(cc, d.y).has(dayKey(d));
  /** The first business day strictly after `d`. */
  const nextBusinessDate = (d: LocalDay): LocalDay => {
    let x = d;
    for (let i = 0; i < MAX_SKIP; i++) {
      x = addDays(x, 1);
      if (isBusinessDate(x)) return x;
    }
    throw new RangeError(`no business day within a year after ${dayKey(d)} in ${cc}`);
  };
  /** Where counting starts: `at` itself on a business day, else the start of the next business day. */
  const origin = (at: Date): { day: LocalDay; ms: number; same: boolean } => {
    const day = localDayOf(at, tz);
    return isBusinessDate(day) ? { day, ms: msOfDay(at, tz), same: true } : { day: nextBusinessDate(day), ms: 0, same: false };
  };

  return {
    country: cc,
    timeZone: tz,
    holidaysKnown: engine(cc) !== null,
    holidays: (year) => [...holidaySet(cc, year)].sort(),
    isBusinessDay: (at) => isBusinessDate(localDayOf(at, tz)),
    addBusinessDays(at, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days to add must be a whole number ≥ 0, got ${n}`);
      const o = origin(at);
      if (n === 0 && o.same) return at;
      let day = o.day;
      for (let i = 0; i < n; i++) day = nextBusinessDate(day);
      return atMsOfDay(day, o.ms, tz);
    },
    businessDaysBetween(from, to) {
      if (to.getTime() <= from.getTime()) return 0;
      const o = origin(from);
      const toDay = dayKey(localDayOf(to, tz));
      let n = 0;
      let day = o.day;
      for (;;) {
        day = nextBusinessDate(day);
        const k = dayKey(day);
        if (k > toDay) return n;
        if (k === toDay && atMsOfDay(day, o.ms, tz).getTime() > to.getTime()) return n;
        n++;
      }
    },
    endOfLocalDay: (at) => instantAt(localDayOf(at, tz), 23, 59, 59, 999, tz),
  };
}
