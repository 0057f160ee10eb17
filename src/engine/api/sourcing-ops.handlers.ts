import type { sourcingOpsContract } from '../../shared';
import type { Role } from '../engine.types';
import { listUnroutable } from '../adapters/db/sourcing-ops-store';
import { overrideOptions, overrideSourcing } from '../workflows/override-sourcing';
import { rejectFulfilment } from '../workflows/reject-fulfilment';
import { reportPick } from '../workflows/short-pick';
import { retryUnroutableNow } from '../workflows/unroutable';
import type { HandlersFor } from './handler.types';

type SourcingOpsEndpoint = keyof typeof sourcingOpsContract;

/** Supervisor override, store rejections, short picks and the unroutable queue. */
export const sourcingOpsHandlers: HandlersFor<SourcingOpsEndpoint> = {
  'sourcing.overrideOptions': (ctx, { orderId }) => overrideOptions(ctx, orderId),
  'sourcing.override': (ctx, input, actor) => overrideSourcing(ctx, input, actor),
  'fulfilment.reject': (ctx, input, actor) => rejectFulfilment(ctx, input, actor),
  'fulfilment.shortPick': (ctx, input, actor) => reportPick(ctx, input, actor),
  'unroutable.list': (ctx, { limit }) => listUnroutable(ctx.ds.manager, limit),
  'unroutable.retry': (ctx, { orderId }) => retryUnroutableNow(ctx, orderId),
};

/** Only supervisors overrule the engine; the floor (and planners on its behalf) reports rejections and picks. */
export const sourcingOpsRoles: Record<SourcingOpsEndpoint, readonly Role[]> = {
  'sourcing.overrideOptions': ['supervisor'],
  'sourcing.override': ['supervisor'],
  'fulfilment.reject': ['associate', 'planner', 'supervisor'],
  'fulfilment.shortPick': ['associate', 'planner', 'supervisor'],
  'unroutable.list': ['planner', 'supervisor'],
  'unroutable.retry': ['planner', 'supervisor'],
};
