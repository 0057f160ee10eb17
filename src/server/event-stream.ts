import type { WebSocket } from 'ws';
import { LIVE_CATCH_UP_MAX, type EngineEvent, type LiveMessage } from '../shared';
import { compareEventPositions, type Engine } from '../engine';

/** Events read per page while a desk catches up. */
const CATCH_UP_PAGE = 2000;
const PLACE = /^\d{1,20}:\d{1,20}$/;

/**
 * Sends one socket the engine's events it may hear, each with its place in the outbox. With `after`
 * (the last place a reconnecting desk applied), what came after it is read from the outbox and sent
 * first; live events heard meanwhile wait in order and are sent after it, those already sent dropped,
 * so the desk gets every event once and in order. When the gap cannot be replayed (not a place, more
 * than {@link LIVE_CATCH_UP_MAX} events, the read failed) the desk is told to resync and gets the live
 * events from here. Returns the unsubscribe.
 */
export function streamEvents(
  engine: Pick<Engine, 'onEvent' | 'eventsAfter'>,
  socket: Pick<WebSocket, 'send' | 'readyState' | 'OPEN'>,
  mayHear: (e: EngineEvent) => boolean,
  after: string | undefined,
  onCatchUpFailed: (e: unknown) => void = () => undefined,
): () => void {
  let sentUpTo = after && PLACE.test(after) ? after : undefined;
  let waiting: { event: EngineEvent; at: string }[] | null = after === undefined ? null : [];
  const send = (m: LiveMessage) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(m));
  const deliver = (event: EngineEvent, at: string) => {
    if (sentUpTo !== undefined && compareEventPositions(at, sentUpTo) <= 0) return;
    sentUpTo = at;
    if (mayHear(event)) send({ at, event });
  };
  const off = engine.onEvent((event, at) => (waiting ? waiting.push({ event, at }) : deliver(event, at)));
  let stopped = false;

  const catchUp = async () => {
    let from = sentUpTo;
    if (from === undefined) return false;
    for (let read = 0; read <= LIVE_CATCH_UP_MAX;) {
      const page = await engine.eventsAfter(from, CATCH_UP_PAGE);
      if (!page || read + page.events.length > LIVE_CATCH_UP_MAX) return false;
      if (stopped) return true;
      for (const { event, at } of page.events) deliver(event, at);
      read += page.events.length;
      from = page.last;
      if (!page.more) return true;
    }
    return false;
  };
  if (waiting) {
    void catchUp()
      .catch((e: unknown) => (onCatchUpFailed(e), false))
      .then((caughtUp) => {
        if (!caughtUp) {
          // What was missed is unknown: the desk refetches, then applies what follows.
          send({ resync: true });
        }
        const held = waiting ?? [];
        waiting = null;
        for (const { event, at } of held) deliver(event, at);
      });
  }
  return () => {
    stopped = true;
    off();
  };
}
