import {
  SHIPMENT_FINAL,
  SHIPMENT_TRANSITIONS,
  type RateOption,
  type Shipment,
  type ShipmentStatus,
  type ShippingDecision,
  type TrackingEvent,
} from '../../../../shared';

/**
 * What the desk derives from a shipment, a rate-shop decision or an alert: colour, how its ETA
 * stands against the promise, which actions make sense now. Pure, so each rule is tested once and
 * every view (order detail, dock, late board, exceptions) reads them alike.
 */

/** A shipment status's colour: waiting on us, moving, done, needs a look, failed, or over. */
export type ShipmentTone = 'waiting' | 'moving' | 'ok' | 'warn' | 'bad' | 'over';

const TONES: Record<ShipmentStatus, ShipmentTone> = {
  draft: 'waiting',
  label_pending: 'waiting',
  ready: 'waiting',
  manifested: 'moving',
  in_transit: 'moving',
  out_for_delivery: 'moving',
  at_branch: 'warn',
  attempt_failed: 'warn',
  exception: 'bad',
  returning: 'bad',
  returned: 'bad',
  lost: 'bad',
  delivered: 'ok',
  cancelled: 'over',
};

export const shipmentTone = (status: ShipmentStatus): ShipmentTone => TONES[status];

const DAY_MS = 24 * 60 * 60 * 1000;

/** How an estimate stands against the promise: unknown (either missing), on time, or late by whole days (at least 1). */
export type EtaVsPromise = { kind: 'unknown' } | { kind: 'on_time' } | { kind: 'late'; days: number };

/**
 * The carrier's estimate against the promise. Compared by calendar day (the promise is a day, an
 * ETA at 18:00 on the promised day is on time); late counts whole days after it.
 */
export function etaVsPromise(etaAt: string | null, promisedAt: string | null): EtaVsPromise {
  if (!etaAt || !promisedAt) return { kind: 'unknown' };
  const eta = Date.parse(etaAt);
  const promise = Date.parse(promisedAt);
  if (!Number.isFinite(eta) || !Number.isFinite(promise)) return { kind: 'unknown' };
  const days = Math.floor(eta / DAY_MS) - Math.floor(promise / DAY_MS);
  return days > 0 ? { kind: 'late', days } : { kind: 'on_time' };
}

/** The tracking events newest first (by when they happened, then when we heard of them): what the desk reads top-down. */
export const eventsNewestFirst = (events: readonly TrackingEvent[]): TrackingEvent[] =>
  [...events].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.receivedAt.localeCompare(a.receivedAt));

/** What a person may do with a shipment now, by its status (roles are checked separately, with `mayCall`). */
export interface ShipmentActions {
  /** The label exists and the parcel is still here: print it again (with a reason). */
  printLabel: boolean;
  /** No label yet, or the carrier failed or refused it: ask again now. */
  retryLabel: boolean;
  /** Not with the carrier yet. */
  cancel: boolean;
}

export function shipmentActions(s: Pick<Shipment, 'status' | 'labelFormat' | 'lastError'>): ShipmentActions {
  return {
    printLabel: s.labelFormat !== null && (s.status === 'ready' || s.status === 'manifested'),
    retryLabel: s.status === 'draft' || (s.status === 'label_pending' && s.lastError !== null),
    cancel: SHIPMENT_TRANSITIONS[s.status].includes('cancelled'),
  };
}

/** Whether tracking is over for this shipment. */
export const isFinal = (status: ShipmentStatus): boolean => SHIPMENT_FINAL.includes(status);

/** The option a decision chose (the carrier account and service it records), if it is among the options. */
export const chosenOption = (d: Pick<ShippingDecision, 'options' | 'carrierAccountId' | 'service'>): RateOption | undefined =>
  d.options.find((o) => o.carrierAccountId === d.carrierAccountId && o.service === d.service);

/** The key that names one option (an account may offer several services). */
export const optionKey = (o: Pick<RateOption, 'carrierAccountId' | 'service'>): string => `${o.carrierAccountId}/${o.service}`;

/** Options a supervisor may choose: those the rate shop did not leave out. */
export const choosable = (options: readonly RateOption[]): RateOption[] => options.filter((o) => o.excluded === null);

/** How long an alert has been open, in whole hours (never negative: desks' clocks drift). */
export const hoursOpen = (raisedAt: string, now: number): number => {
  const at = Date.parse(raisedAt);
  return Number.isFinite(at) ? Math.max(0, Math.floor((now - at) / 3_600_000)) : 0;
};

/** An alert's age against the desk's service level: fresh (< 4 h), due (< 24 h), overdue. */
export type AlertAge = 'fresh' | 'due' | 'overdue';
export const ALERT_DUE_HOURS = 4;
export const ALERT_OVERDUE_HOURS = 24;
export const alertAge = (raisedAt: string, now: number): AlertAge => {
  const h = hoursOpen(raisedAt, now);
  return h >= ALERT_OVERDUE_HOURS ? 'overdue' : h >= ALERT_DUE_HOURS ? 'due' : 'fresh';
};

/** The option a shipment was bought under (its account and service in a decision), for the service's name and the quoted ETA. */
export const quotedOption = (
  decisions: readonly Pick<ShippingDecision, 'options'>[],
  s: Pick<Shipment, 'carrierAccountId' | 'service'>,
): RateOption | undefined =>
  s.carrierAccountId && s.service
    ? decisions.flatMap((d) => d.options).find((o) => o.carrierAccountId === s.carrierAccountId && o.service === s.service)
    : undefined;
