import {
  ITEM_CONDITIONS,
  POLICY_DECIDER,
  RETURN_STATUSES,
  type ItemCondition,
  type PolicyReason,
  type PolicyReasonItem,
  type Return,
  type ReturnRefusal,
  type ReturnStatus,
} from '../../../../shared';
import { formatMoney } from '../../i18n/format';
import type { Locale } from '../../i18n/i18n';
import type { Translate } from '../../i18n/locale.store';

/**
 * The policy's reasons and the engine's refusals in the person's words. The engine sends codes with
 * params (dates as local "YYYY-MM-DD", amounts as numbers); the desk fills its own sentences.
 */

/**
 * A local date "2026-03-12" as "12/03" — day first in both languages the desk speaks — with the
 * year when it is not this year's; written by hand, so no time zone can move it to another day.
 */
export function formatLocalDay(_locale: Locale, day: string, now: Date = new Date()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return Number(m[1]) === now.getFullYear() ? `${m[3]}/${m[2]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

const num = (v: string | number | undefined): number => (typeof v === 'number' ? v : Number(v));

/** One policy reason as a sentence: "Derecho de arrepentimiento (AR, 10 días corridos, hasta el 12/03)". */
export function policyReasonText(
  t: Translate,
  locale: Locale,
  reason: Pick<PolicyReasonItem, 'code' | 'sku' | 'params'>,
  currency: string,
  now?: Date,
): string {
  const p = reason.params;
  const params: Record<string, string | number> = { ...p, sku: String(p.sku ?? reason.sku ?? '') };
  if (typeof p.lastDay === 'string') params.lastDay = formatLocalDay(locale, p.lastDay, now);
  if (typeof p.deliveredAt === 'string') params.deliveredAt = formatLocalDay(locale, p.deliveredAt, now);
  if (p.kind === 'calendar' || p.kind === 'business') params.kind = t(`returns.dayKind.${p.kind}`);
  if (p.value !== undefined) params.value = formatMoney(locale, num(p.value), currency);
  if (p.threshold !== undefined) params.threshold = formatMoney(locale, num(p.threshold), currency);
  if (reason.code === 'condition_review' && typeof p.condition === 'string' && isCondition(p.condition))
    params.condition = t(`returns.condition.${p.condition}`).toLocaleLowerCase(locale);
  return t(`returns.reason.${reason.code}`, params);
}

const isCondition = (c: string): c is ItemCondition => (ITEM_CONDITIONS as readonly string[]).includes(c);

/** What a reason does: sends the return to a person, allows it (a window), or refuses a line. */
export type ReasonKind = 'review' | 'grant' | 'refuse';

export const reasonKind = (code: PolicyReason): ReasonKind =>
  code === 'value_review' || code === 'condition_review'
    ? 'review'
    : code === 'legal_withdrawal' || code === 'within_window'
      ? 'grant'
      : 'refuse';

/** Every reason of a return, worded, without repeats (two lines may give the same window); what sends it to a person first. */
export function returnReasons(
  t: Translate,
  locale: Locale,
  r: Pick<Return, 'reasons' | 'currency'>,
  now?: Date,
): { text: string; kind: ReasonKind }[] {
  const order: ReasonKind[] = ['review', 'refuse', 'grant'];
  const seen = new Set<string>();
  return [...r.reasons]
    .sort((a, b) => order.indexOf(reasonKind(a.code)) - order.indexOf(reasonKind(b.code)))
    .map((x) => ({ text: policyReasonText(t, locale, x, r.currency, now), kind: reasonKind(x.code) }))
    .filter((x) => !seen.has(x.text) && !!seen.add(x.text));
}

/** The engine decides on its own as the return policy: named so in the person's words. */
export const deciderName = (t: Translate, name: string): string => (name === POLICY_DECIDER ? t('returns.decidedBy.policy') : name);

/** What was asked back: every line's units × unit price (the return's `value` counts only the lines not refused). */
export const askedValue = (r: Pick<Return, 'lines'>): number =>
  Math.round(r.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0) * 100) / 100;

const isStatus = (s: string): s is ReturnStatus => (RETURN_STATUSES as readonly string[]).includes(s);

/** Why the engine would not decide a return for this person, in their words (by the refusal's code). */
export function refusalText(
  t: Translate,
  locale: Locale,
  refusal: Pick<ReturnRefusal, 'code' | 'params' | 'reason'>,
  currency: string,
): string {
  const { code, params } = refusal;
  if (code === 'above_limit') return t('returns.refused.limit', { limit: formatMoney(locale, Number(params.limit), currency) });
  if (code === 'not_waiting' && isStatus(String(params.status)))
    return t('returns.refused.status', { status: t(`returns.status.${String(params.status) as ReturnStatus}`).toLocaleLowerCase(locale) });
  return refusal.reason;
}

/** "R-1042", "r1042", "1042" or "#1042" (as typed or scanned at the counter) → 1042; anything else → null. */
export function parseReturnNumber(text: string): number | null {
  const m = /^\s*(?:R\s*-?\s*|#)?(\d{1,9})\s*$/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? n : null;
}

/** The tone of a return's status chip: waiting (amber), good (green), bad (red), done (grey), moving (blue). */
export function statusTone(s: ReturnStatus): 'wait' | 'ok' | 'bad' | 'done' | 'moving' {
  if (s === 'requested') return 'wait';
  if (s === 'approved' || s === 'closed') return 'ok';
  if (s === 'rejected' || s === 'expired') return 'bad';
  if (s === 'cancelled') return 'done';
  return 'moving';
}
