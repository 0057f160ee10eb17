import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/data-source';
import { decide } from '../../core/sourcing/decide';
import { decisionRecord } from '../../core/sourcing/decision-record';
import { parseReason, reasonText, type OrderType, type SourcingProfile } from '../../../shared';
import type { NetworkLocation, ProfileDecision, SourcingOption } from '../../core/sourcing/types';
import { inTransaction, rollbackToSavepoint, savepoint } from '../../db/data-source';
import { recordTransition } from '../orders/order.store';
import { attemptTime, claimForSourcing, lockForSourcing, noteSourcingAttempt, type SourcingClaim } from './sourcing-claim.store';
import { activeProfiles, pickProfile } from './profile.store';
import { loadExclusions } from './sourcing-ops.store';
import { cachedNetwork, noteAssigned, reserveParts } from './sourcing.store';
import { assignIfWaiting, CONTENDED_SQLSTATE, reserveAndAssign } from '../inventory/stock.store';
import { SYSTEM_ACTOR, type WorkflowDeps } from '../../kernel/context';
import { partialOf, settleShortfall } from './partial-fulfilment';
import { promiseSourcedOrder } from '../shipping/promise.store';

/** How many ranked options to try when concurrent orders take the stock first. */
const MAX_ATTEMPTS = 5;

export type SourcingOutcome =
  { status: 'sourced'; locationId: string; locationIds: string[] } | { status: 'unfillable'; reason: string } | { status: 'skipped' };

/**
 * Locations this order must not go to, whatever the profile says: stores that rejected it or came
 * up short, and locations blocked for the rest of their day. The core's `filterCandidates` applies
 * them first, and their reasons appear word for word in the decision record.
 */
export async function orderExclusions(m: Tx, orderId: string): Promise<ReadonlyMap<string, string>> {
  return loadExclusions(m, orderId);
}

/**
 * One idempotent step: source an order that is `received` (or retry one that is `unfillable`).
 * Picks the active profile for the order's channel and type, decides in the pure core (ranked
 * options, each one shipment per location, with costs and why every other location was left
 * out), then reserves the best option with guarded UPDATEs — one location through
 * `reserveAndAssign`, a split through `reserveParts` (one fulfilment order per location). If
 * a concurrent order took the stock meanwhile, tries the next option. The decision goes on the
 * order's timeline. Running it twice is harmless: an order already sourced is skipped.
 */
export async function sourceOrder(deps: WorkflowDeps, orderId: string, known?: SourcingClaim): Promise<SourcingOutcome> {
  // Read without a lock (or take what the order's insert read), decide once, then: one guarded
  // statement for a single location; a transaction that locks the order and re-checks it for
  // the rest (splits, partial fulfilment, unfillable), reusing the read and the decision.
  const [profiles, network] = await Promise.all([activeProfiles(deps.ds), cachedNetwork(deps.ds)]);
  const order = known ?? (await claimForSourcing(deps.ds.manager, orderId, { lock: false }));
  if (!order) return { status: 'skipped' };
  const planned = plan(order, profiles, network);
  const shared = { profiles, network };
  let outcome = await assignInOneStatement(deps, orderId, planned);
  if (outcome === 'contended') outcome = null;
  else if (!outcome) outcome = await sourceInTransaction(deps, orderId, shared, planned);
  // A line's stock was taken since the read: read again under the lock.
  outcome ??= await sourceInTransaction(deps, orderId, shared, undefined);
  if (outcome.status === 'sourced') {
    noteAssigned(deps.ds, outcome.locationIds);
    await promiseIfNone(deps, orderId, order.shipTo, network, outcome.locationIds);
  }
  return outcome;
}

/**
 * An order the channel gave no delivery promise gets one now that its locations are known (one
 * statement; it keeps a promise it has). The order is sourced whatever happens here: a failure is
 * logged, not retried — the desk shows the order without a promise, as before.
 */
async function promiseIfNone(
  deps: WorkflowDeps,
  orderId: string,
  shipTo: { lat: number; lng: number },
  network: readonly NetworkLocation[],
  locationIds: readonly string[],
): Promise<void> {
  const origins = network.filter((l) => locationIds.includes(l.id));
  if (!origins.length) return;
  try {
    await promiseSourcedOrder(deps.ds, { id: orderId, shipTo }, origins, SYSTEM_ACTOR);
  } catch (err) {
    deps.log.warn({ err, orderId }, 'sourcing: the delivery promise could not be set; the order stays sourced without one');
  }
}

/** {@link sourceOnce} without savepoints first, and with a fresh locked read and savepoints when a multi-line option lost a race part-way. */
async function sourceInTransaction(
  deps: WorkflowDeps,
  orderId: string,
  shared: Shared,
  planned: Planned | undefined,
): Promise<SourcingOutcome> {
  try {
    return await sourceOnce(deps, orderId, shared, false, planned);
  } catch (e) {
    if (!(e instanceof ContendedReservation)) throw e;
    // Everything the first pass did was rolled back; this pass keeps a savepoint per option.
    return sourceOnce(deps, orderId, shared, true, undefined);
  }
}

/** The active profiles and the network, read (cached per engine) once per sourcing. */
type Shared = { profiles: readonly SourcingProfile[]; network: readonly NetworkLocation[] };

/** An order as read for sourcing and what the engine decided for it (or why it could not decide). */
type Planned =
  | { order: SourcingClaim; reason: string }
  | {
      order: SourcingClaim;
      reason: null;
      profile: SourcingProfile;
      decision: ProfileDecision;
      toSource: { channel: string; orderType: OrderType; shipTo: { lat: number; lng: number }; lines: SourcingClaim['facts']['lines'] };
      atp: (loc: string, sku: string) => number;
      ctx: { now: Date; exclusions: ReadonlyMap<string, string> };
    };

/** Picks the profile and decides in the pure core; a reason instead when the order cannot be decided (unknown SKUs, no profile). */
function plan(order: SourcingClaim, profiles: readonly SourcingProfile[], network: readonly NetworkLocation[]): Planned {
  if (order.unknownSkus.length)
    return {
      order,
      reason: reasonText(order.unknownSkus.length > 1 ? 'sourcing.unknown_skus' : 'sourcing.unknown_sku', {
        skus: order.unknownSkus.join(', '),
      }),
    };
  const { facts, exclusions } = order;
  const profile = pickProfile(profiles, facts.channel, facts.orderType);
  if (!profile)
    return {
      order,
      reason: reasonText('sourcing.no_profile', { channel: facts.channel, orderType: facts.orderType }),
    };
  const atp = (loc: string, sku: string) => order.atp.get(loc)?.get(sku) ?? 0;
  const toSource = { channel: facts.channel, orderType: facts.orderType, shipTo: order.shipTo, lines: facts.lines };
  const ctx = { now: new Date(), exclusions };
  return { order, reason: null, profile, decision: decide(profile.spec, toSource, network, atp, ctx), toSource, atp, ctx };
}

/**
 * The usual case, without a transaction: the best option is one location, reserved and assigned
 * in one guarded statement ({@link assignIfWaiting}). Null when the decision needs the
 * transactional path; `contended` when a line's stock was taken or the order changed since the
 * read (nothing was kept: it is read again under a lock).
 */
async function assignInOneStatement(deps: WorkflowDeps, orderId: string, p: Planned): Promise<SourcingOutcome | 'contended' | null> {
  if (p.reason !== null) return null;
  const best = p.decision.options[0];
  if (!best || best.parts.length !== 1) return null;
  const part = best.parts[0]!;
  try {
    const done = await assignIfWaiting(deps.ds.manager, {
      locationId: part.locationId,
      orderId,
      fromStatus: p.order.status,
      version: p.order.version,
      fulfilmentOrderId: randomUUID(),
      lines: part.lines,
      actor: SYSTEM_ACTOR,
      decision: decisionRecord(p.decision, best, { id: p.profile.id, key: p.profile.key, version: p.profile.version }),
    });
    // Stale: the order changed since it was read (its lines, say); it is read again under a lock.
    if (done === 'stale') return 'contended';
    return done === 'assigned' ? { status: 'sourced', locationId: part.locationId, locationIds: [part.locationId] } : { status: 'skipped' };
  } catch (e) {
    if ((e as { code?: string }).code === CONTENDED_SQLSTATE) return 'contended';
    throw e;
  }
}

/**
 * The first option's reservation failed part-way (a concurrent order took some line's stock)
 * in a pass without savepoints: the whole transaction is undone and sourcing starts again.
 */
class ContendedReservation extends Error {}

/**
 * One sourcing transaction. With `planned` (read and decided outside it), the order is locked and
 * the plan is used if the order is still as read; otherwise it is read again under the lock and
 * decided. Without `savepoints` (the usual, uncontended case) the first option is reserved straight
 * away — one round trip fewer per order; should it fail, the pass throws
 * {@link ContendedReservation} and nothing of it is kept.
 */
async function sourceOnce(
  deps: WorkflowDeps,
  orderId: string,
  { profiles, network }: Shared,
  savepoints: boolean,
  planned: Planned | undefined,
): Promise<SourcingOutcome> {
  return inTransaction(deps.ds, async (m): Promise<SourcingOutcome> => {
    let p = planned;
    if (p) {
      // Used only if the order is as it was read: same status, no write since (a channel update of its lines).
      const head = await lockForSourcing(m, orderId);
      if (head?.status !== p.order.status || head.version !== p.order.version) p = undefined;
    }
    if (!p) {
      const read = await claimForSourcing(m, orderId);
      if (!read) return { status: 'skipped' };
      p = plan(read, profiles, network);
    }
    const order = p.order;
    let reason: string;
    let record: Record<string, unknown> | null = null;
    if (p.reason !== null) {
      reason = p.reason;
    } else {
      const { profile, decision, toSource, atp, ctx } = p;
      const ref = { id: profile.id, key: profile.key, version: profile.version };
      const sourced = await reserveBest(decision, (option) => decisionRecord(decision, option, ref));
      if (sourced) return sourced;
      // Nothing fills every line: a profile that ships what it can sources the rest of the order now.
      const policy = profile.spec.backorder;
      const partial = policy !== 'hold' && !decision.options.length ? partialOf(profile, toSource, network, atp, ctx, decision) : null;
      if (partial && policy !== 'hold') {
        const got = await reserveBest(partial.decision, (option) => ({
          ...decisionRecord(partial.decision, option, ref),
          partial: { policy, missing: partial.missing },
        }));
        if (got) {
          await settleShortfall(m, { orderId, policy, missing: partial.missing, why: 'no location has them now', actor: SYSTEM_ACTOR });
          return got;
        }
      }
      reason = decision.options.length ? reasonText('sourcing.stock_taken') : unfillableReason(decision);
      record = decisionRecord(decision, null, ref);
    }
    if (order.status === 'unfillable') {
      await noteSourcingAttempt(m, orderId, attemptTime(order));
      return { status: 'unfillable', reason }; // still unfillable: no new event
    }
    await recordTransition(m, {
      orderId,
      from: order.status,
      to: 'unfillable',
      type: 'order.unfillable',
      actor: SYSTEM_ACTOR,
      reason,
      unfillableReason: reason,
      data: record,
      sourcingAttemptAt: attemptTime(order),
    });
    return { status: 'unfillable', reason };

    /** Reserves the first option that still fits (the lines of the decision), or null when concurrent orders took every one. */
    async function reserveBest(
      decision: ProfileDecision,
      recordOf: (option: SourcingOption) => Record<string, unknown>,
    ): Promise<SourcingOutcome | null> {
      const lineCount = decision.options[0]?.parts.reduce((n, part) => n + part.lines.length, 0) ?? 0;
      // A reservation of several lines can fail after reserving some: it needs a savepoint to undo.
      const guard = savepoints && lineCount > 1;
      for (const option of decision.options.slice(0, MAX_ATTEMPTS)) {
        if (guard) await savepoint(m, 'reserve_attempt');
        const data = recordOf(option);
        const ok =
          option.parts.length === 1
            ? await reserveAndAssign(m, {
                locationId: option.parts[0]!.locationId,
                orderId,
                fromStatus: order.status,
                fulfilmentOrderId: randomUUID(),
                lines: option.parts[0]!.lines,
                actor: SYSTEM_ACTOR,
                decision: data,
              })
            : await reserveParts(m, {
                orderId,
                fromStatus: order.status,
                actor: SYSTEM_ACTOR,
                decision: data,
                mode: 'source',
                parts: option.parts.map((part) => ({ locationId: part.locationId, fulfilmentOrderId: randomUUID(), lines: part.lines })),
              });
        if (!ok) {
          if (!savepoints && lineCount > 1) throw new ContendedReservation();
          if (guard) await rollbackToSavepoint(m, 'reserve_attempt');
          continue;
        }
        const ids = option.parts.map((part) => part.locationId);
        return { status: 'sourced', locationId: ids[0]!, locationIds: ids };
      }
      return null;
    }
  });
}

/** Failures that are only about stock: no location (or, splitting lines, no locations together) has enough of some line. */
const STOCK_FAILURES: readonly string[] = ['sourcing.line_short', 'sourcing.line_short_total'];

/** The order waits (nothing can be sourced, or the backorder policy is "hold"); the reason names the first strategy's obstacle when it is not simply stock. */
function unfillableReason(d: ProfileDecision): string {
  if (d.tried.every((t) => t.failure !== null && STOCK_FAILURES.includes(parseReason(t.failure)?.code ?? '')))
    return reasonText('sourcing.no_stock');
  return d.tried
    .map((t) => reasonText('sourcing.strategy_failed', { strategy: t.strategy, failure: t.failure ?? reasonText('sourcing.no_option') }))
    .join('; ');
}
