import { WITH_CARRIER, type OrderStatus, type ShipmentStatus, type TrackingEvent } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { SYSTEM_ACTOR } from '../../kernel/context';
import { judgeEvent } from '../../core/shipping/shipment-progress';
import type { CarrierTrackingEvent } from '../../ports/carrier.port';
import { lockOrders, recordOrderEvents } from '../orders/order-batch.store';
import { raiseAlert, resolveShipmentAlerts } from './alerts.store';
import { followOrders } from './follow-order';
import { assertShipmentTransition, shippingChangedMany, type ShipmentHead, type StatusEvent } from './shipment-status.store';
import {
  eventRef,
  forgetUnappliedEvents,
  keepTrackingEvents,
  lockTrackedShipments,
  noteTrackedShipments,
  shipmentOrderIds,
  type TrackedShipmentNote,
  type TrackingState,
} from './tracking.store';

/** What the carrier reported that a person must look at (a `carrier_exception` alert), in words for the detail. */
const NEEDS_A_PERSON: Partial<Record<ShipmentStatus, string>> = {
  exception: 'an exception',
  attempt_failed: 'a failed delivery attempt',
  returning: 'the parcel is going back to the sender',
  lost: 'the parcel is lost',
};

export interface ApplyOutcome {
  /** Events kept now (a redelivered one is not counted; nor one kept before that moves the shipment now). */
  kept: number;
  /** Events that moved the shipment. */
  applied: number;
  /** The shipment's status afterwards (null: no such shipment). */
  status: ShipmentStatus | null;
  /** The order's status afterwards. */
  orderStatus: OrderStatus | null;
}

/** The key that keeps one carrier event once however often it is seen (webhook re-fetch, poll, redelivery). */
export const trackingDedupeKey = (e: Pick<CarrierTrackingEvent, 'carrierCode' | 'occurredAt'>): string =>
  `${e.carrierCode}@${e.occurredAt.toISOString()}`;

/** What the caller may already know, to spare statements on the hot path. */
export interface ApplyHints {
  /** The shipment's order (else read first: the order is locked before the shipment). */
  orderId?: string;
  /** Dedupe keys the shipment kept before this call (e.g. from `knownEventKeys`); absent = unknown. */
  known?: ReadonlySet<string>;
}

/** What a carrier reported about one shipment, with what the caller knows of it. */
export interface ApplyItem extends ApplyHints {
  shipmentId: string;
  events: readonly CarrierTrackingEvent[];
}

/** {@link applyCarrierEventsBatch} for one shipment. */
export async function applyCarrierEvents(
  m: Tx,
  shipmentId: string,
  events: readonly CarrierTrackingEvent[],
  source: Extract<TrackingEvent['source'], 'webhook' | 'poll'>,
  hints: ApplyHints = {},
): Promise<ApplyOutcome> {
  const out = await applyCarrierEventsBatch(m, [{ shipmentId, events, ...hints }], source);
  return out.get(shipmentId) ?? { kept: 0, applied: 0, status: null, orderStatus: null };
}

/** One shipment's events, judged under its lock. */
interface Judged {
  head: ShipmentHead;
  before: TrackingState;
  orderId: string;
  /** In the order they happened: each with whether it moves the shipment. */
  events: { e: CarrierTrackingEvent; ev: StatusEvent; move: boolean }[];
  from: ShipmentStatus;
}

/**
 * Applies what carriers reported about many shipments, in the caller's transaction, set-based: a
 * few statements for the whole batch whatever its size. Every event is kept in its three layers
 * (de-duplicated by carrier code and time); each shipment's events are judged in the order they
 * happened (`judgeEvent`: an older event, an unknown code, a move the lifecycle does not allow is
 * kept but does not move the shipment — never backwards). Each move goes on the order's timeline
 * (`shipment.<status>`, what customer notifications read) and desks hear `shipping.changed`. The
 * ETA is kept with the one before it (for `eta_slipping`); an exception, failed attempt, return or
 * loss raises a `carrier_exception` alert; delivery resolves the shipment's open alerts. Then each
 * order follows its shipments, once however many of its parcels moved.
 *
 * Locks the orders, then the shipments, each in id order (the order before its shipments, as
 * everything that follows an order does; id order so concurrent batches cannot deadlock).
 */
export async function applyCarrierEventsBatch(
  m: Tx,
  items: readonly ApplyItem[],
  source: Extract<TrackingEvent['source'], 'webhook' | 'poll'>,
): Promise<Map<string, ApplyOutcome>> {
  const merged = new Map<string, ApplyItem>();
  for (const it of items) {
    const was = merged.get(it.shipmentId);
    merged.set(it.shipmentId, was ? { ...was, events: [...was.events, ...it.events], known: undefined } : it);
  }
  const orderOf = new Map<string, string>();
  for (const it of merged.values()) if (it.orderId) orderOf.set(it.shipmentId, it.orderId);
  const unknown = [...merged.keys()].filter((id) => !orderOf.has(id));
  for (const [id, orderId] of await shipmentOrderIds(m, unknown)) orderOf.set(id, orderId);
  const orders = await lockOrders(m, [...orderOf.values()]);
  const locked = await lockTrackedShipments(
    m,
    [...orderOf].filter(([, o]) => orders.has(o)).map(([id]) => id),
  );

  const judged: Judged[] = [];
  for (const [id, { head, state }] of locked) {
    const it = merged.get(id)!;
    judged.push(judge(head, state, orderOf.get(id)!, it.events, source));
  }
  // Moves that may have been kept before without moving (absent `known`: any of them) are dropped first.
  const seenBefore = await forgetUnappliedEvents(
    m,
    judged.flatMap((j) => {
      const known = merged.get(j.head.id)!.known;
      return j.events
        .filter((x) => x.move && (!known || known.has(x.ev.dedupeKey)))
        .map((x) => ({ shipmentId: j.head.id, dedupeKey: x.ev.dedupeKey }));
    }),
  );
  const kept = await keepTrackingEvents(
    m,
    judged.flatMap((j) => j.events.map((x) => ({ ...x.ev, shipmentId: j.head.id, status: x.e.status, applied: x.move }))),
  );

  const out = new Map<string, ApplyOutcome>();
  const notes: TrackedShipmentNote[] = [];
  const moves: { j: Judged; e: CarrierTrackingEvent; ev: StatusEvent; to: ShipmentStatus }[] = [];
  for (const j of judged) {
    const id = j.head.id;
    const news = j.events.filter((x) => kept.has(eventRef(id, x.ev.dedupeKey)));
    const mine = j.events.filter((x) => x.move);
    for (const x of mine) {
      // Judged under the lock against what was applied at the same instant: a move cannot be a repeat.
      if (!kept.has(eventRef(id, x.ev.dedupeKey))) throw new Error(`tracking: event ${x.ev.dedupeKey} of shipment ${id} was applied twice`);
      moves.push({ j, e: x.e, ev: x.ev, to: x.e.status! });
    }
    const count = news.filter((x) => !x.move || !seenBefore.has(eventRef(id, x.ev.dedupeKey))).length;
    out.set(id, { kept: count, applied: mine.length, status: j.head.status, orderStatus: orders.get(j.orderId) ?? null });
    if (news.length)
      notes.push(
        noteOf(
          j,
          news.map((x) => x.e),
          mine.map((x) => x.e),
        ),
      );
  }
  await noteTrackedShipments(m, notes);
  await recordMoves(m, moves);

  const moved = new Map([...new Set(moves.map((x) => x.j.orderId))].map((o) => [o, orders.get(o)!]));
  const after = await followOrders(m, moved);
  for (const [id, o] of out) o.orderStatus = after.get(orderOf.get(id)!) ?? o.orderStatus;
  return out;
}

/** One shipment's events in the order they happened, each judged as the shipment would move. */
function judge(
  head: ShipmentHead,
  state: TrackingState,
  orderId: string,
  events: readonly CarrierTrackingEvent[],
  source: StatusEvent['source'],
): Judged {
  const from = head.status;
  const sorted = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const out: Judged['events'] = [];
  const seen = new Set<string>();
  let lastApplied = state.lastCarrierAppliedAt;
  for (const e of sorted) {
    const ev = statusEvent(e, source);
    // Seen twice in this batch, or applied already at this very instant: kept once, moves nothing.
    if (seen.has(ev.dedupeKey) || state.appliedAtLast.has(ev.dedupeKey)) continue;
    seen.add(ev.dedupeKey);
    const move = judgeEvent({ status: head.status, lastAppliedAt: lastApplied }, e).apply && e.status !== null;
    if (move) {
      assertShipmentTransition(head.status, e.status!);
      head.status = e.status!;
      lastApplied = e.occurredAt;
    }
    out.push({ e, ev, move });
  }
  return { head, before: state, orderId, events: out, from };
}

/** What the events kept now do to the shipment's row: scan and ETA, and its status when it moved. */
function noteOf(j: Judged, news: readonly CarrierTrackingEvent[], moved: readonly CarrierTrackingEvent[]): TrackedShipmentNote {
  const { before, head } = j;
  // The newest estimate wins; one reported with an event older than what we already had is stale.
  const lastScanAt = news.reduce((t, e) => (e.occurredAt > t ? e.occurredAt : t), news[0]!.occurredAt);
  const withEta = news.filter((e) => e.etaAt && (!before.lastEventAt || e.occurredAt >= before.lastEventAt));
  const newest = withEta.reduce<CarrierTrackingEvent | null>((a, e) => (!a || e.occurredAt >= a.occurredAt ? e : a), null);
  const etaAt = newest?.etaAt ?? before.etaAt;
  const changed = etaAt?.getTime() !== before.etaAt?.getTime();
  const withCarrier = (s: ShipmentStatus | null) => s !== null && (WITH_CARRIER.includes(s) || s === 'delivered');
  const seen = moved.filter((e) => withCarrier(e.status)).map((e) => e.occurredAt);
  // A scan that does not move the shipment still means it moves, while it is with the carrier.
  if (withCarrier(head.status)) seen.push(lastScanAt);
  return {
    id: head.id,
    movedTo: moved.length ? head.status : null,
    lastEventAt: seen.length ? seen.reduce((a, b) => (b > a ? b : a)) : null,
    firstWithCarrierAt: moved.find((e) => withCarrier(e.status))?.occurredAt ?? null,
    deliveredAt: moved.find((e) => e.status === 'delivered')?.occurredAt ?? null,
    etaAt,
    ...(changed ? { previousEtaAt: before.etaAt } : {}),
  };
}

/** Every move on its order's timeline and to the desks, alerts raised for what needs a person, alerts resolved on delivery. */
async function recordMoves(
  m: Tx,
  moves: readonly { j: Judged; e: CarrierTrackingEvent; ev: StatusEvent; to: ShipmentStatus }[],
): Promise<void> {
  if (!moves.length) return;
  await recordOrderEvents(
    m,
    moves.map(({ j, ev, to }) => ({
      orderId: j.head.orderId,
      type: `shipment.${to}`,
      actor: SYSTEM_ACTOR,
      reason: ev.reason ?? null,
      data: {
        shipmentId: j.head.id,
        carrier: j.head.carrier,
        trackingNumber: j.head.trackingNumber,
        parcelCode: j.head.parcelCode,
        carrierCode: ev.carrierCode,
        carrierText: ev.carrierText.slice(0, 300),
        location: ev.location ?? null,
        occurredAt: ev.occurredAt.toISOString(),
      },
    })),
  );
  await shippingChangedMany(
    m,
    moves.map(({ j, to }) => ({ ...j.head, status: to })),
  );
  for (const { j, e, to } of moves) {
    const words = NEEDS_A_PERSON[to];
    if (!words) continue;
    const why = [e.carrierCode, e.reason].filter(Boolean).join(', ');
    const where = e.location ? ` at ${e.location}` : '';
    await raiseAlert(
      m,
      { ...j.head, status: to },
      'carrier_exception',
      `The carrier reported ${words} (${why}) on ${e.occurredAt.toISOString().slice(0, 10)}${where}: "${e.carrierText}". Check the address with the customer or call the carrier.`,
    );
  }
  const delivered = [...new Map(moves.filter((x) => x.to === 'delivered').map((x) => [x.j.head.id, x.j.head])).values()];
  await resolveShipmentAlerts(m, delivered, SYSTEM_ACTOR.name);
}

function statusEvent(e: CarrierTrackingEvent, source: StatusEvent['source']): StatusEvent {
  return {
    source,
    carrierCode: e.carrierCode,
    carrierText: e.carrierText,
    reason: e.reason,
    occurredAt: e.occurredAt,
    location: e.location ?? null,
    etaAt: e.etaAt ?? null,
    dedupeKey: trackingDedupeKey(e),
  };
}
