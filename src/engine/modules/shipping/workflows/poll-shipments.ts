import { AppError } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { carrierFor, type LiveCarrier } from '../carrier-runtime';
import { pollingOver } from '../poll-schedule';
import { claimDuePolls, schedulePolls, type TrackedShipment } from '../tracked-shipments.store';
import { trackShipments } from './track-shipments';

/** Shipments claimed per pass, and how long a claim holds them (a node that dies mid-pass frees them after). */
const CLAIM = 500;
const LEASE_SECONDS = 300;
/** An account that cannot be used (deleted, a setting missing) is asked again after this long. */
const UNUSABLE_ACCOUNT_MS = 3600_000;

export interface PollResult {
  polled: number;
  failed: number;
  kept: number;
  applied: number;
}

/**
 * One polling pass at `now`: shipments whose next poll is due are claimed (SKIP LOCKED, so nodes
 * share the work), grouped by carrier account, fetched in batches and applied
 * ({@link trackShipments}); each gets its next poll. An account whose carrier cannot poll stops its
 * shipments' polling (webhooks bring their news); one that cannot be used is asked again in an hour.
 */
export async function pollDueShipments(ctx: ModuleContext, now: Date = new Date()): Promise<PollResult> {
  const due = await inTransaction(ctx.ds, (m) => claimDuePolls(m, now, CLAIM, LEASE_SECONDS));
  const out: PollResult = { polled: due.length, failed: 0, kept: 0, applied: 0 };
  const byAccount = new Map<string, TrackedShipment[]>();
  for (const s of due) byAccount.set(s.accountId, [...(byAccount.get(s.accountId) ?? []), s]);
  for (const [accountId, shipments] of byAccount) {
    let live: LiveCarrier;
    try {
      live = await carrierFor(ctx, accountId);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out.failed += shipments.length;
      await inTransaction(ctx.ds, (m) =>
        schedulePolls(
          m,
          shipments.map((s) => ({
            id: s.id,
            nextPollAt: new Date(now.getTime() + UNUSABLE_ACCOUNT_MS),
            pollAttempts: s.pollAttempts,
            lastError: `tracking: ${e.message}`,
          })),
        ),
      );
      continue;
    }
    if (!live.adapter.capabilities.polling) {
      await inTransaction(ctx.ds, (m) =>
        schedulePolls(
          m,
          shipments.map((s) => ({ id: s.id, nextPollAt: null, pollAttempts: s.pollAttempts, lastError: null })),
        ),
      );
      continue;
    }
    // A shipment past the 90 days is not asked about again.
    const quiet = shipments.filter((s) => pollingOver(s, now));
    if (quiet.length)
      await inTransaction(ctx.ds, (m) =>
        schedulePolls(
          m,
          quiet.map((s) => ({ id: s.id, nextPollAt: null, pollAttempts: s.pollAttempts, lastError: null })),
        ),
      );
    const asked = shipments.filter((s) => !quiet.includes(s));
    if (!asked.length) continue;
    const r = await trackShipments(ctx, live, asked, 'poll', now);
    out.failed += r.failed.size;
    out.kept += r.kept;
    out.applied += r.applied;
  }
  return out;
}
