import { findStaleReceived } from '../../orders/order.store';
import { pruneOutbox } from '../../../db/outbox';
import type { WorkflowDeps } from '../../../kernel/context';
import { startPeriodic } from '../../../kernel/periodic';

/**
 * The safety net behind the queue: orders whose sourcing job was lost (enqueue failed after the
 * order committed, Redis flushed) are enqueued again. Unfillable orders are the unroutable queue's
 * (workflows/unroutable.ts): retried when stock arrives or capacity frees, in priority order.
 */
export function startSweeper(deps: WorkflowDeps, opts = { everyMs: 5_000, staleMs: 15_000 }): { stop(): void } {
  let passes = 0;
  return startPeriodic(deps.log, 'sweeper', opts.everyMs, async () => {
    const ids = await findStaleReceived(deps.ds.manager, opts.staleMs, 500);
    for (const id of ids) await deps.queue.enqueueSourcing(id);
    if (ids.length) deps.log.info({ count: ids.length }, 'sweeper re-enqueued orders for sourcing');
    if (++passes % 60 === 0) await pruneOutbox(deps.ds, 60);
  });
}
