import { contract, isEndpoint, type EngineEvent, type ErrorBody } from '../shared';
import type { Actor } from '../engine';
import type { FromEngine, ToEngine } from './engine-messages';

/** What a desk call comes back as: the output, or the contract's error body. */
export type CallReply = { ok: true; output: unknown } | { ok: false; error: ErrorBody['error'] };

export interface EngineRelayOptions {
  /** How long one call may take once the engine has it. */
  callTimeoutMs?: number;
  /** How long a call may wait for the engine to start; the first start creates the embedded database. */
  startTimeoutMs?: number;
}

interface Waiting {
  endpoint: string;
  input: unknown;
  actor: Actor;
  resolve(reply: CallReply): void;
  timer: ReturnType<typeof setTimeout>;
  /** Set once the call went to the engine: its correlation id. */
  id?: number;
}

const unavailable = (message: string): CallReply => ({ ok: false, error: { code: 'UNAVAILABLE', message } });

/** What to tell the person whose call a crash interrupted: a command may already have committed. */
const afterCrash = (endpoint: string) =>
  isEndpoint(endpoint) && contract[endpoint].kind === 'command'
    ? `${endpoint} may or may not have been applied — check, then try again`
    : 'try again';

/**
 * The main process's side of the engine link, free of electron so it is unit-tested: correlates
 * calls with results, bounds every call with a timeout, holds calls while the engine (re)starts,
 * and fails the calls a crashed engine was answering instead of letting them hang.
 * A call never rejects; every failure is a {@link CallReply} the page can show.
 */
export function createEngineRelay(options: EngineRelayOptions = {}) {
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;
  const startTimeoutMs = options.startTimeoutMs ?? 120_000;
  let send: ((m: ToEngine) => void) | undefined;
  let ready = false;
  let failure: string | undefined;
  let nextId = 1;
  const queued = new Set<Waiting>();
  const inFlight = new Map<number, Waiting>();
  const listeners = new Set<(e: EngineEvent) => void>();

  const settle = (w: Waiting, reply: CallReply) => {
    clearTimeout(w.timer);
    queued.delete(w);
    if (w.id !== undefined) inFlight.delete(w.id);
    w.resolve(reply);
  };

  const dispatch = (w: Waiting) => {
    if (!send) return;
    queued.delete(w);
    w.id = nextId++;
    inFlight.set(w.id, w);
    clearTimeout(w.timer);
    w.timer = setTimeout(
      () => settle(w, unavailable(`The engine did not answer ${w.endpoint} within ${callTimeoutMs / 1000} s; try again`)),
      callTimeoutMs,
    );
    send({ kind: 'call', id: w.id, endpoint: w.endpoint, input: w.input, actor: w.actor });
  };

  return {
    /** Sends a call to the engine, or holds it until the engine is ready. */
    call(endpoint: string, input: unknown, actor: Actor): Promise<CallReply> {
      if (failure !== undefined) return Promise.resolve(unavailable(failure));
      return new Promise<CallReply>((resolve) => {
        const w: Waiting = {
          endpoint,
          input,
          actor,
          resolve,
          timer: setTimeout(
            () => settle(w, unavailable(`The engine did not start within ${startTimeoutMs / 1000} s; see its log, then restart Atalaya`)),
            startTimeoutMs,
          ),
        };
        queued.add(w);
        if (ready) dispatch(w);
      });
    },

    /** A new engine process exists; calls wait for its `ready`. */
    attach(sender: (m: ToEngine) => void): void {
      send = sender;
      ready = false;
      failure = undefined;
    },

    /** Routes one message from the engine process. */
    receive(m: FromEngine): void {
      if (m.kind === 'ready') {
        ready = true;
        for (const w of [...queued]) dispatch(w);
      } else if (m.kind === 'result') {
        const w = inFlight.get(m.id);
        if (w) settle(w, m.ok ? { ok: true, output: m.output } : { ok: false, error: m.error });
      } else if (m.kind === 'event') {
        for (const l of listeners) l(m.event);
      }
    },

    /**
     * The engine process is gone. Calls it was answering fail now (a command is not retried: it
     * may have committed); held calls keep waiting for the next engine, if `restarting`.
     */
    detach(reason: string, restarting: boolean): void {
      send = undefined;
      ready = false;
      for (const w of [...inFlight.values()]) settle(w, unavailable(`${reason}; ${afterCrash(w.endpoint)}`));
      if (!restarting) {
        failure = reason;
        for (const w of [...queued]) settle(w, unavailable(reason));
      }
    },

    /** Hears every committed engine event. Returns the unsubscribe function. */
    onEvent(listener: (e: EngineEvent) => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    /** Calls not yet answered (for shutdown and tests). */
    get pending(): number {
      return queued.size + inFlight.size;
    },
  };
}

export type EngineRelay = ReturnType<typeof createEngineRelay>;
