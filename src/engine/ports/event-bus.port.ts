import type { EngineEvent } from '../../shared';

/**
 * Where committed engine events come from. The default (the Postgres outbox relay) hears every engine
 * on the same database, so what one desk does shows on all of them.
 *
 * `at` is the event's place in the durable outbox (`<tx>:<id>`, opaque to listeners): a live stream
 * sends it with each event, and a desk that reconnects asks {@link EventBus.replay} for what came after
 * the last one it applied, so nothing is missed or applied twice.
 */
export interface EventBus {
  subscribe(listener: (event: EngineEvent, at: string) => void): () => void;
  /**
   * Up to `limit` committed events after `after`, in the order listeners hear them; undefined when `after`
   * is not a place in the outbox. Events this bus has not relayed yet may be among them: a caller
   * that also subscribes drops what it has already sent (compare with {@link compareEventPositions}).
   */
  replay(after: string, limit: number): Promise<EventReplay | undefined>;
  close(): Promise<void>;
}

/** A page of the outbox for a desk catching up: its events, where the page ended, whether more follow. */
export interface EventReplay {
  events: { event: EngineEvent; at: string }[];
  /** The place of the page's last row (or `after` when it was empty): the next page starts here. */
  last: string;
  more: boolean;
}

/** Orders two `at` places of the outbox (`<tx>:<id>`): negative when `a` comes first. */
export function compareEventPositions(a: string, b: string): number {
  const [atx = 0n, aid = 0n] = a.split(':').map((x) => BigInt(x));
  const [btx = 0n, bid = 0n] = b.split(':').map((x) => BigInt(x));
  return atx !== btx ? (atx < btx ? -1 : 1) : aid === bid ? 0 : aid < bid ? -1 : 1;
}
