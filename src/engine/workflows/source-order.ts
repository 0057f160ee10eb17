import { randomUUID } from 'node:crypto';
import { rankNearestFullFill } from '../core/sourcing/nearest-full-fill';
import { inTransaction } from '../adapters/db/data-source';
import { appendOrderEvent, getOrderLines, lockOrder, markSourcingAttempt, setOrderStatus } from '../adapters/db/order-store';
import { knownSkus, loadAtp, reserveAll } from '../adapters/db/stock-store';
import { publishInTransaction } from '../adapters/events/pg-event-bus';
import { SYSTEM_ACTOR, type WorkflowDeps } from './deps';

/** How many ranked candidates to try when concurrent orders take the stock first. */
const MAX_ATTEMPTS = 5;

export type SourcingOutcome = { status: 'sourced'; locationId: string } | { status: 'unfillable'; reason: string } | { status: 'skipped'; reason: string };

/**
 * One idempotent step: source an order that is `received` (or retry one that is `unfillable`).
 * Ranks locations in the pure core, then reserves at the best one with a guarded UPDATE; if a
 * concurrent order took the stock meanwhile, rolls back to a savepoint and tries the next. The
 * decision — candidates with distances and why every other location was left out — goes on the
 * order's timeline. Running it twice is harmless: an order already sourced is skipped.
 */
export async function sourceOrder(deps: WorkflowDeps, orderId: string): Promise<SourcingOutcome> {
  const locations = await deps.locations();
  return inTransaction(deps.ds, async (m) => {
    const head = await lockOrder(m, orderId);
    if (!head) return { status: 'skipped', reason: 'no such order' };
    if (head.status !== 'received' && head.status !== 'unfillable') return { status: 'skipped', reason: `already ${head.status}` };
    await markSourcingAttempt(m, orderId);
    const rows: { ship_to: { lat: number; lng: number } }[] = await m.query('SELECT ship_to FROM orders WHERE id = $1', [orderId]);
    const shipTo = rows[0]!.ship_to;
    const lines = await getOrderLines(m, orderId);
    const skus = lines.map((l) => l.sku);

    const known = await knownSkus(m, skus);
    const unknown = skus.filter((s) => !known.has(s));
    let reason: string | undefined;
    let decision: ReturnType<typeof rankNearestFullFill> | undefined;
    if (unknown.length) {
      reason = `unknown SKU${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (not in the catalog)`;
    } else {
      decision = rankNearestFullFill(shipTo, lines, locations, await loadAtp(m, skus));
      const fulfilmentOrderId = randomUUID();
      for (const candidate of decision.candidates.slice(0, MAX_ATTEMPTS)) {
        await m.query('SAVEPOINT reserve_attempt');
        await m.query(`INSERT INTO fulfilment_orders (id, order_id, location_id, status) VALUES ($1, $2, $3, 'assigned')`, [fulfilmentOrderId, orderId, candidate.locationId]);
        const ok = await reserveAll(m, { locationId: candidate.locationId, orderId, fulfilmentOrderId, lines, actor: SYSTEM_ACTOR });
        if (!ok) {
          await m.query('ROLLBACK TO SAVEPOINT reserve_attempt');
          continue;
        }
        await m.query('RELEASE SAVEPOINT reserve_attempt');
        await setOrderStatus(m, orderId, 'sourced', { locationId: candidate.locationId, unfillableReason: null });
        await appendOrderEvent(m, orderId, SYSTEM_ACTOR, {
          type: 'order.sourced',
          from: head.status,
          to: 'sourced',
          data: explain(decision, candidate.locationId),
        });
        await publishInTransaction(m, { type: 'order.changed', orderId, number: head.number, status: 'sourced', fromStatus: head.status, locationId: candidate.locationId, at: new Date().toISOString() });
        return { status: 'sourced', locationId: candidate.locationId };
      }
      reason = decision.candidates.length ? 'stock was taken by other orders at every candidate location' : 'no location has available stock for every line';
    }
    if (head.status === 'unfillable') return { status: 'unfillable', reason }; // still unfillable: no new event
    await setOrderStatus(m, orderId, 'unfillable', { unfillableReason: reason });
    await appendOrderEvent(m, orderId, SYSTEM_ACTOR, { type: 'order.unfillable', from: head.status, to: 'unfillable', reason, data: decision ? explain(decision, null) : null });
    await publishInTransaction(m, { type: 'order.changed', orderId, number: head.number, status: 'unfillable', fromStatus: head.status, locationId: null, at: new Date().toISOString() });
    return { status: 'unfillable', reason };
  });
}

/** The decision record kept on the timeline: the top candidates and a sample of exclusions. */
function explain(decision: ReturnType<typeof rankNearestFullFill>, chosen: string | null): Record<string, unknown> {
  return {
    strategy: decision.strategy,
    chosen,
    candidates: decision.candidates.slice(0, 5),
    excluded: decision.excluded.slice(0, 10),
    excludedCount: decision.excluded.length,
  };
}
