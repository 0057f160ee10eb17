import { AppError, type OutputOf } from '../../shared';
import { findUnroutableDue } from '../adapters/db/sourcing-ops-store';
import type { EngineModule } from '../engine-module';
import type { WorkflowDeps } from './deps';
import { startPeriodic } from './periodic';
import { sourceOrder } from './source-order';

/** One engine at a time walks the unroutable queue, so scarce stock goes to the first in priority. */
const RETRY_LOCK = 0x61746c79; // "atly"

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
  const qr = deps.ds.createQueryRunner();
  await qr.connect();
  try {
    const got: { ok: boolean }[] = await qr.query('SELECT pg_try_advisory_lock($1) AS ok', [RETRY_LOCK]);
    if (!got[0]?.ok) return [];
    try {
      const ids = await findUnroutableDue(deps.ds.manager, opts.retryMs, opts.limit);
      for (const id of ids) await sourceOrder(deps, id);
      return ids;
    } finally {
      await qr.query('SELECT pg_advisory_unlock($1)', [RETRY_LOCK]);
    }
  } finally {
    await qr.release();
  }
}

/** "Retry now" from the desk: sources one unroutable order at once and says what happened. */
export async function retryUnroutableNow(deps: WorkflowDeps, orderId: string): Promise<OutputOf<'unroutable.retry'>> {
  const rows: { status: string }[] = await deps.ds.query('SELECT status FROM orders WHERE id = $1', [orderId]);
  if (!rows[0]) throw new AppError('NOT_FOUND', `No order with id ${orderId}`);
  if (rows[0].status !== 'unfillable')
    throw new AppError('ILLEGAL_TRANSITION', `The order is "${rows[0].status}", not waiting in the unroutable queue; refresh the list`);
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

/** The unroutable queue's engine module: its retry loop (the sweeper leaves unfillable orders to it). */
export const unroutableModule: EngineModule = {
  name: 'unroutable',
  background: (ctx) => startUnroutableRetry(ctx),
};
