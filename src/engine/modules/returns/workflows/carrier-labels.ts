import type { Actor, ShipmentStatus } from '../../../../shared';
import { inTransaction, type Tx } from '../../../db/data-source';
import { SYSTEM_ACTOR, type ModuleContext } from '../../../kernel/context';
import { CarrierError } from '../../../ports/carrier.port';
import { recordOrderEvent } from '../../orders/order.store';
import { bookReturnPickup, buyReturnLabel, trackReturnParcels } from '../../shipping/return-parcels';
import { readReturnSettings } from '../return-facts.store';
import {
  labelBought,
  labelFacts,
  labelFailed,
  labelUrl,
  markFirstScan,
  pickupBooked,
  takeDueLabels,
  unscannedLabels,
  type DueLabel,
} from '../return-labels.store';
import { lockReturns, moveReturn, readReturn, recordReturnEvent } from '../returns.store';
import { makeWhole } from './make-whole';

type Ctx = Pick<ModuleContext, 'ds' | 'config' | 'log'>;

/** Tries before a label that keeps failing for passing reasons (the carrier down) is given up. */
export const MAX_LABEL_ATTEMPTS = 8;
/** How long a node holds a label it is buying before another may try. */
const LEASE_MS = 120_000;
/** Statuses that mean the carrier has the parcel: the first one is the first scan. */
const NOT_SCANNED: ReadonlySet<ShipmentStatus> = new Set(['draft', 'label_pending', 'ready', 'manifested', 'cancelled']);

const backoffMs = (attempts: number, retryAfterMs?: number) =>
  Math.max(retryAfterMs ?? 0, Math.min(30_000 * 2 ** (attempts - 1), 1_800_000));

/** The approval, told to the customer (the order's return.approved): with the label's facts when there is one. */
async function tellApproval(
  m: Tx,
  returnId: string,
  f: NonNullable<Awaited<ReturnType<typeof labelFacts>>>,
  actor: Actor,
  label: Record<string, string> = {},
): Promise<void> {
  await recordOrderEvent(m, {
    orderId: f.orderId,
    type: 'return.approved',
    actor,
    data: {
      returnId,
      returnNumber: f.returnNumber,
      value: f.value,
      locationName: f.location?.name ?? null,
      ...(f.procedureCode ? { procedureCode: f.procedureCode } : {}),
      ...label,
    },
  });
}

/**
 * The customer is told of the approval now, without a label: the carrier would not make one. They
 * are told where to bring the parcel instead; the return's history says why.
 */
async function giveUp(ctx: Ctx, d: DueLabel, why: string, actor: Actor): Promise<void> {
  await inTransaction(ctx.ds, async (m) => {
    await labelFailed(m, d.returnId, why, null);
    await recordReturnEvent(m, d.returnId, actor, 'return.label_failed', why.slice(0, 500));
    const f = await labelFacts(m, d.returnId);
    if (!f || f.status !== 'approved') return;
    await tellApproval(m, d.returnId, f, actor);
  });
}

/** The next business day (Monday to Friday) after `now`, as YYYY-MM-DD in UTC. */
export function nextBusinessDay(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Books the courier's pickup; a refusal or a carrier that books none is said in the return's history, not fatal. */
async function bookPickup(
  ctx: Ctx,
  d: DueLabel,
  f: NonNullable<Awaited<ReturnType<typeof labelFacts>>>,
  externalId: string,
  country: string,
): Promise<{ date: string; confirmation: string } | null> {
  const date = nextBusinessDay(new Date());
  try {
    const booked = await bookReturnPickup(ctx, {
      accountId: d.accountId,
      customer: f.customer,
      shipTo: f.shipTo,
      country,
      date,
      externalId,
    });
    if (booked) return { date, confirmation: booked.confirmation };
    await inTransaction(ctx.ds, (m) =>
      recordReturnEvent(
        m,
        d.returnId,
        SYSTEM_ACTOR,
        'return.pickup_unavailable',
        'the carrier books no pickups: the customer drops it off',
      ),
    );
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    await inTransaction(ctx.ds, (m) => recordReturnEvent(m, d.returnId, SYSTEM_ACTOR, 'return.pickup_failed', why.slice(0, 500)));
  }
  return null;
}

/** One label: bought from the carrier outside any transaction, then recorded and told to the customer in one. */
async function buyOne(ctx: Ctx, d: DueLabel, actor: Actor): Promise<'bought' | 'retry' | 'failed'> {
  const settings = await readReturnSettings(ctx.ds.manager);
  const f = await labelFacts(ctx.ds.manager, d.returnId);
  if (!f || f.status !== 'approved') {
    await inTransaction(ctx.ds, (m) => labelFailed(m, d.returnId, `the return is ${f?.status ?? 'gone'}: no label needed`, null));
    return 'failed';
  }
  if (!settings.returnCarrier) {
    await giveUp(ctx, d, 'no return carrier in the return settings any more (returnCarrier)', actor);
    return 'failed';
  }
  if (!f.location) {
    await giveUp(ctx, d, `return R-${f.returnNumber} has no location to go back to: set its location`, actor);
    return 'failed';
  }
  const country = f.shipTo.country ?? 'AR';
  try {
    const bought = await buyReturnLabel(ctx, {
      accountId: d.accountId,
      service: d.service,
      reference: `R-${f.returnNumber}`,
      orderNumber: f.orderNumber,
      customer: f.customer,
      shipTo: f.shipTo,
      location: f.location,
      country,
      weightGrams: f.weightGrams,
      declaredValue: { amount: f.value, currency: f.currency },
    });
    const url = labelUrl(settings.returnCarrier.publicUrl, d.token);
    // A courier pickup is booked for the next business day; a carrier that books none leaves the customer to drop it off.
    const pickup = f.method === 'courier_pickup' ? await bookPickup(ctx, d, f, bought.externalId, country) : null;
    await inTransaction(ctx.ds, async (m) => {
      if (!(await labelBought(m, d.returnId, { ...bought, ...bought.label, url }))) return;
      if (pickup) await pickupBooked(m, d.returnId, pickup.date, pickup.confirmation);
      await recordReturnEvent(m, d.returnId, actor, 'return.label_created', null, {
        carrier: bought.carrierName,
        trackingNumber: bought.trackingNumber,
      });
      await tellApproval(m, d.returnId, f, actor, {
        returnLabelUrl: url,
        carrier: bought.carrierName,
        trackingNumber: bought.trackingNumber,
        ...(pickup ? { pickupDate: pickup.date } : {}),
      });
    });
    return 'bought';
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof CarrierError && e.transient && d.attempts < MAX_LABEL_ATTEMPTS) {
      await inTransaction(ctx.ds, (m) => labelFailed(m, d.returnId, message, backoffMs(d.attempts, e.retryAfterMs)));
      return 'retry';
    }
    if (!(e instanceof CarrierError) && !(e as { code?: string }).code && d.attempts < MAX_LABEL_ATTEMPTS) {
      // The engine's own trouble (the database away): tried again, nothing for a person yet.
      ctx.log.warn({ err: e, returnId: d.returnId }, 'returns: buying a return label failed; will retry');
      await inTransaction(ctx.ds, (m) => labelFailed(m, d.returnId, message, backoffMs(d.attempts)));
      return 'retry';
    }
    await giveUp(ctx, d, message, actor);
    return 'failed';
  }
}

/**
 * Buys the return labels that are due (ordered at approval, or retried after a passing failure),
 * each told to the customer with its link once bought. Answers how many were taken.
 */
export async function buyReturnLabels(ctx: Ctx, actor: Actor, limit = 10): Promise<number> {
  const due = await inTransaction(ctx.ds, (m) => takeDueLabels(m, limit, LEASE_MS));
  for (const d of due) await buyOne(ctx, d, actor);
  return due.length;
}

/**
 * Watches parcels coming back under a carrier's return label until the carrier first scans them:
 * the return is then in transit (told on the order's timeline), and a refund gated at the first
 * scan is issued for the units asked back. Answers how many returns moved.
 */
export async function watchReturnParcels(ctx: Ctx, actor: Actor, limit = 200): Promise<number> {
  let moved = 0;
  for (const [accountId, labels] of await unscannedLabels(ctx.ds.manager, limit)) {
    let events;
    try {
      events = await trackReturnParcels(
        ctx,
        accountId,
        labels.map((l) => l.trackingNumber),
      );
    } catch (e) {
      ctx.log.warn({ err: e, accountId }, 'returns: tracking return parcels failed; will try again');
      continue;
    }
    for (const l of labels) {
      const first = events
        .filter((e) => e.trackingNumber === l.trackingNumber && e.status && !NOT_SCANNED.has(e.status))
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())[0];
      if (!first) continue;
      const done = await inTransaction(ctx.ds, async (m) => {
        if ((await lockReturns(m, [l.returnId])).get(l.returnId) !== 'approved') return false;
        if (!(await markFirstScan(m, l.returnId, first.occurredAt))) return false;
        const data = { trackingNumber: l.trackingNumber, scannedAt: first.occurredAt.toISOString(), where: first.location ?? null };
        await moveReturn(m, l.returnId, 'in_transit', actor, { type: 'return.in_transit', data });
        const r = (await readReturn(m, { id: l.returnId }))!;
        await recordOrderEvent(m, {
          orderId: r.orderId,
          type: 'return.in_transit',
          actor,
          data: { returnId: r.id, returnNumber: r.number, ...data },
        });
        if ((await readReturnSettings(m)).refundGate === 'first_scan') await makeWhole(m, r, actor, { atFirstScan: true });
        return true;
      });
      if (done) moved++;
    }
  }
  return moved;
}
