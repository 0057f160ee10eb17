/**
 * Quiet hours: a window of the customer's day (e.g. 21:00–08:00, across midnight) when only
 * operational messages go out. A message due inside the window waits for its end, in the
 * customer's time zone (daylight saving included: the end is found on the local clock).
 */

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The minute of the local day at `at` in `timeZone` (0–1439). */
function localMinute(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** Whether `at` falls in the window [from, to) on the local clock of `timeZone`. */
export function inQuietHours(at: Date, window: { from: string; to: string }, timeZone: string): boolean {
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  if (from === to) return false;
  const now = localMinute(at, timeZone);
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/**
 * When a message due at `at` may go: `at` itself outside the window, else the window's end on the
 * local clock (found minute by minute from the next whole minute, so a DST shift cannot skip it).
 */
export function quietUntil(at: Date, window: { from: string; to: string } | null, timeZone: string): Date {
  if (!window || !inQuietHours(at, window, timeZone)) return at;
  let t = new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
  // At most a day and an hour of minutes (a window cannot be longer than a day).
  for (let i = 0; i < 25 * 60 && inQuietHours(t, window, timeZone); i++) t = new Date(t.getTime() + 60_000);
  return t;
}
