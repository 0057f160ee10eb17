/*
 * The vocabulary of returns, shared by the engine and the desk: a return's life and its items',
 * the ways a parcel comes back, what becomes of a returned unit, and the policy's verdicts.
 */

import { z } from 'zod';

/**
 * A return's life: requested (by the customer, the call centre, a store counter or a channel) →
 * approved (by the policy, or a person) or rejected (with the reason) → in transit (the parcel is
 * on its way back) → received (at a store or DC, per item) → inspected (a disposition per item) →
 * closed (refunded, exchanged or credited). Cancelled: the customer withdrew it before it was
 * received. Expired: approved but never sent back within the label's validity.
 */
export const RETURN_STATUSES = [
  'requested',
  'approved',
  'rejected',
  'in_transit',
  'received',
  'inspected',
  'closed',
  'cancelled',
  'expired',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_TRANSITIONS = {
  requested: ['approved', 'rejected', 'cancelled'],
  // Dropped off at a store (received at once), or handed to a carrier (in transit).
  approved: ['in_transit', 'received', 'cancelled', 'expired'],
  in_transit: ['received'],
  received: ['inspected'],
  inspected: ['closed'],
  rejected: [],
  closed: [],
  cancelled: [],
  expired: [],
} as const satisfies Record<ReturnStatus, readonly ReturnStatus[]>;

/** One item's receipt at the counter or dock: as expected, not in the parcel, another item, fewer units. */
export const RECEIPT_OUTCOMES = ['received', 'missing', 'wrong_item', 'short'] as const;
export type ReceiptOutcome = (typeof RECEIPT_OUTCOMES)[number];

/**
 * One item's life on a return (a line of it): expected → what the receipt found (received, short,
 * missing, a wrong item) → what the inspection decided (accepted as declared, or rejected with the
 * inspector's reason). Missing is final: nothing came. A wrong item is never accepted. Where the
 * refund waits for inspection, only accepted units are refunded.
 */
export const RETURN_ITEM_STATES = ['expected', 'received', 'short', 'missing', 'wrong_item', 'accepted', 'rejected'] as const;
export type ReturnItemState = (typeof RETURN_ITEM_STATES)[number];

export const RETURN_ITEM_TRANSITIONS = {
  expected: ['received', 'short', 'missing', 'wrong_item'],
  received: ['accepted', 'rejected'],
  short: ['accepted', 'rejected'],
  wrong_item: ['rejected'],
  missing: [],
  accepted: [],
  rejected: [],
} as const satisfies Record<ReturnItemState, readonly ReturnItemState[]>;

/** An item's state from what its line records: the receipt's outcome, then the inspection's acceptance. */
export function returnItemState(line: {
  receiptOutcome: ReceiptOutcome | null;
  acceptance: 'accepted' | 'rejected' | null;
}): ReturnItemState {
  return line.acceptance ?? line.receiptOutcome ?? 'expected';
}

/**
 * What becomes of a returned unit once inspected: back to sellable stock (a ledger movement, ATP
 * rises), to be refurbished, written off as damaged, or sent back to the vendor. Until then it sits
 * in the location's non-sellable returns stock, never in sellable stock.
 */
export const DISPOSITIONS = ['restock', 'refurbish', 'write_off', 'return_to_vendor'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** How the parcel comes back. */
export const RETURN_METHODS = ['store_drop_off', 'courier_pickup', 'carrier_label'] as const;
export type ReturnMethod = (typeof RETURN_METHODS)[number];

/** The condition the customer declares per line. */
export const ITEM_CONDITIONS = ['unopened', 'opened', 'used', 'damaged', 'defective'] as const;
export type ItemCondition = (typeof ITEM_CONDITIONS)[number];

/** How the customer is made whole. */
export const RESOLUTIONS = ['refund', 'exchange', 'store_credit'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** When a refund may be issued: at the carrier's first scan, at receipt, or after inspection. */
export const REFUND_GATES = ['first_scan', 'receipt', 'inspection'] as const;
export type RefundGate = (typeof REFUND_GATES)[number];

/** The policy's verdict on a request: approved at once, waiting for a person, or refused. */
export const POLICY_VERDICTS = ['approve', 'review', 'reject'] as const;
export type PolicyVerdict = (typeof POLICY_VERDICTS)[number];

/**
 * Why the policy said what it said, one code per rule (the desk words each in the person's
 * language; `params` fills the words).
 */
export const POLICY_REASONS = [
  /** Within the legal right of withdrawal of the order's country (params: country, days, kind, lastDay). */
  'legal_withdrawal',
  /** Within the product's (or its category's) return window (params: days, lastDay). */
  'within_window',
  /** Past every window (params: days, lastDay, deliveredAt). */
  'window_passed',
  /** The item is final sale (params: sku). */
  'final_sale',
  /** The line has not been delivered yet (params: sku). */
  'not_delivered',
  /** More units than were delivered and not already returned (params: sku, asked, returnable). */
  'quantity_exceeds',
  /** The line was refunded already (params: sku). */
  'already_refunded',
  /** The declared condition needs a person's look (params: sku, condition). */
  'condition_review',
  /** The return's value is above what is approved without a person (params: value, threshold). */
  'value_review',
] as const;
export type PolicyReason = (typeof POLICY_REASONS)[number];

/** Who decided a return the policy approved or rejected on its own (`decidedBy`). */
export const POLICY_DECIDER = 'return policy';

/** How a legal withdrawal period counts: every day, or only business days (no weekends or public holidays). */
export const WITHDRAWAL_DAY_KINDS = ['calendar', 'business'] as const;
export type WithdrawalDayKind = (typeof WITHDRAWAL_DAY_KINDS)[number];

/** Whether Intl knows the time zone (an IANA name such as America/Sao_Paulo). */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'a country is its ISO 3166-1 alpha-2 code in capitals, e.g. AR');
const timeZone = z.string().trim().min(1).max(64).refine(isTimeZone, 'an IANA time zone, e.g. America/Argentina/Buenos_Aires');
/** A shop's return window in calendar days; 0 allows only what the law allows. */
const windowDays = z.number().int().min(0).max(3650);

/**
 * The return policy a merchant sets (the desk edits it; `parse({})` gives the defaults). The legal
 * right of withdrawal for distance sales is per ship-to country: Argentina 10 calendar days (Ley
 * 24.240 art. 34), Brazil 7 (CDC art. 49), Chile 10 (Ley 19.496 art. 3 bis), Mexico 5 business days
 * (LFPC art. 56). Windows count from the delivery date in the country's time zone.
 */
export const ReturnPolicySettingsSchema = z.object({
  /** The shop's window when neither the SKU nor its category has one. */
  defaultWindowDays: windowDays.default(30),
  windowDaysByCategory: z.record(z.string().min(1), windowDays).default(() => ({})),
  /** Wins over the category's window. */
  windowDaysBySku: z.record(z.string().min(1), windowDays).default(() => ({})),
  /** Not returnable by the shop's rule (the legal withdrawal still applies). */
  finalSaleSkus: z.array(z.string().min(1)).default(() => []),
  finalSaleCategories: z.array(z.string().min(1)).default(() => []),
  /** The return's value (in the order's currency) approved without a person; above it a person reviews. */
  autoApproveUpTo: z.number().min(0).default(100000),
  /** Declared conditions a person looks at before approving. */
  reviewConditions: z.array(z.enum(ITEM_CONDITIONS)).default((): ItemCondition[] => ['used', 'damaged']),
  legalWithdrawal: z
    .record(countryCode, z.object({ days: z.number().int().min(1).max(365), kind: z.enum(WITHDRAWAL_DAY_KINDS) }))
    .default((): Record<string, { days: number; kind: WithdrawalDayKind }> => ({
      AR: { days: 10, kind: 'calendar' },
      BR: { days: 7, kind: 'calendar' },
      CL: { days: 10, kind: 'calendar' },
      MX: { days: 5, kind: 'business' },
    })),
  timeZoneByCountry: z.record(countryCode, timeZone).default(() => ({
    AR: 'America/Argentina/Buenos_Aires',
    BR: 'America/Sao_Paulo',
    CL: 'America/Santiago',
    MX: 'America/Mexico_City',
  })),
  /** The time zone of a country with none above. */
  timeZone: timeZone.default('America/Argentina/Buenos_Aires'),
});
export type ReturnPolicySettings = z.infer<typeof ReturnPolicySettingsSchema>;
/** What the desk may send: any field left out takes its default. */
export type ReturnPolicySettingsInput = z.input<typeof ReturnPolicySettingsSchema>;
