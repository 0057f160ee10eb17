import { findStaleInbox, pruneInbox } from './inbox.store';
import type { channelsContract } from '../../../shared';
import type { ModuleContext } from '../../kernel/context';
import { defineModule } from '../../kernel/define-module';
import { channelsHandlers } from './channels.handlers';
import { processInbox, processInboxBatch } from './workflows/inbox-process';
import { startPeriodic } from '../../kernel/periodic';
import { PROCESS_INBOX_JOB } from './inbox-receive';

/** Settled inbox rows (processed, ignored, discarded) are kept this long; open ones forever. */
export const INBOX_RETENTION_DAYS = 30;

/**
 * The safety net behind the inbox queue: rows still `received` long after they arrived (their job
 * was lost with a crash or a flushed Redis, or failed for good) are queued again; a row whose job
 * is merely waiting in a backlog is left alone (see JobQueue.requeue).
 */
export function startInboxSweeper(
  ctx: ModuleContext,
  opts = { everyMs: 5_000, staleMs: 15_000, retentionDays: INBOX_RETENTION_DAYS },
): { stop(): void } {
  let passes = 0;
  return startPeriodic(ctx.log, 'inbox sweeper', opts.everyMs, async () => {
    let queued = 0;
    for (const id of await findStaleInbox(ctx.ds.manager, opts.staleMs, 1000))
      if ((await ctx.queue.requeue(PROCESS_INBOX_JOB, id)) !== 'live') queued++;
    if (queued) ctx.log.info({ count: queued }, 'inbox sweeper queued rows whose job was lost or had failed');
    // About hourly: settled rows past the retention go (their orders keep the canonical data and raw order).
    if (++passes % 720 === 0) await pruneInbox(ctx.ds.manager, opts.retentionDays);
  });
}

/**
 * Channels and their intake: channel admin (settings, secrets, API keys, pause), the inbox every
 * delivery is committed to, its quarantine and replay, SKU mappings, the process-inbox job and
 * its sweeper. Webhook traffic reaches it through `createChannelIntake` (the HTTP host's door).
 */
export const channelsModule = defineModule<keyof typeof channelsContract>({
  name: 'channels',
  handlers: channelsHandlers,
  // A job's key is one inbox row id, or several received together (comma-separated).
  jobs: (ctx) => ({
    [PROCESS_INBOX_JOB]: async (key) =>
      void (key.includes(',') ? await processInboxBatch(ctx, key.split(',')) : await processInbox(ctx, key)),
  }),
  loops: (ctx) => [startInboxSweeper(ctx)],
});
