import { AppError, type OutputOf } from '../../../../shared';
import { findUnroutableDue } from '../sourcing-ops.store';
import type { WorkflowDeps } from '../../../kernel/context';
import { withSessionLock } from '../../../db/data-source';
import { orderStatus } from '../../orders/order.store';
import { startPeriodic } from '../../../kernel/periodic';
import { sourceOrder } from '../source-order';

/** One engine at a time walks the unroutable queue, so scarce stock goes to the first in priority. */
export const RETRY_LOCK = 0x61746c79; // "atly"

export interface RetryPassOptions {
  /** Backoff safety net: an order is retried anyway after retryMs × attempts (capped at ten). */
  retryMs: number;
  /** Orders looked at per pass. */
  limit: number;
}

/**
 * One pass over the unroutable queue: the orders worth another try (stock arrived for one of
 * their SKUs, a capacity block ended, or their backoff passed), sourced one after another in
 * priority order — promised date, age, customer tier — so when a few units arrive the most urgent
 * order gets them. A session advisory lock keeps two engines from interleaving their passes.
 * Returns the order ids tried, in the order they were tried.
 */
export async function retryUnroutable(deps: WorkflowDeps, opts: RetryPassOptions): Promise<string[]> {
  const ids = await withSessionLock(deps.ds, RETRY_LOCK, async () => {
    const due = await findUnroutableDue(deps.ds.manager, opts.retryMs, opts.limit);
    for (const id of due) await sourceOrder(deps, id);
    return due;
  });
  return ids ?? [];
}

/** "Retry now" from the desk: sources one unroutable order at once and says what happened. */
export async function retryUnroutableNow(deps: WorkflowDeps, orderId: string): Promise<OutputOf<'unroutable.retry'>> {
  const status = await orderStatus(deps.ds.manager, orderId);
  if (!status) throw new AppError('NOT_FOUND', `No order with id ${orderId}`);
  if (status !== 'unfillable')
    throw new AppError('ILLEGAL_TRANSITION', `The order is "${status}", not waiting in the unroutable queue; refresh the list`);
  const out = await sourceOrder(deps, orderId);
  return {
    orderId,
    status: out.status,
    locationId: out.status === 'sourced' ? out.locationId : null,
    reason: out.status === 'unfillable' ? out.reason : null,
  };
}

/** The loop behind the queue: a pass every few seconds on worker nodes. */
export function startUnroutableRetry(deps: WorkflowDeps, opts = { everyMs: 5_000, retryMs: 60_000, limit: 200 }): { stop(): void } {
  return startPeriodic(deps.log, 'unroutable retry', opts.everyMs, async () => {
    const ids = await retryUnroutable(deps, opts);
    if (ids.length) deps.log.info({ count: ids.length }, 'unroutable orders retried in priority order');
  });
}
