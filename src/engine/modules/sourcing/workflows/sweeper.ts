import { findStaleReceived } from '../../orders/order.store';
import { pruneOutbox } from '../../../db/outbox';
import type { WorkflowDeps } from '../../../kernel/context';
import { startPeriodic } from '../../../kernel/periodic';
import { SOURCE_ORDER_JOB } from '../../../ports/job-queue.port';

/**
 * The safety net behind the queue: orders still `received` a while after their last change are
 * sourced again — their job was lost (enqueue failed after the order committed, Redis flushed), or
 * it failed for good (five attempts, say while the database was away): that job is replaced by a
 * new one with fresh attempts, so the order is sourced once the cause is gone. An order whose job
 * is merely waiting in a backlog is left alone. Unfillable orders are the unroutable queue's
 * (workflows/unroutable.ts): retried when stock arrives or capacity frees, in priority order.
 */
export function startSweeper(deps: WorkflowDeps, opts = { everyMs: 5_000, staleMs: 15_000 }): { stop(): void } {
  let passes = 0;
  return startPeriodic(deps.log, 'sweeper', opts.everyMs, async () => {
    await sweepReceived(deps, opts.staleMs);
    if (++passes % 60 === 0) await pruneOutbox(deps.ds, 60);
  });
}

/** One pass of the sweeper; returns the orders it queued (lost jobs) and retried (failed jobs). */
export async function sweepReceived(deps: WorkflowDeps, staleMs: number): Promise<{ queued: string[]; retried: string[] }> {
  const queued: string[] = [];
  const retried: string[] = [];
  for (const id of await findStaleReceived(deps.ds.manager, staleMs, 500)) {
    const outcome = await deps.queue.requeue(SOURCE_ORDER_JOB, id);
    if (outcome === 'queued') queued.push(id);
    else if (outcome === 'retried') retried.push(id);
  }
  if (queued.length) deps.log.info({ count: queued.length }, 'sweeper queued sourcing for orders whose job was lost');
  if (retried.length)
    deps.log.warn(
      { count: retried.length, orderIds: retried.slice(0, 20) },
      'sweeper retried sourcing for orders whose job had failed for good',
    );
  return { queued, retried };
}
