import type { TrackingEvent } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { CarrierError, type CarrierTrackingEvent } from '../../../ports/carrier.port';
import { applyCarrierEventsBatch, trackingDedupeKey, type ApplyItem, type ApplyOutcome } from '../apply-tracking';
import { knownEventKeys } from '../tracking.store';
import { carrierPool, type LiveCarrier } from '../carrier-runtime';
import { basePollSeconds, nextPoll } from '../poll-schedule';
import { schedulePolls, type TrackedShipment } from '../tracked-shipments.store';

/** Tracking numbers per `track` call (carriers' batch endpoints take about this many). */
export const TRACK_BATCH = 50;
/** `track` calls in flight at once per account. */
const TRACK_CONCURRENCY = 4;
/** Shipments applied in one transaction (a few statements for the whole batch). */
export const APPLY_BATCH = 100;
/** Batches applied at once (orders and shipments are locked in id order, so they cannot deadlock). */
const APPLY_CONCURRENCY = 3;

export interface TrackResult {
  /** Shipments whose tracking could not be fetched or applied, with why (tried again later). */
  failed: Map<string, string>;
  /** Events kept, and events that moved a shipment. */
  kept: number;
  applied: number;
}

/**
 * Fetches the tracking of one account's shipments in batches of {@link TRACK_BATCH}, applies what is
 * new in batches of {@link APPLY_BATCH} (one transaction each, set-based: orders, then shipments,
 * locked in id order; a batch that fails is applied shipment by shipment, so one shipment's
 * trouble holds back no other), and sets when each is polled next
 * (sooner after a change, slower when nothing moved, stopped when final or 90 days quiet; a carrier
 * without polling is never polled). The carrier is called outside any transaction. A carrier that
 * fails (down, rate-limiting, its breaker open) fails only its batch: the shipments are tried again
 * after the backoff (or its Retry-After) and nothing is lost.
 */
export async function trackShipments(
  ctx: ModuleContext,
  carrier: LiveCarrier,
  shipments: readonly TrackedShipment[],
  source: Extract<TrackingEvent['source'], 'webhook' | 'poll'>,
  now: Date,
): Promise<TrackResult> {
  const { adapter, account, io } = carrier;
  const result: TrackResult = { failed: new Map(), kept: 0, applied: 0 };
  const base = basePollSeconds(account.kind, account.settings);
  const polled = adapter.capabilities.polling;
  const plans: Parameters<typeof schedulePolls>[1][number][] = [];
  const plan = (
    s: TrackedShipment,
    o: { changed: boolean; status?: TrackedShipment['status']; lastEventAt?: Date | null; error?: CarrierError | Error },
  ) => {
    const p = nextPoll({
      now,
      baseSeconds: base,
      status: o.status ?? s.status,
      lastEventAt: o.lastEventAt === undefined ? s.lastEventAt : o.lastEventAt,
      createdAt: s.createdAt,
      attempts: s.pollAttempts,
      // A paused carrier is not a quiet parcel: its backoff does not grow.
      paused: o.error !== undefined && carrierPool(ctx).circuit(account.id) === 'open',
      changed: o.changed,
      retryAfterMs: o.error instanceof CarrierError ? o.error.retryAfterMs : undefined,
    });
    plans.push({
      id: s.id,
      nextPollAt: polled ? p.nextPollAt : null,
      pollAttempts: p.pollAttempts,
      lastError: o.error ? `tracking: ${o.error.message}` : null,
    });
  };

  // The carrier first (batches of TRACK_BATCH, a few at once), outside any transaction.
  const batches: TrackedShipment[][] = [];
  for (let i = 0; i < shipments.length; i += TRACK_BATCH) batches.push(shipments.slice(i, i + TRACK_BATCH));
  const byNumber = new Map<string, CarrierTrackingEvent[]>();
  const asked: TrackedShipment[] = [];
  await eachLimited(batches, TRACK_CONCURRENCY, async (batch) => {
    try {
      const events = await adapter.track(
        account,
        batch.map((s) => s.trackingNumber),
        io,
      );
      for (const ev of events) byNumber.set(ev.trackingNumber, [...(byNumber.get(ev.trackingNumber) ?? []), ev]);
      asked.push(...batch);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      if (!(e instanceof CarrierError)) ctx.log.warn({ err, account: account.id }, 'carrier tracking failed unexpectedly');
      for (const s of batch) {
        result.failed.set(s.id, err.message);
        plan(s, { changed: false, error: err });
      }
    }
  });

  // What each shipment kept before, in one statement: a shipment with nothing new is not locked at all.
  const known = await knownEventKeys(
    ctx.ds.manager,
    asked.filter((s) => byNumber.has(s.trackingNumber)).map((s) => s.id),
  );
  const items: (ApplyItem & { s: TrackedShipment; newest: Date })[] = [];
  for (const s of asked) {
    const evs = byNumber.get(s.trackingNumber) ?? [];
    const seen = known.get(s.id);
    if (!evs.length || (seen && evs.every((e) => seen.has(trackingDedupeKey(e))))) plan(s, { changed: false });
    else
      items.push({
        s,
        shipmentId: s.id,
        orderId: s.orderId,
        known: seen,
        events: evs,
        newest: evs.reduce((t, e) => (e.occurredAt > t ? e.occurredAt : t), evs[0]!.occurredAt),
      });
  }
  const applied = (item: (typeof items)[number], out: ApplyOutcome | undefined) => {
    const { s, newest } = item;
    result.kept += out?.kept ?? 0;
    result.applied += out?.applied ?? 0;
    const lastEventAt = s.lastEventAt && s.lastEventAt > newest ? s.lastEventAt : newest;
    plan(s, { changed: (out?.kept ?? 0) + (out?.applied ?? 0) > 0, status: out?.status ?? s.status, lastEventAt });
  };
  const chunks: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += APPLY_BATCH) chunks.push(items.slice(i, i + APPLY_BATCH));
  const apply = async (chunk: typeof items) => {
    const outs = await inTransaction(ctx.ds, (m) => applyCarrierEventsBatch(m, chunk, source));
    for (const item of chunk) applied(item, outs.get(item.shipmentId));
  };
  const applyAlone = async (item: (typeof items)[number]) => {
    try {
      await apply([item]);
    } catch (err) {
      ctx.log.warn({ err, shipmentId: item.shipmentId }, 'applying tracking failed; tried again at the next poll');
      result.failed.set(item.shipmentId, (err as Error).message);
      plan(item.s, { changed: false, error: err as Error });
    }
  };
  await eachLimited(chunks, APPLY_CONCURRENCY, async (chunk) => {
    if (chunk.length === 1) return applyAlone(chunk[0]!);
    try {
      await apply(chunk);
    } catch (e) {
      // One shipment's trouble must not hold back the rest: each is applied alone.
      ctx.log.warn({ err: e, shipments: chunk.length }, 'applying a tracking batch failed; applying its shipments one by one');
      for (const item of chunk) await applyAlone(item);
    }
  });
  await inTransaction(ctx.ds, (m) => schedulePolls(m, plans));
  return result;
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
