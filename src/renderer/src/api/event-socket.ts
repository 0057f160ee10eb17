import { EngineEventSchema, type EngineEvent } from '../../../shared';

/** A synthetic event: the desk may have missed engine events (it reconnected), so refetch everything. */
export const RESYNC = { type: 'desk.resync' } as const;
export type DeskEvent = EngineEvent | typeof RESYNC;
export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/** Backoff before reconnect attempt `n` (1-based): 0.5 s doubling to a 10 s ceiling, with ±20 % jitter so many desks do not stampede. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** One engine event from a WebSocket message, or undefined when it is not valid JSON or not a contract event. */
export function parseEventMessage(data: unknown): EngineEvent | undefined {
  if (typeof data !== 'string') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  const parsed = EngineEventSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export function eventsUrl(pageUrl: string, path = '/api/v1/events'): string {
  const url = new URL(path, pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * The live event stream: one WebSocket, opened on the first listener, reconnected with backoff;
 * after a reconnect, listeners get {@link RESYNC} so nothing missed stays stale.
 */
export function createEventSocket(url: () => string, onState: (s: ConnectionState) => void) {
  const listeners = new Set<(e: DeskEvent) => void>();
  let started = false;
  let attempt = 0;
  let everOpen = false;
  let current: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const emit = (e: DeskEvent) => listeners.forEach((l) => l(e));
  const connect = () => {
    onState(everOpen ? 'reconnecting' : 'connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(url());
    } catch {
      timer = setTimeout(connect, reconnectDelay(++attempt));
      return;
    }
    current = ws;
    ws.onopen = () => {
      const missed = everOpen || attempt > 0;
      attempt = 0;
      everOpen = true;
      onState('live');
      if (missed) emit(RESYNC);
    };
    ws.onmessage = (m) => {
      const event = parseEventMessage(m.data);
      if (event) emit(event);
    };
    ws.onclose = () => {
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
      attempt = Math.max(attempt, 1); // a fresh stream: what was shown may be stale, so listeners get the resync
      connect();
    },
  };
}
