import { findStaleReceived, findUnfillableForRetry } from '../adapters/db/order-store';
import { pruneOutbox } from '../adapters/events/outbox-event-bus';
import type { WorkflowDeps } from './deps';

/**
 * The safety net behind the queue: orders whose sourcing job was lost (enqueue failed after the
 * order committed, Redis flushed) are enqueued again; unfillable orders are retried now and then
 * in age order, so stock that arrives is used.
 */
export function startSweeper(deps: WorkflowDeps, opts = { everyMs: 5_000, staleMs: 15_000, unfillableRetryMs: 60_000 }): { stop(): void } {
  let running = false;
  let passes = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const ids = [
        ...(await findStaleReceived(deps.ds.manager, opts.staleMs, 500)),
        ...(await findUnfillableForRetry(deps.ds.manager, opts.unfillableRetryMs, 100)),
      ];
      for (const id of ids) await deps.queue.enqueueSourcing(id);
      if (ids.length) deps.log.info({ count: ids.length }, 'sweeper re-enqueued orders for sourcing');
      if (++passes % 60 === 0) await pruneOutbox(deps.ds, 60);
    } catch (err) {
      deps.log.warn({ err }, 'sweeper pass failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, opts.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
