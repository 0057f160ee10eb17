import { AppError, type sourcingContract } from '../../shared';
import { inTransaction } from '../adapters/db/data-source';
import { activateDraft, forgetActiveProfiles, listProfiles, saveDraft } from '../adapters/db/profile-store';
import type { Role } from '../engine.types';
import { reoptimisePass } from '../workflows/reoptimise';
import { simulateRouting } from '../workflows/routing-sim';
import type { HandlersFor } from './handler.types';

type SourcingEndpoint = keyof typeof sourcingContract;

/** Sourcing profiles (drafts, activation), the routing simulator and an on-demand re-optimisation pass. */
export const sourcingHandlers: HandlersFor<SourcingEndpoint> = {
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
};

/** Supervisors change how the network routes; planners may look and simulate. */
export const sourcingRoles: Record<SourcingEndpoint, readonly Role[]> = {
  'sourcing.profiles.list': ['planner', 'supervisor', 'system'],
  'sourcing.profiles.saveDraft': ['supervisor'],
  'sourcing.profiles.activate': ['supervisor'],
  'sourcing.simulate': ['planner', 'supervisor'],
  'sourcing.reoptimise': ['supervisor', 'system'],
};
