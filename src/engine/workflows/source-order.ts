import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { decide } from '../core/sourcing/decide';
import { decisionRecord } from '../core/sourcing/decision-record';
import type { ProfileDecision, SourcingOption } from '../core/sourcing/types';
import { inTransaction } from '../adapters/db/data-source';
import { claimForSourcing, noteSourcingAttempt, recordTransition, type SourcingClaim } from '../adapters/db/order-store';
import { activeProfiles, pickProfile } from '../adapters/db/profile-store';
import { loadExclusions } from '../adapters/db/sourcing-ops-store';
import { cachedNetwork, noteAssigned, reserveParts } from '../adapters/db/sourcing-store';
import { assignIfWaiting, CONTENDED_SQLSTATE, reserveAndAssign } from '../adapters/db/stock-store';
import { SYSTEM_ACTOR, type WorkflowDeps } from './deps';
import { partialOf, settleShortfall } from './partial-fulfilment';

/** How many ranked options to try when concurrent orders take the stock first. */
const MAX_ATTEMPTS = 5;

export type SourcingOutcome = { status: 'sourced'; locationId: string; locationIds: string[] } | { status: 'unfillable'; reason: string } | { status: 'skipped' };

/**
 * Locations this order must not go to, whatever the profile says: stores that rejected it or came
 * up short, and locations blocked for the rest of their day. The core's `filterCandidates` applies
 * them first, and their reasons appear word for word in the decision record.
 */
export async function orderExclusions(m: EntityManager, orderId: string): Promise<ReadonlyMap<string, string>> {
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
  let outcome: SourcingOutcome | null = await sourceInOneStatement(deps, orderId, known);
  if (!outcome) {
    try {
      outcome = await sourceOnce(deps, orderId, false);
    } catch (e) {
      if (!(e instanceof ContendedReservation)) throw e;
      // Everything the first pass did was rolled back; this pass keeps a savepoint per option.
      outcome = await sourceOnce(deps, orderId, true);
    }
  }
  if (outcome.status === 'sourced') noteAssigned(deps.ds, outcome.locationIds);
  return outcome;
}

/**
 * The usual case without a transaction: read the order, decide, and — when the best option is one
 * location — reserve and assign it in one guarded statement ({@link assignIfWaiting}). Null hands
 * the order to the transactional path: a split, nothing to ship (unfillable, partial fulfilment),
 * an unknown SKU or no profile, or stock taken since the read.
 */
async function sourceInOneStatement(deps: WorkflowDeps, orderId: string, known: SourcingClaim | undefined): Promise<SourcingOutcome | null> {
  const [profiles, network] = await Promise.all([activeProfiles(deps.ds), cachedNetwork(deps.ds)]);
  // An order just taken in comes with what its insert read; the statement below re-checks it still waits.
  const order = known ?? (await claimForSourcing(deps.ds.manager, orderId, { lock: false }));
  if (!order) return { status: 'skipped' };
  if (order.unknownSkus.length) return null;
  const { facts, exclusions } = order;
  const profile = pickProfile(profiles, facts.channel, facts.orderType);
  if (!profile) return null;
  const atp = (loc: string, sku: string) => order.atp.get(loc)?.get(sku) ?? 0;
  const decision = decide(profile.spec, { channel: facts.channel, orderType: facts.orderType, shipTo: order.shipTo, lines: facts.lines }, network, atp, { now: new Date(), exclusions });
  const best = decision.options[0];
  if (!best || best.parts.length !== 1) return null;
  const part = best.parts[0]!;
  try {
    const done = await assignIfWaiting(deps.ds.manager, {
      locationId: part.locationId, orderId, fromStatus: order.status, fulfilmentOrderId: randomUUID(), lines: part.lines, actor: SYSTEM_ACTOR,
      decision: decisionRecord(decision, best, { id: profile.id, key: profile.key, version: profile.version }),
    });
    return done === 'assigned' ? { status: 'sourced', locationId: part.locationId, locationIds: [part.locationId] } : { status: 'skipped' };
  } catch (e) {
    if ((e as { code?: string }).code === CONTENDED_SQLSTATE || (e as { driverError?: { code?: string } }).driverError?.code === CONTENDED_SQLSTATE) return null;
    throw e;
  }
}

/**
 * The first option's reservation failed part-way (a concurrent order took some line's stock)
 * in a pass without savepoints: the whole transaction is undone and sourcing starts again.
 */
class ContendedReservation extends Error {}

/**
 * One sourcing transaction. Without `savepoints` (the usual, uncontended case) the first option is
 * reserved straight away — one round trip fewer per order; should it fail, the pass throws
 * {@link ContendedReservation} and nothing of it is kept.
 */
async function sourceOnce(deps: WorkflowDeps, orderId: string, savepoints: boolean): Promise<SourcingOutcome> {
  // Profiles and the network are shared reads, cached per engine; everything about the order
  // itself (lines, ATP, facts, exclusions) comes with the claim, in one round trip.
  const [profiles, network] = await Promise.all([activeProfiles(deps.ds), cachedNetwork(deps.ds)]);
  return inTransaction(deps.ds, async (m): Promise<SourcingOutcome> => {
    const order = await claimForSourcing(m, orderId);
    if (!order) return { status: 'skipped' };
    let reason: string;
    let record: Record<string, unknown> | null = null;
    if (order.unknownSkus.length) {
      reason = `unknown SKU${order.unknownSkus.length > 1 ? 's' : ''} ${order.unknownSkus.join(', ')} (not in the catalog)`;
    } else {
      const { facts, exclusions } = order;
      const profile = pickProfile(profiles, facts.channel, facts.orderType);
      if (!profile) {
        reason = `no active sourcing profile applies to channel ${facts.channel} (${facts.orderType} orders): activate one in the Sourcing view`;
      } else {
        const atp = (loc: string, sku: string) => order.atp.get(loc)?.get(sku) ?? 0;
        const toSource = { channel: facts.channel, orderType: facts.orderType, shipTo: order.shipTo, lines: facts.lines };
        const ctx = { now: new Date(), exclusions };
        const decision = decide(profile.spec, toSource, network, atp, ctx);
        const ref = { id: profile.id, key: profile.key, version: profile.version };
        const sourced = await reserveBest(decision, (option) => decisionRecord(decision, option, ref));
        if (sourced) return sourced;
        // Nothing fills every line: a profile that ships what it can sources the rest of the order now.
        const policy = profile.spec.backorder;
        const partial = policy !== 'hold' && !decision.options.length ? partialOf(profile, toSource, network, atp, ctx, decision) : null;
        if (partial && policy !== 'hold') {
          const got = await reserveBest(partial.decision, (option) => ({ ...decisionRecord(partial.decision, option, ref), partial: { policy, missing: partial.missing } }));
          if (got) {
            await settleShortfall(m, { orderId, policy, missing: partial.missing, why: 'no location has them now', actor: SYSTEM_ACTOR });
            return got;
          }
        }
        reason = decision.options.length ? 'stock was taken by other orders at every candidate location' : unfillableReason(decision);
        record = decisionRecord(decision, null, ref);
      }
    }
    await noteSourcingAttempt(m, orderId);
    if (order.status === 'unfillable') return { status: 'unfillable', reason }; // still unfillable: no new event
    await recordTransition(m, { orderId, from: order.status, to: 'unfillable', type: 'order.unfillable', actor: SYSTEM_ACTOR, reason, unfillableReason: reason, data: record });
    return { status: 'unfillable', reason };

    /** Reserves the first option that still fits (the lines of the decision), or null when concurrent orders took every one. */
    async function reserveBest(decision: ProfileDecision, recordOf: (option: SourcingOption) => Record<string, unknown>): Promise<SourcingOutcome | null> {
      if (!order) return null;
      const lineCount = decision.options[0]?.parts.reduce((n, p) => n + p.lines.length, 0) ?? 0;
      // A reservation of several lines can fail after reserving some: it needs a savepoint to undo.
      const guard = savepoints && lineCount > 1;
      for (const option of decision.options.slice(0, MAX_ATTEMPTS)) {
        if (guard) await m.query('SAVEPOINT reserve_attempt');
        const data = recordOf(option);
        const ok =
          option.parts.length === 1
            ? await reserveAndAssign(m, {
                locationId: option.parts[0]!.locationId, orderId, fromStatus: order.status, fulfilmentOrderId: randomUUID(), lines: option.parts[0]!.lines, actor: SYSTEM_ACTOR, decision: data,
              })
            : await reserveParts(m, {
                orderId, fromStatus: order.status, actor: SYSTEM_ACTOR, decision: data, mode: 'source',
                parts: option.parts.map((p) => ({ locationId: p.locationId, fulfilmentOrderId: randomUUID(), lines: p.lines })),
              });
        if (!ok) {
          if (!savepoints && lineCount > 1) throw new ContendedReservation();
          if (guard) await m.query('ROLLBACK TO SAVEPOINT reserve_attempt');
          continue;
        }
        const ids = option.parts.map((p) => p.locationId);
        return { status: 'sourced', locationId: ids[0]!, locationIds: ids };
      }
      return null;
    }
  });
}

/** The order waits (nothing can be sourced, or the backorder policy is "hold"); the reason names the first strategy's obstacle when it is not simply stock. */
function unfillableReason(d: ProfileDecision): string {
  if (d.tried.every((t) => t.failure?.startsWith('no eligible location has'))) return 'no location has available stock for every line';
  return d.tried.map((t) => `${t.strategy}: ${t.failure ?? 'no option'}`).join('; ');
}
