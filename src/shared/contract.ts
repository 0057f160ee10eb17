import type { z } from 'zod';
import { channelsContract } from './channels.contract';
import { demoContract } from './demo.contract';
import { entryContract } from './entry.contract';
import type { EngineEvent } from './events';
import { floorContract } from './floor.contract';
import { identityContract } from './identity.contract';
import { importsContract } from './imports.contract';
import { inventoryContract } from './inventory.contract';
import { locationsContract } from './locations.contract';
import { ordersContract } from './orders.contract';
import type { Role } from './roles';
import { sourcingContract } from './sourcing.contract';
import { sourcingOpsContract } from './sourcing-ops.contract';
import { systemContract } from './system.contract';
import { printingContract } from './printing.contract';
import { pickingContract } from './picking.contract';
import { pickupContract } from './pickup.contract';
import { notificationsContract } from './notifications.contract';
import { productsContract } from './products.contract';
import { shippingContract } from './shipping.contract';
import { returnsContract } from './returns.contract';
import { exceptionsContract } from './exceptions.contract';

/**
 * What one endpoint declares, in one place: whether it reads or changes something, the roles that
 * may call it, what it takes and what it answers. Nothing else in the code base spells an
 * endpoint's roles or schemas again; the engine's dispatcher, the preload's list and the desk's
 * role checks are derived from here.
 */
export interface EndpointSpec {
  kind: 'query' | 'command';
  roles: readonly Role[];
  input: z.ZodType;
  output: z.ZodType;
}

/**
 * The one contract between a desk and the engine. Each endpoint is named by domain and verb; each
 * engine module has its part in `<module>.contract.ts`. Both transports (Electron IPC and HTTP +
 * WebSocket) serve exactly this map, and both parse every input with its schema before a handler
 * runs — the renderer is untrusted.
 */
export const contract = {
  ...ordersContract,
  ...locationsContract,
  ...channelsContract,
  ...importsContract,
  ...entryContract,
  ...inventoryContract,
  ...sourcingContract,
  ...sourcingOpsContract,
  ...floorContract,
  ...systemContract,
  ...demoContract,
  ...identityContract,
  ...productsContract,
  ...pickingContract,
  ...pickupContract,
  ...printingContract,
  ...shippingContract,
  ...notificationsContract,
  ...returnsContract,
  ...exceptionsContract,
} as const satisfies Record<string, EndpointSpec>;

export type Contract = typeof contract;
export type Endpoint = keyof Contract;
export type InputOf<E extends Endpoint> = z.input<Contract[E]['input']>;
export type ParsedInputOf<E extends Endpoint> = z.output<Contract[E]['input']>;
export type OutputOf<E extends Endpoint> = z.output<Contract[E]['output']>;

export const ENDPOINTS = Object.keys(contract) as Endpoint[];

export function isEndpoint(name: string): name is Endpoint {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** The roles that may call an endpoint, as the contract declares them. */
export function rolesFor(endpoint: Endpoint): readonly Role[] {
  return contract[endpoint].roles;
}

/** Whether someone with `role` may call `endpoint` — the engine's check, and the desk's for showing an action. */
export function mayCall(role: string | undefined, endpoint: Endpoint): boolean {
  return !!role && (contract[endpoint].roles as readonly string[]).includes(role);
}

/** What a desk needs from a transport: call an endpoint, hear engine events. */
export interface DeskApi {
  call<E extends Endpoint>(endpoint: E, input: InputOf<E>): Promise<OutputOf<E>>;
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
}
