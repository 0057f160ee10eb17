import type { ItemCondition, PolicyReason, PolicyVerdict, ReturnPolicySettings } from '../../../shared';
import { inTime, returnWindow, timeZoneOf, type ReturnWindow } from './return-windows';

/**
 * The return policy: given what is known of a request (gathered by the returns module) and the
 * merchant's settings, each line is approved, sent to a person, or rejected, with the reasons the
 * desk words for people. Pure and deterministic: the time of the request comes in with the facts.
 */

/** One requested line, with what the order knows of it. */
export interface ReturnLineFacts {
  sku: string;
  category: string | null;
  /** Units asked to return (a whole number ≥ 1). */
  quantity: number;
  /** In the order's currency. */
  unitPrice: number;
  condition: ItemCondition;
  /** When the line reached the customer; null while it has not. */
  deliveredAt: Date | null;
  deliveredQuantity: number;
  /** Units of this line in earlier returns that were not rejected or cancelled. */
  alreadyReturned: number;
  refunded: boolean;
}

export interface ReturnRequestFacts {
  /** The ship-to country, ISO 3166-1 alpha-2: its law and its time zone apply. */
  country: string;
  requestedAt: Date;
  lines: readonly ReturnLineFacts[];
}

/** A reason with what fills its words; `sku` is null for a reason about the whole return. */
export interface PolicyReasonEntry {
  code: PolicyReason;
  sku: string | null;
  params: Record<string, string | number>;
}

/** The verdict on one line, in the order of the request's lines. */
export interface PolicyLineDecision {
  sku: string;
  verdict: PolicyVerdict;
  reasons: PolicyReasonEntry[];
}

export interface PolicyDecision {
  /** Reject when every line is rejected; review when an approved line or the value needs a person; else approve. */
  verdict: PolicyVerdict;
  /**
   * Some line is returned under the legal right of withdrawal (in Argentina the module issues the
   * "botón de arrepentimiento" procedure code for it).
   */
  legalWithdrawal: boolean;
  /** Sum of quantity × unit price over the lines not rejected, rounded to cents. */
  value: number;
  /** Every line's reasons in line order, then the whole return's (value_review). */
  reasons: PolicyReasonEntry[];
  lines: PolicyLineDecision[];
}

interface RequestContext {
  country: string;
  timeZone: string;
  requestedAt: Date;
}

/** Decides a return request. Throws a RangeError for facts no request can have (no lines, a quantity below 1). */
export function decideReturn(facts: ReturnRequestFacts, settings: ReturnPolicySettings): PolicyDecision {
  if (facts.lines.length === 0) throw new RangeError('a return request needs at least one line');
  const country = facts.country.toUpperCase();
  const ctx: RequestContext = { country, timeZone: timeZoneOf(country, settings), requestedAt: facts.requestedAt };
  const lines = facts.lines.map((line) => decideLine(line, ctx, settings));
  const kept = facts.lines.filter((_, i) => lines[i]!.verdict !== 'reject');
  const value = roundCents(kept.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0));
  const reasons = lines.flatMap((l) => l.reasons);

  let verdict: PolicyVerdict = 'reject';
  if (kept.length > 0) {
    const overValue = value > settings.autoApproveUpTo;
    if (overValue) reasons.push({ code: 'value_review', sku: null, params: { value, threshold: settings.autoApproveUpTo } });
    verdict = overValue || lines.some((l) => l.verdict === 'review') ? 'review' : 'approve';
  }
  const legalWithdrawal = lines.some((l) => l.verdict !== 'reject' && l.reasons.some((r) => r.code === 'legal_withdrawal'));
  return { verdict, legalWithdrawal, value, reasons, lines };
}

/** The rules in order; the first that refuses a line is its reason. */
function decideLine(line: ReturnLineFacts, ctx: RequestContext, settings: ReturnPolicySettings): PolicyLineDecision {
  if (!Number.isInteger(line.quantity) || line.quantity < 1) {
    throw new RangeError(`a return line asks for a whole number of units ≥ 1, got ${line.quantity} of ${line.sku}`);
  }
  const { sku } = line;
  const reason = (code: PolicyReason, params: Record<string, string | number> = {}): PolicyReasonEntry => ({ code, sku, params });
  const reject = (r: PolicyReasonEntry): PolicyLineDecision => ({ sku, verdict: 'reject', reasons: [r] });

  if (line.deliveredAt === null || line.deliveredQuantity <= 0) return reject(reason('not_delivered', { sku }));
  const returnable = Math.max(0, line.deliveredQuantity - line.alreadyReturned);
  if (line.quantity > returnable) return reject(reason('quantity_exceeds', { sku, asked: line.quantity, returnable }));
  if (line.refunded) return reject(reason('already_refunded', { sku }));

  const legal = legalWindow(line.deliveredAt, ctx, settings);
  let granted: PolicyReasonEntry;
  if (legal && inTime(ctx.requestedAt, legal, ctx.timeZone)) {
    // The legal right of withdrawal of a distance sale cannot be waived by the shop's terms, so it
    // is checked before, and overrides, the shop's final-sale rule.
    granted = reason('legal_withdrawal', { country: ctx.country, days: legal.days, kind: legal.kind, lastDay: legal.lastDay });
  } else if (isFinalSale(line, settings)) {
    return reject(reason('final_sale', { sku }));
  } else {
    const shop = returnWindow(line.deliveredAt, shopWindowDays(line, settings), 'calendar', ctx.country, ctx.timeZone);
    if (!inTime(ctx.requestedAt, shop, ctx.timeZone)) {
      // Tell the customer about the window that stayed open longest, legal or the shop's.
      const latest = legal && legal.lastDay > shop.lastDay ? legal : shop;
      return reject(
        reason('window_passed', { days: latest.days, kind: latest.kind, lastDay: latest.lastDay, deliveredAt: shop.deliveredOn }),
      );
    }
    granted = reason('within_window', { days: shop.days, lastDay: shop.lastDay });
  }

  if (settings.reviewConditions.includes(line.condition)) {
    return { sku, verdict: 'review', reasons: [granted, reason('condition_review', { sku, condition: line.condition })] };
  }
  return { sku, verdict: 'approve', reasons: [granted] };
}

/** The country's legal withdrawal window for this delivery, or null where the settings name none. */
function legalWindow(deliveredAt: Date, ctx: RequestContext, settings: ReturnPolicySettings): ReturnWindow | null {
  const law = own(settings.legalWithdrawal, ctx.country);
  return law ? returnWindow(deliveredAt, law.days, law.kind, ctx.country, ctx.timeZone) : null;
}

function isFinalSale(line: ReturnLineFacts, settings: ReturnPolicySettings): boolean {
  return settings.finalSaleSkus.includes(line.sku) || (line.category !== null && settings.finalSaleCategories.includes(line.category));
}

/** The SKU's window, else its category's, else the default. */
function shopWindowDays(line: ReturnLineFacts, settings: ReturnPolicySettings): number {
  return (
    own(settings.windowDaysBySku, line.sku) ??
    (line.category !== null ? own(settings.windowDaysByCategory, line.category) : undefined) ??
    settings.defaultWindowDays
  );
}

/** A record's own entry: a SKU named "constructor" must not find Object's. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The four countries' currencies have at most two decimals; rounding drops floating-point dust. */
function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
