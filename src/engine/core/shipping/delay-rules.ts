import type { DelayReason, ShipmentStatus } from '../../../shared';
import type { BusinessCalendar } from './business-calendar';
import { isoDay } from './shipping-text';

/**
 * The delay rules: what makes a shipment late or in need of a person, judged from facts the store
 * keeps on the shipment row. A rule fires while its condition holds (the watch resolves an alert
 * whose rule stopped firing), so every rule is a pure function of the facts and `now`.
 */

/** What the delay rules look at for one shipment. */
export interface ShipmentFacts {
  status: ShipmentStatus;
  /** When the label was ready / the shipment was created. */
  createdAt: Date;
  /** The cut-off by which it should have been handed over (null = unknown: createdAt is used). */
  handOverDueAt: Date | null;
  firstScanAt: Date | null;
  lastEventAt: Date | null;
  /** When it entered its current status. */
  statusAt: Date;
  promisedAt: Date | null;
  etaAt: Date | null;
  /** The ETA before the latest one (to see it slip), or null. */
  previousEtaAt: Date | null;
  /** The reason code of the last event (for carrier exceptions), or null. */
  lastReason: string | null;
}

export interface DelayPolicy {
  stalledBusinessDays: number;
  /** Calendar days (a branch keeps the parcel through the weekend). */
  branchWaitDays: number;
}

export interface DelayFinding {
  reason: DelayReason;
  /** A sentence for the desk: what is late and since when. */
  detail: string;
}

/** Labelled, waiting to be handed over: the first scan is still to come. */
const AWAITING_PICKUP: readonly ShipmentStatus[] = ['ready', 'manifested'];
/** With the carrier and moving (a parcel waiting at a branch is not expected to be scanned). */
const MOVING: readonly ShipmentStatus[] = ['in_transit', 'out_for_delivery', 'exception', 'attempt_failed', 'returning'];
const CARRIER_TROUBLE: Partial<Record<ShipmentStatus, string>> = {
  exception: 'reported an exception',
  attempt_failed: 'reported a failed delivery attempt',
  returning: 'is returning it to the sender',
  lost: 'reported it lost',
};
const FINAL: readonly ShipmentStatus[] = ['delivered', 'returned', 'lost', 'cancelled'];
const DAY_MS = 86_400_000;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Every delay rule that fires for the shipment at `now` (none for final statuses other than an undelivered promise). */
export function delayFindings(facts: ShipmentFacts, now: Date, policy: DelayPolicy, calendar: BusinessCalendar): DelayFinding[] {
  const day = (at: Date) => isoDay(at, calendar.timeZone);
  const out: DelayFinding[] = [];
  const s = facts.status;
  const live = !FINAL.includes(s);

  if (AWAITING_PICKUP.includes(s) && !facts.firstScanAt) {
    const due = facts.handOverDueAt ?? facts.createdAt;
    if (now.getTime() >= calendar.addBusinessDays(due, 1).getTime()) {
      const since = facts.handOverDueAt ? `the hand-over cut-off on ${day(due)}` : `the label was made on ${day(due)}`;
      out.push({
        reason: 'no_first_scan',
        detail: `No carrier scan a business day after ${since}: check the parcel left the dock, then ask the carrier to collect it.`,
      });
    }
  }

  if (MOVING.includes(s)) {
    const lastScan = facts.lastEventAt ?? facts.firstScanAt ?? facts.statusAt;
    if (now.getTime() >= calendar.addBusinessDays(lastScan, policy.stalledBusinessDays).getTime()) {
      const days = calendar.businessDaysBetween(lastScan, now);
      out.push({
        reason: 'stalled',
        detail: `No carrier scan for ${plural(days, 'business day')} (the last on ${day(lastScan)}, ${s.replaceAll('_', ' ')}): ask the carrier where the parcel is.`,
      });
    }
  }

  if (live && facts.etaAt && facts.promisedAt && day(facts.etaAt) > day(facts.promisedAt)) {
    out.push({
      reason: 'eta_after_promise',
      detail: `The carrier expects to deliver on ${day(facts.etaAt)}, after the promised ${day(facts.promisedAt)}: tell the customer or re-ship faster.`,
    });
  }

  if (live && facts.etaAt && facts.previousEtaAt && day(facts.etaAt) > day(facts.previousEtaAt)) {
    out.push({
      reason: 'eta_slipping',
      detail: `The carrier moved its delivery estimate from ${day(facts.previousEtaAt)} to ${day(facts.etaAt)}.`,
    });
  }

  if (facts.promisedAt && now.getTime() > facts.promisedAt.getTime() && s !== 'delivered' && s !== 'cancelled') {
    out.push({
      reason: 'promise_passed',
      detail: `Promised for ${day(facts.promisedAt)} and not delivered (${s.replaceAll('_', ' ')}): tell the customer when it will arrive.`,
    });
  }

  const trouble = CARRIER_TROUBLE[s];
  if (trouble) {
    const why = facts.lastReason ? ` (${facts.lastReason})` : '';
    out.push({
      reason: 'carrier_exception',
      detail: `The carrier ${trouble}${why} on ${day(facts.statusAt)}: check the address with the customer or call the carrier.`,
    });
  }

  if (s === 'at_branch' && now.getTime() - facts.statusAt.getTime() > policy.branchWaitDays * DAY_MS) {
    const days = Math.floor((now.getTime() - facts.statusAt.getTime()) / DAY_MS);
    out.push({
      reason: 'waiting_at_branch',
      detail: `Waiting at the carrier's branch since ${day(facts.statusAt)} (${plural(days, 'day')}, more than ${policy.branchWaitDays}): remind the customer to collect it before it goes back.`,
    });
  }
  return out;
}
