import type { floorContract } from '../../shared';
import type { Role } from '../engine.types';
import { listOpenFulfilments } from '../adapters/db/floor-store';
import type { HandlersFor } from './handler.types';

type FloorEndpoint = keyof typeof floorContract;

/** The store floor's desk: what a location has to pick. Its actions are fulfilment.shortPick / fulfilment.reject. */
export const floorHandlers: HandlersFor<FloorEndpoint> = {
  'floor.openFulfilments': (ctx, { locationId, limit }) => listOpenFulfilments(ctx.ds.manager, locationId, limit),
};

export const floorRoles: Record<FloorEndpoint, readonly Role[]> = {
  'floor.openFulfilments': ['associate', 'planner', 'supervisor'],
};
