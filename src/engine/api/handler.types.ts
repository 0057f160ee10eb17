import type { Endpoint, OutputOf, ParsedInputOf } from '../../shared';
import type { ModuleContext } from '../engine-module';
import type { Actor } from '../engine.types';

/** What every handler gets: the engine's dependencies plus its health and the demo simulator. */
export interface HandlerContext extends ModuleContext {
  version: string;
  health(): Promise<OutputOf<'system.health'>>;
  simulator: { rate(): number; setRate(perMinute: number): void };
}

/** What an in-engine caller adds to a contract call, never a transport: the inbox row a REST request was committed to. */
export interface InternalCall {
  settleInbox?: { id: string; actor: string };
}

export type Handler<E extends Endpoint> = (
  ctx: HandlerContext,
  input: ParsedInputOf<E>,
  actor: Actor,
  internal?: InternalCall,
) => Promise<OutputOf<E>>;

/** The handlers of one area of the contract, e.g. `HandlersFor<keyof typeof channelContract>`. */
export type HandlersFor<K extends Endpoint> = { [E in K]: Handler<E> };
