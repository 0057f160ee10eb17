import type { EngineEvent } from '../../shared';

/**
 * Where committed engine events come from. The default (the Postgres outbox relay) hears every engine
 * on the same database, so what one desk does shows on all of them.
 */
export interface EventBus {
  subscribe(listener: (event: EngineEvent) => void): () => void;
  close(): Promise<void>;
}
