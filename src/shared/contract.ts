import { z } from 'zod';
import { channelContract } from './channel.contract';
import { LocationHealthSchema } from './location.schema';
import { OrderDetailSchema, OrderInputSchema, OrderListQuerySchema, OrderPageSchema, OrderSchema } from './order.schema';
import { OrderStatusSchema } from './order.schema';
import type { EngineEvent } from './events';
import { entryContract } from './entry.contract';
import { importContract } from './import.contract';
import { inventoryContract } from './inventory.contract';
import { sourcingContract } from './sourcing.contract';
import { sourcingOpsContract } from './sourcing-ops.contract';
import { floorContract } from './floor.contract';

/**
 * The one contract between a desk and the engine. Each endpoint is named by domain and verb and
 * declares the schema of what it takes and what it answers. Both transports (Electron IPC and
 * HTTP + WebSocket) serve exactly this map, and both parse every input with its schema before a
 * handler runs — the renderer is untrusted.
 */
export const contract = {
  ...channelContract,
  ...importContract,
  ...entryContract,
  'orders.create': {
    kind: 'command',
    input: z.object({ order: OrderInputSchema, idempotencyKey: z.string().min(1).max(200).optional() }),
    output: z.object({ order: OrderSchema, replayed: z.boolean() }),
  },
  'orders.list': { kind: 'query', input: OrderListQuerySchema, output: OrderPageSchema },
  'orders.get': { kind: 'query', input: z.object({ id: z.string().min(1).max(64) }), output: OrderDetailSchema },
  'orders.advance': {
    kind: 'command',
    input: z.object({ id: z.string().min(1).max(64), to: OrderStatusSchema, reason: z.string().max(500).optional() }),
    output: OrderSchema,
  },
  'orders.cancel': {
    kind: 'command',
    input: z.object({ id: z.string().min(1).max(64), reason: z.string().trim().min(1).max(500) }),
    output: OrderSchema,
  },
  'locations.list': { kind: 'query', input: z.object({}).default({}), output: z.array(LocationHealthSchema) },
  'system.health': {
    kind: 'query',
    input: z.object({}).default({}),
    output: z.object({
      ok: z.boolean(),
      database: z.object({ ok: z.boolean(), latencyMs: z.number().nullable(), error: z.string().optional() }),
      queue: z.object({
        ok: z.boolean(),
        backend: z.enum(['redis', 'postgres']),
        waiting: z.number().nullable(),
        error: z.string().optional(),
      }),
      version: z.string(),
    }),
  },
  'system.settings': {
    kind: 'query',
    input: z.object({}).default({}),
    output: z.object({ tileUrl: z.string().nullable(), simulatorRate: z.number(), user: z.object({ name: z.string(), role: z.string() }) }),
  },
  'demo.simulate': {
    kind: 'command',
    input: z.object({ ordersPerMinute: z.number().min(0).max(6000) }),
    output: z.object({ ordersPerMinute: z.number() }),
  },
  ...inventoryContract,
  ...sourcingContract,
  ...sourcingOpsContract,
  ...floorContract,
} as const;

export type Contract = typeof contract;
export type Endpoint = keyof Contract;
export type InputOf<E extends Endpoint> = z.input<Contract[E]['input']>;
export type ParsedInputOf<E extends Endpoint> = z.output<Contract[E]['input']>;
export type OutputOf<E extends Endpoint> = z.output<Contract[E]['output']>;

export const ENDPOINTS = Object.keys(contract) as Endpoint[];

export function isEndpoint(name: string): name is Endpoint {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** What a desk needs from a transport: call an endpoint, hear engine events. */
export interface DeskApi {
  call<E extends Endpoint>(endpoint: E, input: InputOf<E>): Promise<OutputOf<E>>;
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
}
