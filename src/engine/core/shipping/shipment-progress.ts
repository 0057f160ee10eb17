import { SHIPMENT_FINAL, SHIPMENT_TRANSITIONS, type ShipmentStatus } from '../../../shared';

/**
 * Whether a tracking event moves a shipment. Events apply in the order they happened; an older
 * event, an unknown status, a move the transition table does not allow, or anything after a final
 * status is kept but not applied. Carriers redeliver webhooks, polls overlap them and events arrive
 * out of order, so this is the one place that decides.
 */
export type ProgressVerdict = { apply: true } | { apply: false; why: 'unknown_status' | 'older' | 'not_allowed' | 'final' | 'same' };

/**
 * The verdict on one event for a shipment in `current.status` whose last applied event happened at
 * `current.lastAppliedAt`. Checked in this order: unknown status, final shipment, older than the
 * last applied event (`occurredAt < lastAppliedAt`; the same instant is not older — carriers stamp
 * to the minute), the same status, a move the table does not allow.
 */
export function judgeEvent(
  current: { status: ShipmentStatus; lastAppliedAt: Date | null },
  event: { status: ShipmentStatus | null; occurredAt: Date },
): ProgressVerdict {
  if (event.status === null) return { apply: false, why: 'unknown_status' };
  if (SHIPMENT_FINAL.includes(current.status)) return { apply: false, why: 'final' };
  if (current.lastAppliedAt && event.occurredAt.getTime() < current.lastAppliedAt.getTime()) return { apply: false, why: 'older' };
  if (event.status === current.status) return { apply: false, why: 'same' };
  if (!SHIPMENT_TRANSITIONS[current.status].includes(event.status)) return { apply: false, why: 'not_allowed' };
  return { apply: true };
}

/**
 * The journey's stages: before a label (0), label ready (1), handed over at close-out (2), moving
 * between hubs (3), the last mile (4), the end (5). The last mile's branches — out for delivery, a
 * failed attempt, waiting at a branch, an exception, on the way back to the sender — share one
 * stage: the parcel moves between them as the carrier tries again, and none is "further" than
 * another. `label_pending → draft` (a rejected label) stays in stage 0.
 */
const RANK: Readonly<Record<ShipmentStatus, number>> = {
  draft: 0,
  label_pending: 0,
  ready: 1,
  manifested: 2,
  in_transit: 3,
  out_for_delivery: 4,
  attempt_failed: 4,
  at_branch: 4,
  exception: 4,
  returning: 4,
  delivered: 5,
  returned: 5,
  lost: 5,
  cancelled: 5,
};

/** How far along the journey a status is (for "never backwards"); exception-like branches share their neighbours' rank. */
export function progressRank(status: ShipmentStatus): number {
  return RANK[status];
}

/**
 * The allowed ways back: a failed attempt going out for delivery again, and an exception resolving
 * as the carrier moves the parcel on (it may resume at an earlier stage, e.g. back in transit).
 * Every other allowed move keeps or raises {@link progressRank}.
 */
export function isWayBack(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return (from === 'attempt_failed' && to === 'out_for_delivery') || (from === 'exception' && SHIPMENT_TRANSITIONS.exception.includes(to));
}

export interface ReplayedProgress {
  status: ShipmentStatus;
  lastAppliedAt: Date | null;
  /** Per input event (same order as given): whether it moved the shipment. */
  applied: boolean[];
}

/**
 * Folds a shipment's events in the order they happened (ties keep the given order), starting from
 * `start`. The result depends only on the set of events, not on the order they arrived in: a store
 * that keeps every event can replay them when a late one arrives, so an event that came before the
 * step that allows it is not lost (e.g. `returned` arriving before `in_transit`).
 */
export function replayEvents(
  start: { status: ShipmentStatus; lastAppliedAt: Date | null },
  events: readonly { status: ShipmentStatus | null; occurredAt: Date }[],
): ReplayedProgress {
  const order = events.map((e, i) => i).sort((a, b) => events[a]!.occurredAt.getTime() - events[b]!.occurredAt.getTime() || a - b);
  const applied = events.map(() => false);
  let status = start.status;
  let lastAppliedAt = start.lastAppliedAt;
  for (const i of order) {
    const e = events[i]!;
    if (!judgeEvent({ status, lastAppliedAt }, e).apply) continue;
    status = e.status!;
    lastAppliedAt = e.occurredAt;
    applied[i] = true;
  }
  return { status, lastAppliedAt, applied };
}
