import { inTransaction } from '../../../db/data-source';
import { expireReservations } from '../stock.store';
import { SYSTEM_ACTOR, type WorkflowDeps } from '../../../kernel/context';
import { startPeriodic } from '../../../kernel/periodic';

/** Releases every reservation whose TTL has passed, in batches; answers how many. Safe to run on many nodes at once. */
export async function expireDueReservations(deps: Pick<WorkflowDeps, 'ds'>, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await inTransaction(deps.ds, (m) => expireReservations(m, batch, SYSTEM_ACTOR));
    total += n;
    if (n < batch) return total;
  }
}

/** The expiry sweeper: a background loop on worker nodes. */
export function startReservationExpiry(deps: WorkflowDeps, everyMs = 5_000): { stop(): void } {
  return startPeriodic(deps.log, 'reservation expiry', everyMs, async () => {
    const n = await expireDueReservations(deps);
    if (n) deps.log.info({ count: n }, 'released expired reservations');
  });
}
