import { randomUUID } from 'node:crypto';
import { rankNearestFullFill, type SourcingDecision } from '../core/sourcing/nearest-full-fill';
import { inTransaction } from '../adapters/db/data-source';
import { claimForSourcing, recordTransition } from '../adapters/db/order-store';
import { reserveAndAssign } from '../adapters/db/stock-store';
import { SYSTEM_ACTOR, type WorkflowDeps } from './deps';
import { loadExclusions } from '../adapters/db/sourcing-ops-store';
import { applyExclusions } from './reject-fulfilment-exclusions';

/** How many ranked candidates to try when concurrent orders take the stock first. */
const MAX_ATTEMPTS = 5;

export type SourcingOutcome = { status: 'sourced'; locationId: string } | { status: 'unfillable'; reason: string } | { status: 'skipped' };

/**
 * One idempotent step: source an order that is `received` (or retry one that is `unfillable`).
 * Ranks locations in the pure core, then reserves at the best one with a guarded UPDATE; if a
 * concurrent order took the stock meanwhile, tries the next. The decision — candidates with
 * distances and why every other location was left out — goes on the order's timeline. Running it
 * twice is harmless: an order already sourced is skipped.
 */
export async function sourceOrder(deps: WorkflowDeps, orderId: string): Promise<SourcingOutcome> {
  const locations = await deps.locations();
  return inTransaction(deps.ds, async (m) => {
    const order = await claimForSourcing(m, orderId);
    if (!order) return { status: 'skipped' };
    const { lines } = order;
    let reason: string;
    let decision: SourcingDecision | undefined;
    if (order.unknownSkus.length) {
      reason = `unknown SKU${order.unknownSkus.length > 1 ? 's' : ''} ${order.unknownSkus.join(', ')} (not in the catalog)`;
    } else {
      // Locations that rejected this order or are out of capacity today are dropped, and say so.
      decision = applyExclusions(rankNearestFullFill(order.shipTo, lines, locations, order.atp), await loadExclusions(m, orderId));
      // A single-line reservation is all-or-nothing by itself; several lines need a savepoint.
      const guard = lines.length > 1;
      for (const candidate of decision.candidates.slice(0, MAX_ATTEMPTS)) {
        if (guard) await m.query('SAVEPOINT reserve_attempt');
        const ok = await reserveAndAssign(m, {
          locationId: candidate.locationId, orderId, fromStatus: order.status, fulfilmentOrderId: randomUUID(), lines, actor: SYSTEM_ACTOR,
          decision: explain(decision, candidate.locationId),
        });
        if (!ok) {
          if (guard) await m.query('ROLLBACK TO SAVEPOINT reserve_attempt');
          continue;
        }
        return { status: 'sourced', locationId: candidate.locationId };
      }
      reason = decision.candidates.length ? 'stock was taken by other orders at every candidate location' : 'no location has available stock for every line';
    }
    if (order.status === 'unfillable') return { status: 'unfillable', reason }; // still unfillable: no new event
    await recordTransition(m, {
      orderId, from: order.status, to: 'unfillable', type: 'order.unfillable', actor: SYSTEM_ACTOR,
      reason, unfillableReason: reason, data: decision ? explain(decision, null) : null,
    });
    return { status: 'unfillable', reason };
  });
}

/** The decision record kept on the timeline: the top candidates and a sample of exclusions. */
function explain(decision: SourcingDecision, chosen: string | null): Record<string, unknown> {
  return {
    strategy: decision.strategy,
    chosen,
    candidates: decision.candidates.slice(0, 5),
    excluded: decision.excluded.slice(0, 10),
    excludedCount: decision.excluded.length,
  };
}
