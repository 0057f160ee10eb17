import { assignmentCost } from '../../../core/sourcing/assignment-cost';
import { compareCost } from '../../../core/sourcing/cost-tie';
import { decide } from '../../../core/sourcing/decide';
import { decisionRecord } from '../../../core/sourcing/decision-record';
import { inTransaction, rollbackToSavepoint, savepoint } from '../../../db/data-source';
import { activeProfiles, pickProfile } from '../profile.store';
import { cancelAssignedFulfilment, loadNetwork, loadOrderFacts, lockHeldOrder, reserveParts, takeReoptimisable } from '../sourcing.store';
import { releaseReservations } from '../../inventory/stock.store';
import { randomUUID } from 'node:crypto';
import { orderExclusions } from '../source-order';
import { SYSTEM_ACTOR, type WorkflowDeps } from '../../../kernel/context';
import { startPeriodic } from '../../../kernel/periodic';

export interface ReoptimiseOptions {
  /** Move only when the new assignment is at least this share cheaper (or has fewer shipments and costs no more, to the cent). */
  minSaving: number;
}

const DEFAULTS: ReoptimiseOptions = { minSaving: 0.05 };

/**
 * Re-evaluates one order not yet released to the floor (sourced, nothing picked) against the
 * stock and capacity of now, counting its own reservations as available. When the best option
 * has fewer shipments or is clearly cheaper, moves it in one transaction — release, cancel the
 * old fulfilment orders, reserve the new ones with the guarded UPDATE — and records
 * `order.reoptimised` with the before and after on the timeline. If the new stock was taken
 * meanwhile, everything rolls back and the order keeps its assignment.
 */
export async function reoptimiseOrder(
  deps: WorkflowDeps,
  orderId: string,
  opts: ReoptimiseOptions = DEFAULTS,
): Promise<'changed' | 'kept' | 'skipped'> {
  const profiles = await activeProfiles(deps.ds);
  return inTransaction(deps.ds, async (m) => {
    const held = await lockHeldOrder(m, orderId);
    const facts = held && (await loadOrderFacts(m, orderId));
    if (!held || !facts || held.reserved.length === 0) return 'skipped';
    const profile = pickProfile(profiles, facts.channel, facts.orderType);
    if (!profile) return 'skipped';
    const own = new Set(held.reserved.map((r) => r.locationId));
    // Its own fulfilment orders count against today's capacity; they would be freed by a move.
    const network = (await loadNetwork(m)).map((l) => (own.has(l.id) ? { ...l, assignedToday: Math.max(0, l.assignedToday - 1) } : l));
    const order = { channel: facts.channel, orderType: facts.orderType, shipTo: held.shipTo, lines: facts.lines };
    const atp = (loc: string, sku: string) => held.atp.get(loc)?.get(sku) ?? 0;
    const decision = decide(profile.spec, order, network, atp, { now: new Date(), exclusions: await orderExclusions(m, orderId) });
    const best = decision.options[0];
    const strategy = profile.spec.strategies.find((s) => s.name === decision.strategy);
    if (!best || !strategy) return 'kept';
    const unchanged = best.parts.every((p) => p.lines.every((l) => held.assignment.get(l.sku) === p.locationId));
    if (unchanged) return 'kept';
    const current = assignmentCost(strategy, profile.spec.rateCard, order, network, atp, held.assignment);
    const currentParts = own.size;
    const better =
      current === null ||
      best.total < current * (1 - opts.minSaving) ||
      (best.parts.length < currentParts && compareCost(best.total, current) <= 0);
    if (!better) return 'kept';
    await savepoint(m, 'reoptimise');
    await releaseReservations(m, orderId, SYSTEM_ACTOR);
    await cancelAssignedFulfilment(m, orderId);
    const record = decisionRecord(decision, best, { id: profile.id, key: profile.key, version: profile.version });
    const ok = await reserveParts(m, {
      orderId,
      fromStatus: 'sourced',
      actor: SYSTEM_ACTOR,
      mode: 'reassign',
      parts: best.parts.map((p) => ({ locationId: p.locationId, fulfilmentOrderId: randomUUID(), lines: p.lines })),
      decision: {
        ...record,
        reoptimised: {
          before: { locations: [...own].sort(), shipments: currentParts, cost: current === null ? null : Math.round(current * 100) / 100 },
          after: { locations: best.parts.map((p) => p.locationId), shipments: best.parts.length, cost: Math.round(best.total * 100) / 100 },
        },
      },
    });
    if (!ok) {
      await rollbackToSavepoint(m, 'reoptimise');
      return 'kept';
    }
    return 'changed';
  });
}

/**
 * One pass: takes the next `limit` sourced orders of the backlog (never examined first, then
 * examined longest ago — see `takeReoptimisable`) and re-evaluates those that may move, each in its
 * own transaction. `examined` counts those re-evaluated; successive passes move through the backlog.
 */
export async function reoptimisePass(
  deps: WorkflowDeps,
  opts: { limit: number; minAgeMs: number } & Partial<ReoptimiseOptions>,
): Promise<{ examined: number; changed: number }> {
  const ids = await takeReoptimisable(deps.ds.manager, opts.limit, opts.minAgeMs);
  let changed = 0;
  for (const id of ids) if ((await reoptimiseOrder(deps, id, { ...DEFAULTS, ...opts })) === 'changed') changed++;
  return { examined: ids.length, changed };
}

/** The periodic job: every `everyMs`, a pass over orders sourced at least `minAgeMs` ago. */
export function startReoptimiser(deps: WorkflowDeps, opts = { everyMs: 60_000, minAgeMs: 30_000, limit: 200 }): { stop(): void } {
  return startPeriodic(deps.log, 're-optimisation', opts.everyMs, async () => {
    const r = await reoptimisePass(deps, opts);
    if (r.changed) deps.log.info(r, 're-optimisation moved orders');
  });
}
