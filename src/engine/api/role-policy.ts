import type { Endpoint } from '../../shared';
import type { Role } from '../engine.types';
import { channelRoles } from './channel.handlers';
import { entryRoles } from './entry.handlers';
import { importRoles } from './import.handlers';
import { inventoryRoles } from './inventory.handlers';
import { sourcingRoles } from './sourcing.handlers';
import { sourcingOpsRoles } from './sourcing-ops.handlers';
import { floorRoles } from './floor.handlers';

const ALL: readonly Role[] = ['planner', 'supervisor', 'associate', 'integrator', 'system'];

/** Which roles may call each endpoint. A new endpoint must be listed here or the build fails. */
export const ROLE_POLICY: Readonly<Record<Endpoint, readonly Role[]>> = {
  ...channelRoles,
  ...importRoles,
  ...entryRoles,
  'orders.create': ALL,
  'orders.list': ALL,
  'orders.get': ALL,
  'orders.advance': ['planner', 'supervisor', 'associate', 'system'],
  'orders.cancel': ['planner', 'supervisor', 'system'],
  'locations.list': ALL,
  'system.health': ALL,
  'system.settings': ALL,
  'demo.simulate': ['planner', 'supervisor'],
  ...inventoryRoles,
  ...sourcingRoles,
  ...sourcingOpsRoles,
  ...floorRoles,
};
