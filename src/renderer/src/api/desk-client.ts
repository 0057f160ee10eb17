import { contract, type DeskApi, type Endpoint, type InputOf, type OutputOf } from '../../../shared';
import { errorFromBody, toEngineError, unreachableError, type EngineError } from './engine-error';
import { createEventSocket, eventsUrl, type ConnectionState, type DeskEvent } from './event-socket';

export { EngineError } from './engine-error';
export { RESYNC, type ConnectionState, type DeskEvent } from './event-socket';

/**
 * Hears every failed call before the caller does; it may answer a better error to throw instead
 * (the session uses this: UNAUTHORIZED ends the session on screen, FORBIDDEN is explained in the
 * user's language and role).
 */
export type CallFailureListener = (endpoint: Endpoint, error: EngineError) => EngineError | void;

/** The contract plus what the desk needs beyond it: resync signals, the live connection's state, failures. */
export interface DeskClient extends DeskApi {
  /** Engine events and {@link RESYNC}. Returns an unsubscribe function. */
  onDeskEvent(listener: (e: DeskEvent) => void): () => void;
  onConnection(listener: (s: ConnectionState) => void): () => void;
  onCallFailed(listener: CallFailureListener): () => void;
  /** The session changed (signed in): reopen the live stream now, as this session. */
  reconnectEvents(): void;
}

function connectionHub() {
  let state: ConnectionState = 'connecting';
  const listeners = new Set<(s: ConnectionState) => void>();
  return {
    set(s: ConnectionState) {
      state = s;
      listeners.forEach((l) => l(s));
    },
    on(l: (s: ConnectionState) => void) {
      listeners.add(l);
      l(state);
      return () => void listeners.delete(l);
    },
  };
}

function failureHub() {
  const listeners = new Set<CallFailureListener>();
  return {
    on(l: CallFailureListener) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    /** The error to throw: the last listener's replacement, or the error itself. */
    failed(endpoint: Endpoint, error: EngineError): EngineError {
      let out = error;
      for (const l of [...listeners]) out = l(endpoint, out) ?? out;
      return out;
    },
  };
}

/** Outputs are checked against the contract; a drifted answer is used anyway but reported, so the desk keeps working. */
function checked<E extends Endpoint>(endpoint: E, body: unknown): OutputOf<E> {
  const parsed = contract[endpoint].output.safeParse(body);
  if (parsed.success) return parsed.data as OutputOf<E>;
  console.warn(`[atalaya] ${endpoint} answered outside the contract`, parsed.error.issues.slice(0, 5));
  return body as OutputOf<E>;
}

/**
 * The browser transport: `POST /api/v1/desk/<endpoint>` and one WebSocket at `/api/v1/events`.
 * The session is an HttpOnly cookie the browser sends itself (same origin); the page never sees it.
 */
export function createHttpDeskClient(origin: string): DeskClient {
  const connection = connectionHub();
  const failures = failureHub();
  const socket = createEventSocket(() => eventsUrl(origin), connection.set);
  return {
    async call<E extends Endpoint>(endpoint: E, input: InputOf<E>): Promise<OutputOf<E>> {
      let res: Response;
      try {
        res = await fetch(new URL(`/api/v1/desk/${endpoint}`, origin), {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (e) {
        throw failures.failed(endpoint, unreachableError(e));
      }
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) throw failures.failed(endpoint, errorFromBody(res.status, body, res.headers.get('Retry-After')));
      return checked(endpoint, body);
    },
    onEvent: (listener) => socket.subscribe((e) => e.type !== 'desk.resync' && listener(e)),
    onDeskEvent: (listener) => socket.subscribe(listener),
    onConnection: connection.on,
    onCallFailed: failures.on,
    reconnectEvents: () => socket.reconnect(),
  };
}

/** The Electron transport: the preload bridge; its errors are normalised to carry the engine's fields. */
export function fromBridge(bridge: DeskApi): DeskClient {
  const connection = connectionHub();
  const failures = failureHub();
  connection.set('live');
  return {
    async call(endpoint, input) {
      try {
        return await bridge.call(endpoint, input);
      } catch (e) {
        throw failures.failed(endpoint, toEngineError(e));
      }
    },
    onEvent: (l) => bridge.onEvent(l),
    onDeskEvent: (l) => bridge.onEvent(l),
    onConnection: connection.on,
    onCallFailed: failures.on,
    // The main process forwards the events its signed-in window may hear; nothing to reopen here.
    reconnectEvents: () => {},
  };
}

/** The one client the desk uses: the Electron bridge when present, else HTTP + WebSocket to the page's origin. */
export const desk: DeskClient =
  typeof window !== 'undefined' && window.atalaya
    ? fromBridge(window.atalaya)
    : createHttpDeskClient(typeof window !== 'undefined' ? window.location.href : 'http://localhost/');
