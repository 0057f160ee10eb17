import { contract, type DeskApi, type Endpoint, type InputOf, type OutputOf } from '../../../shared';
import { errorFromBody, toEngineError } from './engine-error';
import { createEventSocket, eventsUrl, type ConnectionState, type DeskEvent } from './event-socket';

export { EngineError } from './engine-error';
export { RESYNC, type ConnectionState, type DeskEvent } from './event-socket';

/** The contract plus what the desk needs beyond it: resync signals and the live connection's state. */
export interface DeskClient extends DeskApi {
  /** Engine events and {@link RESYNC}. Returns an unsubscribe function. */
  onDeskEvent(listener: (e: DeskEvent) => void): () => void;
  onConnection(listener: (s: ConnectionState) => void): () => void;
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

/** Outputs are checked against the contract; a drifted answer is used anyway but reported, so the desk keeps working. */
function checked<E extends Endpoint>(endpoint: E, body: unknown): OutputOf<E> {
  const parsed = contract[endpoint].output.safeParse(body);
  if (parsed.success) return parsed.data as OutputOf<E>;
  console.warn(`[atalaya] ${endpoint} answered outside the contract`, parsed.error.issues.slice(0, 5));
  return body as OutputOf<E>;
}

/** The browser transport: `POST /api/v1/desk/<endpoint>` and one WebSocket at `/api/v1/events`. */
export function createHttpDeskClient(origin: string): DeskClient {
  const connection = connectionHub();
  const socket = createEventSocket(() => eventsUrl(origin), connection.set);
  return {
    async call<E extends Endpoint>(endpoint: E, input: InputOf<E>): Promise<OutputOf<E>> {
      let res: Response;
      try {
        res = await fetch(new URL(`/api/v1/desk/${endpoint}`, origin), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (e) {
        throw toEngineError({
          code: 'UNAVAILABLE',
          message: `The engine cannot be reached (${e instanceof Error ? e.message : String(e)})`,
        });
      }
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) throw errorFromBody(res.status, body);
      return checked(endpoint, body);
    },
    onEvent: (listener) => socket.subscribe((e) => e.type !== 'desk.resync' && listener(e)),
    onDeskEvent: (listener) => socket.subscribe(listener),
    onConnection: connection.on,
  };
}

/** The Electron transport: the preload bridge; its errors are normalised to carry the engine's fields. */
export function fromBridge(bridge: DeskApi): DeskClient {
  const connection = connectionHub();
  connection.set('live');
  return {
    async call(endpoint, input) {
      try {
        return await bridge.call(endpoint, input);
      } catch (e) {
        throw toEngineError(e);
      }
    },
    onEvent: (l) => bridge.onEvent(l),
    onDeskEvent: (l) => bridge.onEvent(l),
    onConnection: connection.on,
  };
}

/** The one client the desk uses: the Electron bridge when present, else HTTP + WebSocket to the page's origin. */
export const desk: DeskClient =
  typeof window !== 'undefined' && window.atalaya
    ? fromBridge(window.atalaya)
    : createHttpDeskClient(typeof window !== 'undefined' ? window.location.href : 'http://localhost/');
