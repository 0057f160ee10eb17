import type { CarrierKind, RateOption } from '../../../shared';
import type { BusinessCalendar } from './business-calendar';
import { DEFAULT_TIME_ZONE, moneyText, shortDay } from './shipping-text';

/**
 * Rate shopping: which carrier and service carries a parcel. Each quote is scored as what it costs
 * plus what lateness costs — the days it would arrive after the promise and, for a carrier that is
 * often late in the region, the lateness to expect — so a cheap but late option loses to a dearer
 * one that keeps the promise only when the promise is worth more than the difference.
 */

/** One quote (or failure) to weigh. */
export interface RateCandidate {
  carrierAccountId: string;
  carrier: CarrierKind;
  carrierName: string;
  service: string;
  serviceName: string;
  /** Null when the carrier did not quote (then `excluded` says why). */
  price: { amount: number; currency: string } | null;
  transitDays: number | null;
  /** Delivery if handed over at the next cut-off (computed by the caller with the business calendar). */
  etaAt: Date | null;
  /** Measured on-time rate in the destination region (0–1), null with too little history. */
  onTimeRate: number | null;
  excluded: string | null;
}

export interface RateShopContext {
  promisedAt: Date | null;
  /** What one day late costs, in the price's currency. */
  lateDayCost: number;
  minOnTimeRate: number;
  /** Counts days late in business days (weekends and holidays do not count); calendar days without it. */
  calendar?: BusinessCalendar;
  /** For the dates in the explanation; the calendar's time zone, else Buenos Aires. */
  timeZone?: string;
}

export interface RateShopResult {
  /** Best first; excluded options last with `score: null`. */
  options: RateOption[];
  /** The best option, or null when none could carry it. */
  chosen: RateOption | null;
  /** Why the chosen one, not the runner-up (or why none). */
  explanation: string;
}

const DAY_MS = 86_400_000;

/** Days after the promise that `etaAt` arrives (0 on time): business days with a calendar, at least 1 when late at all. */
export function daysLate(etaAt: Date | null, promisedAt: Date | null, calendar?: BusinessCalendar): number {
  if (!etaAt || !promisedAt || etaAt.getTime() <= promisedAt.getTime()) return 0;
  const days = calendar
    ? calendar.businessDaysBetween(calendar.endOfLocalDay(promisedAt), calendar.endOfLocalDay(etaAt))
    : Math.ceil((etaAt.getTime() - promisedAt.getTime()) / DAY_MS);
  return Math.max(1, days);
}

interface Weighed {
  c: RateCandidate;
  option: RateOption;
  late: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const idOf = (c: RateCandidate) => `${c.carrierAccountId}\u0000${c.service}`;

/** Ranks the candidates best first; excluded ones last. Deterministic: score, then price, then transit days, then account and service. */
export function rankRates(candidates: readonly RateCandidate[], ctx: RateShopContext): RateShopResult {
  const tz = ctx.timeZone ?? ctx.calendar?.timeZone ?? DEFAULT_TIME_ZONE;
  const ranked: Weighed[] = [];
  const excluded: Weighed[] = [];
  for (const c of candidates) {
    const late = daysLate(c.etaAt, ctx.promisedAt, ctx.calendar);
    const base: RateOption = {
      carrierAccountId: c.carrierAccountId,
      carrier: c.carrier,
      carrierName: c.carrierName,
      service: c.service,
      serviceName: c.serviceName,
      price: c.price ? { amount: c.price.amount, currency: c.price.currency } : null,
      transitDays: c.transitDays === null ? null : Math.ceil(c.transitDays),
      etaAt: c.etaAt ? c.etaAt.toISOString() : null,
      meetsPromise: ctx.promisedAt && c.etaAt ? late === 0 : null,
      onTimeRate: c.onTimeRate,
      score: null,
      excluded: null,
    };
    const why = exclusion(c, ctx.minOnTimeRate);
    if (why) {
      excluded.push({ c, option: { ...base, excluded: why }, late });
      continue;
    }
    const expectedLateness = c.onTimeRate === null ? 0 : (1 - c.onTimeRate) * ctx.lateDayCost;
    const score = round2(c.price!.amount + ctx.lateDayCost * late + expectedLateness);
    ranked.push({ c, option: { ...base, score }, late });
  }
  ranked.sort(
    (a, b) =>
      a.option.score! - b.option.score! ||
      a.c.price!.amount - b.c.price!.amount ||
      (a.c.transitDays ?? Infinity) - (b.c.transitDays ?? Infinity) ||
      (idOf(a.c) < idOf(b.c) ? -1 : idOf(a.c) > idOf(b.c) ? 1 : 0),
  );
  excluded.sort((a, b) => (idOf(a.c) < idOf(b.c) ? -1 : idOf(a.c) > idOf(b.c) ? 1 : 0));
  const options = [...ranked, ...excluded].map((w) => w.option);
  const best = ranked[0];
  return {
    options,
    chosen: best ? best.option : null,
    explanation: best ? explainChoice(best, ranked, ctx, tz) : explainNone(excluded),
  };
}

function exclusion(c: RateCandidate, minOnTimeRate: number): string | null {
  if (c.excluded) return c.excluded;
  if (!c.price) return 'no quote';
  if (c.onTimeRate !== null && minOnTimeRate > 0 && c.onTimeRate < minOnTimeRate) {
    return `on time ${pct(c.onTimeRate)} of the time in this region, below the ${pct(minOnTimeRate)} minimum`;
  }
  return null;
}

const pct = (r: number) => `${Math.round(r * 100)}%`;

/** "Andreani Estándar", without saying the carrier twice when the service already names it. */
export function rateLabel(o: Pick<RateCandidate, 'carrierName' | 'serviceName'>): string {
  return o.serviceName.toLowerCase().startsWith(o.carrierName.toLowerCase()) ? o.serviceName : `${o.carrierName} ${o.serviceName}`;
}

const dayWord = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

function explainChoice(best: Weighed, ranked: readonly Weighed[], ctx: RateShopContext, tz: string): string {
  const c = best.c;
  const promise = ctx.promisedAt ? shortDay(ctx.promisedAt, tz) : null;
  const next = ranked[1];
  let arrival: string;
  if (!c.etaAt) arrival = 'arrival date unknown';
  else if (best.late > 0) arrival = `arrives ${shortDay(c.etaAt, tz)}, ${dayWord(best.late)} after the promise (${promise})`;
  else arrival = `arrives ${shortDay(c.etaAt, tz)}` + (promise ? ` (promise ${promise})` : '');
  const head = `${rateLabel(c)}: ${moneyText(c.price!)}, ${arrival}`;
  if (best.late > 0) {
    // Late: say whether anything keeps the promise, and what it would cost.
    const keeps = ranked.find((w) => w.option.meetsPromise === true);
    if (!keeps) return `${head}; no option keeps the promise.`;
    const more = moneyText({ amount: round2(keeps.c.price!.amount - c.price!.amount), currency: c.price!.currency });
    const perDay = moneyText({ amount: ctx.lateDayCost, currency: c.price!.currency });
    return `${head}; ${rateLabel(keeps.c)} keeps the promise but costs ${more} more (a late day is weighed at ${perDay}).`;
  }
  if (!next) return `${head}; the only carrier that quoted.`;
  return `${head}; ${whyNotNext(best, next)}.`;
}

function whyNotNext(best: Weighed, next: Weighed): string {
  const n = next.c;
  const diff = round2(n.price!.amount - best.c.price!.amount);
  const name = rateLabel(n);
  if (diff > 0) return `${name} costs ${moneyText({ amount: diff, currency: n.price!.currency })} more`;
  const cheaper = diff < 0 ? `the cheaper ${name}` : `${name}, at the same price,`;
  if (next.late > best.late) return `${cheaper} arrives ${dayWord(next.late)} after the promise`;
  const nr = n.onTimeRate ?? 1;
  const br = best.c.onTimeRate ?? 1;
  if (nr < br) return `${cheaper} is on time only ${pct(nr)} of the time in this region`;
  if ((n.transitDays ?? Infinity) > (best.c.transitDays ?? Infinity)) return `${cheaper} takes longer`;
  return `${name} scores the same (chosen by price, transit days, then name)`;
}

function explainNone(excluded: readonly Weighed[]): string {
  if (!excluded.length) return 'No carrier quoted: enable a carrier account that serves this destination (Carriers), or ship it by hand.';
  const reasons = excluded.map((w) => `${rateLabel(w.c)} — ${w.option.excluded}`).join('; ');
  return `No carrier can take it: ${reasons}. Fix the cause, lower the minimum on-time rate in the shipping policy, or choose a carrier by hand.`;
}
