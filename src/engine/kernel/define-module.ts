import type { Actor, Endpoint, OutputOf, ParsedInputOf } from '../../shared';
import type { JobProcessor } from '../ports/job-queue.port';
import type { ModuleContext } from './context';

/** What an in-engine caller adds to a contract call, never a transport: the inbox row a REST request was committed to. */
export interface InternalCall {
  settleInbox?: { id: string; actor: string };
}

/** The implementation of one endpoint: its input is already parsed by the contract and the actor's role checked. */
export type Handler<E extends Endpoint> = (
  ctx: ModuleContext,
  input: ParsedInputOf<E>,
  actor: Actor,
  internal?: InternalCall,
) => Promise<OutputOf<E>>;

/** The handlers of one part of the contract, e.g. `HandlersFor<keyof typeof ordersContract>`. */
export type HandlersFor<K extends Endpoint> = { [E in K]: Handler<E> };

/** Something a module started and the engine stops on close (in reverse start order). */
export interface Stoppable {
  stop(): void | Promise<void>;
}

/**
 * One capability of the engine — orders, channels, inventory, sourcing, the floor… — declared in
 * one place: the endpoints it serves (its part of the contract), what it starts on every node, the
 * job kinds it processes and the background loops it runs. `modules.ts` lists every module; the
 * engine's dispatcher, workers and loops are built from that list, so adding a capability touches
 * its own folder, its contract file and that one list.
 */
export interface EngineModule<K extends Endpoint = Endpoint> {
  name: string;
  /** Every endpoint of the module's contract file; a missing one is a build error. */
  handlers: HandlersFor<K>;
  /** Runs on every node before any loop (caches, event subscriptions, the demo seed), in list order. */
  start?(ctx: ModuleContext): Promise<Stoppable | void> | Stoppable | void;
  /** Job kind → processor. Worker nodes only (`config.workers`). */
  jobs?(ctx: ModuleContext): Record<string, JobProcessor>;
  /** Per-kind worker concurrency, when not the engine's default. */
  concurrency?: Record<string, number>;
  /** Sweepers, expiry timers, folder watchers: worker nodes only. Each must not throw; log and go on. */
  loops?(ctx: ModuleContext): Stoppable[];
}

/** Declares a module; `K` names the endpoints it serves (`keyof typeof <module>Contract`). */
export function defineModule<K extends Endpoint>(module: EngineModule<K>): EngineModule<K> {
  return module;
}

/** The endpoints a list of modules serves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ServedBy<M extends readonly EngineModule<any>[]> = M[number] extends infer X
  ? X extends EngineModule<infer K>
    ? K
    : never
  : never;
