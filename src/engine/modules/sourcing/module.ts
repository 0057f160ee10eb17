import { AppError, type sourcingContract, type sourcingOpsContract } from '../../../shared';
import { inTransaction } from '../../db/data-source';
import { defineModule } from '../../kernel/define-module';
import { SOURCE_ORDER_JOB } from '../../ports/job-queue.port';
import { activateDraft, forgetActiveProfiles, listProfiles, saveDraft } from './profile.store';
import { listUnroutable } from './sourcing-ops.store';
import { forgetNetwork } from './sourcing.store';
import { overrideOptions, overrideSourcing } from './workflows/override-sourcing';
import { reoptimisePass, startReoptimiser } from './workflows/reoptimise';
import { simulateRouting } from './workflows/routing-sim';
import { sourceOrder } from './source-order';
import { startSweeper } from './workflows/sweeper';
import { retryUnroutableNow, startUnroutableRetry } from './workflows/unroutable';

/**
 * Sourcing: where each order is fulfilled. Versioned profiles (drafts, activation) and the routing
 * simulator; the source-order job and the sweeper that re-enqueues lost orders; a periodic
 * re-optimisation of orders not yet on the floor; supervisor overrides; the unroutable queue and
 * its retries; backorder policies for what no location has.
 */
export const sourcingModule = defineModule<keyof typeof sourcingContract | keyof typeof sourcingOpsContract>({
  name: 'sourcing',
  handlers: {
    'sourcing.profiles.list': (ctx) => listProfiles(ctx.ds.manager),
    'sourcing.profiles.saveDraft': (ctx, input, actor) => saveDraft(ctx.ds.manager, input, actor),
    'sourcing.profiles.activate': async (ctx, { id }) => {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND', `No sourcing profile with id ${id}`);
      const p = await inTransaction(ctx.ds, (m) => activateDraft(m, id));
      forgetActiveProfiles(ctx.ds);
      return p;
    },
    'sourcing.simulate': (ctx, input) => {
      if (!/^[0-9a-f-]{36}$/i.test(input.draftId)) throw new AppError('NOT_FOUND', `No sourcing profile with id ${input.draftId}`);
      return simulateRouting(ctx, input);
    },
    'sourcing.reoptimise': (ctx) => reoptimisePass(ctx, { limit: 500, minAgeMs: 0 }),
    'sourcing.overrideOptions': (ctx, { orderId }) => overrideOptions(ctx, orderId),
    'sourcing.override': (ctx, input, actor) => overrideSourcing(ctx, input, actor),
    'unroutable.list': (ctx, { limit }) => listUnroutable(ctx.ds.manager, limit),
    'unroutable.retry': (ctx, { orderId }) => retryUnroutableNow(ctx, orderId),
  },
  // A location changed: the network sourcing caches is read again.
  start: (ctx) => ({ stop: ctx.bus.subscribe((e) => e.type === 'locations.changed' && forgetNetwork(ctx.ds)) }),
  jobs: (ctx) => ({ [SOURCE_ORDER_JOB]: async (orderId) => void (await sourceOrder(ctx, orderId)) }),
  loops: (ctx) => [startSweeper(ctx), startReoptimiser(ctx), startUnroutableRetry(ctx)],
});
