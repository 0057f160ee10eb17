/**
 * Which fulfilment orders a location picks together. Home deliveries are grouped by the carrier
 * cut-off they must make (today's if it has not passed, else the next day's), store pickups in waves
 * of their own; inside a group, orders go by promised date, then priority (customer tier), then age,
 * and a group is cut into waves of at most `maxOrders` orders.
 */

/** Locations carry no time zone yet: cut-offs are read in Buenos Aires time (the network is Argentine). */
export const DEFAULT_TIME_ZONE = 'America/Argentina/Buenos_Aires';

export interface WaveCandidate {
  fulfilmentOrderId: string;
  deliveryType: 'home_delivery' | 'store_pickup';
  promisedAt: Date | null;
  /** 1 (vip) … 4 (standard). */
  priority: number;
  assignedAt: Date;
  units: number;
}

export interface WaveGroup<T extends WaveCandidate = WaveCandidate> {
  groupedBy: string;
  cutoffAt: Date | null;
  orders: T[];
}

const TIER_PRIORITY: Record<string, number> = { vip: 1, gold: 2, silver: 3 };

/** A customer tier as a pick priority: vip 1, gold 2, silver 3, anything else 4. */
export function tierPriority(tier: string | null | undefined): number {
  return (tier && TIER_PRIORITY[tier]) || 4;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a time zone. */
function wallClock(at: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  let f = partsFormatters.get(timeZone);
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
    partsFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { y: +p.year!, mo: +p.month!, d: +p.day!, h: +p.hour!, mi: +p.minute!, s: +p.second! };
}

/** The instant a local wall-clock time (in `timeZone`) names; correct across offset changes for times that exist. */
function instantOf(y: number, mo: number, d: number, h: number, mi: number, timeZone: string): Date {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess), timeZone);
    const offset = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - guess;
    guess = asUtc - offset;
  }
  return new Date(guess);
}

/** The carrier cut-off an order released `now` makes: today's `HH:MM` (local) if not passed yet, else the next day's. */
export function nextCutoff(now: Date, hhmm: string, timeZone = DEFAULT_TIME_ZONE): Date {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`carrier cut-off must be HH:MM, got "${hhmm}"`);
  const today = wallClock(now, timeZone);
  const at = instantOf(today.y, today.mo, today.d, Number(m[1]), Number(m[2]), timeZone);
  if (at.getTime() > now.getTime()) return at;
  // Noon of the next local day, then its cut-off (a day is not always 24 hours).
  const tomorrow = wallClock(new Date(instantOf(today.y, today.mo, today.d, 12, 0, timeZone).getTime() + 86_400_000), timeZone);
  return instantOf(tomorrow.y, tomorrow.mo, tomorrow.d, Number(m[1]), Number(m[2]), timeZone);
}

/** "12/06" — day and month in the location's time zone, as people in Argentina write them. */
export function dayMonth(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const w = wallClock(at, timeZone);
  return `${String(w.d).padStart(2, '0')}/${String(w.mo).padStart(2, '0')}`;
}

/** Promised date first (none last), then priority, then the oldest. */
export function compareCandidates(a: WaveCandidate, b: WaveCandidate): number {
  const pa = a.promisedAt?.getTime() ?? Infinity;
  const pb = b.promisedAt?.getTime() ?? Infinity;
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (a.priority !== b.priority) return a.priority - b.priority;
  const age = a.assignedAt.getTime() - b.assignedAt.getTime();
  if (age !== 0) return age;
  return a.fulfilmentOrderId < b.fulfilmentOrderId ? -1 : a.fulfilmentOrderId > b.fulfilmentOrderId ? 1 : 0;
}

/**
 * Groups a location's waiting orders into suggested waves. With a carrier cut-off, every home
 * delivery makes the same next cut-off ("cut-off 16:00"); without one, home deliveries are grouped by
 * promised day ("promised 12/06"). Home-delivery waves come first (the truck does not wait), then
 * store pickups ("store pickup").
 */
export function groupWaves<T extends WaveCandidate>(
  candidates: readonly T[],
  opts: { now: Date; carrierCutoff: string | null; maxOrders: number; timeZone?: string },
): WaveGroup<T>[] {
  if (!Number.isInteger(opts.maxOrders) || opts.maxOrders < 1) throw new RangeError(`maxOrders must be ≥ 1, got ${opts.maxOrders}`);
  const tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const sorted = [...candidates].sort(compareCandidates);
  const cutoff = opts.carrierCutoff ? nextCutoff(opts.now, opts.carrierCutoff, tz) : null;
  const cutoffText = cutoff ? `cut-off ${opts.carrierCutoff}${dayMonth(cutoff, tz) === dayMonth(opts.now, tz) ? '' : ' tomorrow'}` : null;
  const groups = new Map<string, { cutoffAt: Date | null; orders: T[] }>();
  const add = (key: string, cutoffAt: Date | null, c: T) => {
    const g = groups.get(key) ?? { cutoffAt, orders: [] };
    g.orders.push(c);
    groups.set(key, g);
  };
  for (const c of sorted) {
    if (c.deliveryType === 'home_delivery') {
      if (cutoffText) add(cutoffText, cutoff, c);
      else add(c.promisedAt ? `promised ${dayMonth(c.promisedAt, tz)}` : 'home delivery', null, c);
    }
  }
  for (const c of sorted) if (c.deliveryType === 'store_pickup') add('store pickup', null, c);
  const out: WaveGroup<T>[] = [];
  for (const [groupedBy, g] of groups) {
    for (let i = 0; i < g.orders.length; i += opts.maxOrders) {
      out.push({ groupedBy, cutoffAt: g.cutoffAt, orders: g.orders.slice(i, i + opts.maxOrders) });
    }
  }
  return out;
}
