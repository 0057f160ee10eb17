/**
 * Wall-clock arithmetic in a time zone with nothing but Intl (the same approach as picking's
 * `nextCutoff`): business days, cut-offs and "end of the day" are local notions, and a local day is
 * not always 24 hours where clocks change.
 */

/** Locations carry no time zone yet: the network is Argentine. */
export const DEFAULT_TIME_ZONE = 'America/Argentina/Buenos_Aires';

/** A local calendar day. */
export interface LocalDay {
  y: number;
  mo: number;
  d: number;
}

interface WallClock extends LocalDay {
  h: number;
  mi: number;
  s: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a time zone (milliseconds are the instant's own). */
export function wallClock(at: Date, timeZone: string): WallClock {
  const p: Record<string, string> = {};
  for (const x of formatter(timeZone).formatToParts(at)) p[x.type] = x.value;
  return { y: +p.year!, mo: +p.month!, d: +p.day!, h: +p.hour!, mi: +p.minute!, s: +p.second! };
}

/** The instant a local wall-clock time names (for a time skipped by a clock change: the instant just after the gap). */
export function instantAt(day: LocalDay, h: number, mi: number, s: number, ms: number, timeZone: string): Date {
  const asUtc = Date.UTC(day.y, day.mo - 1, day.d, h, mi, s, ms);
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const w = wallClock(new Date(guess), timeZone);
    const offset = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s, ms) - guess;
    const next = asUtc - offset;
    if (next === guess) break;
    guess = next;
  }
  return new Date(guess);
}

/** The local day of an instant. */
export function localDayOf(at: Date, timeZone: string): LocalDay {
  const w = wallClock(at, timeZone);
  return { y: w.y, mo: w.mo, d: w.d };
}

/** The day `n` days after `day` (pure calendar arithmetic, no time zone involved). */
export function addDays(day: LocalDay, n: number): LocalDay {
  const t = new Date(Date.UTC(day.y, day.mo - 1, day.d + n));
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: LocalDay): number {
  return ((new Date(Date.UTC(day.y, day.mo - 1, day.d)).getUTCDay() + 6) % 7) + 1;
}

/** "2026-07-09". */
export function dayKey(day: LocalDay): string {
  return `${day.y}-${String(day.mo).padStart(2, '0')}-${String(day.d).padStart(2, '0')}`;
}

/** The local time of day of an instant, in milliseconds after local midnight (wall clock). */
export function msOfDay(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return ((w.h * 60 + w.mi) * 60 + w.s) * 1000 + (((at.getTime() % 1000) + 1000) % 1000);
}

/** The instant of `day` at `ms` after local midnight. */
export function atMsOfDay(day: LocalDay, ms: number, timeZone: string): Date {
  const h = Math.floor(ms / 3_600_000);
  const mi = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return instantAt(day, h, mi, s, ms % 1000, timeZone);
}

/** "HH:MM" → minutes after midnight; a RangeError naming the format otherwise. */
export function parseHhmm(hhmm: string): { h: number; mi: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`carrier cut-off must be HH:MM (24-hour, e.g. 16:00), got "${hhmm}"`);
  return { h: Number(m[1]), mi: Number(m[2]) };
}
