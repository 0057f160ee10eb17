import { LIVE_AFTER_PARAM, LiveMessageSchema, type EngineEvent } from '../../../shared';

/** A synthetic event: the desk may have missed engine events (it reconnected), so refetch everything. */
export const RESYNC = { type: 'desk.resync' } as const;
export type DeskEvent = EngineEvent | typeof RESYNC;
export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/** Backoff before reconnect attempt `n` (1-based): 0.5 s doubling to a 10 s ceiling, with ±20 % jitter so many desks do not stampede. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** One message of the live stream: an engine event with its place (`at`), or the server's resync. */
export type StreamMessage = { at: string; event: EngineEvent } | { resync: true };

/** One stream message from a WebSocket message, or undefined when it is not valid JSON or not in the contract. */
export function parseStreamMessage(data: unknown): StreamMessage | undefined {
  if (typeof data !== 'string') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  const parsed = LiveMessageSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** The engine event of a stream message, or undefined (a resync, or not a message of the contract). */
export function parseEventMessage(data: unknown): EngineEvent | undefined {
  const m = parseStreamMessage(data);
  return m && 'event' in m ? m.event : undefined;
}

/** Whether outbox place `a` comes after `b` (`<tx>:<id>`, compared as numbers). */
export function isAfter(a: string, b: string): boolean {
  const [atx = '0', aid = '0'] = a.split(':');
  const [btx = '0', bid = '0'] = b.split(':');
  const x = BigInt(atx) - BigInt(btx);
  return x !== 0n ? x > 0n : BigInt(aid) > BigInt(bid);
}

/**
 * A stream away longer than this reconnects fresh (and resyncs) instead of asking for what it missed:
 * the engine keeps its outbox for an hour, and a long gap is cheaper to refetch than to replay.
 */
export const CATCH_UP_WINDOW_MS = 10 * 60_000;

/** The stream's URL, naming the last place applied when the desk catches up. */
export function streamUrl(base: string, after: string | undefined): string {
  if (after === undefined) return base;
  const url = new URL(base);
  url.searchParams.set(LIVE_AFTER_PARAM, after);
  return url.toString();
}

export function eventsUrl(pageUrl: string, path = '/api/v1/events'): string {
  const url = new URL(path, pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * The live event stream: one WebSocket, opened on the first listener, reconnected with backoff. The
 * socket remembers the place of the last event it passed on; a reconnect within
 * {@link CATCH_UP_WINDOW_MS} asks the server for what came after it, so listeners get every event
 * once and in order, and hear {@link RESYNC} only when the server cannot replay the gap (or the gap is
 * too old, or the session changed) — then they refetch what they show.
 */
export function createEventSocket(url: () => string, onState: (s: ConnectionState) => void, clock: () => number = Date.now) {
  const listeners = new Set<(e: DeskEvent) => void>();
  let started = false;
  let attempt = 0;
  let everOpen = false;
  let current: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The place of the last event passed on, and when the stream last carried anything. */
  let lastAt: string | undefined;
  let lastHeard = 0;
  const emit = (e: DeskEvent) => listeners.forEach((l) => l(e));
  const connect = () => {
    onState(everOpen ? 'reconnecting' : 'connecting');
    const resume = lastAt !== undefined && clock() - lastHeard < CATCH_UP_WINDOW_MS ? lastAt : undefined;
    if (resume === undefined) lastAt = undefined;
    let ws: WebSocket;
    try {
      ws = new WebSocket(streamUrl(url(), resume));
    } catch {
      timer = setTimeout(connect, reconnectDelay(++attempt));
      return;
    }
    current = ws;
    ws.onopen = () => {
      const missed = everOpen || attempt > 0;
      attempt = 0;
      everOpen = true;
      lastHeard = clock();
      onState('live');
      // Resuming, the server replays the gap (or says resync itself); a fresh stream may have missed anything.
      if (missed && resume === undefined) emit(RESYNC);
    };
    ws.onmessage = (m) => {
      const message = parseStreamMessage(m.data);
      if (!message) return;
      lastHeard = clock();
      if (!('event' in message)) return emit(RESYNC);
      if (lastAt !== undefined && !isAfter(message.at, lastAt)) return; // already passed on
      lastAt = message.at;
      emit(message.event);
    };
    ws.onclose = () => {
      if (current === ws) current = null;
      if (everOpen) lastHeard = Math.max(lastHeard, clock());
      onState(everOpen ? 'reconnecting' : 'connecting');
      timer = setTimeout(connect, reconnectDelay(++attempt));
    };
  };
  return {
    subscribe(listener: (e: DeskEvent) => void): () => void {
      listeners.add(listener);
      if (!started) {
        started = true;
        connect();
      }
      return () => void listeners.delete(listener);
    },
    /**
     * Opens a new socket now, dropping the current one: the user signed in (or in again), and the
     * stream must carry what this session may hear — without waiting out a backoff of up to 10 s.
     */
    reconnect(): void {
      if (!started) return;
      clearTimeout(timer);
      if (current) {
        current.onclose = null;
        current.close();
        current = null;
      }
      lastAt = undefined; // another session may hear other things: start afresh, not from the last place
      attempt = Math.max(attempt, 1); // a fresh stream: what was shown may be stale, so listeners get the resync
      connect();
    },
  };
}
