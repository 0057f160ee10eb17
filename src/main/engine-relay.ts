import { contract, isEndpoint, type EngineEvent, type ErrorBody } from '../shared';
import type { EngineRequest, FromEngine, HostRequest, ToEngine } from './engine-messages';

/** What a desk call comes back as: the output, or the contract's error body. */
export type CallReply = { ok: true; output: unknown } | { ok: false; error: ErrorBody['error'] };

export interface EngineRelayOptions {
  /** How long one call may take once the engine has it. */
  callTimeoutMs?: number;
  /** How long a call may wait for the engine to start; the first start creates the embedded database. */
  startTimeoutMs?: number;
}

interface Waiting {
  request: EngineRequest;
  resolve(reply: CallReply): void;
  timer: ReturnType<typeof setTimeout>;
  /** Set once the call went to the engine: its correlation id. */
  id?: number;
}

const unavailable = (message: string): CallReply => ({ ok: false, error: { code: 'UNAVAILABLE', message } });

/** What a request is called in messages: its endpoint, or the session step. */
const labelOf = (r: EngineRequest) => (r.kind === 'call' ? r.endpoint : `session.${r.kind}`);

/** What to tell the person whose call a crash interrupted: a command may already have committed. */
const afterCrash = (r: EngineRequest) =>
  r.kind === 'call' && isEndpoint(r.endpoint) && contract[r.endpoint].kind === 'command'
    ? `${r.endpoint} may or may not have been applied — check, then try again`
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
  let setupToken: string | null = null;
  let failure: string | undefined;
  let nextId = 1;
  const queued = new Set<Waiting>();
  const inFlight = new Map<number, Waiting>();
  const listeners = new Set<(e: EngineEvent) => void>();
  let host: ((request: HostRequest) => Promise<unknown>) | undefined;

  /** Runs a request the engine made of main and answers the engine process that asked (not a successor). */
  const answerHost = (hostId: number, request: HostRequest) => {
    const reply = send;
    if (!reply) return;
    if (!host) return reply({ kind: 'hostReply', hostId, ok: false, error: `The desktop app does not serve ${request.kind} requests` });
    host(request).then(
      (output) => reply({ kind: 'hostReply', hostId, ok: true, output }),
      (e: unknown) => reply({ kind: 'hostReply', hostId, ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  };

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
      () => settle(w, unavailable(`The engine did not answer ${labelOf(w.request)} within ${callTimeoutMs / 1000} s; try again`)),
      callTimeoutMs,
    );
    send({ ...w.request, id: w.id });
  };

  /** Sends a request to the engine, or holds it until the engine is ready. */
  const request = (req: EngineRequest): Promise<CallReply> => {
    if (failure !== undefined) return Promise.resolve(unavailable(failure));
    return new Promise<CallReply>((resolve) => {
      const w: Waiting = {
        request: req,
        resolve,
        timer: setTimeout(
          () => settle(w, unavailable(`The engine did not start within ${startTimeoutMs / 1000} s; see its log, then restart Atalaya`)),
          startTimeoutMs,
        ),
      };
      queued.add(w);
      if (ready) dispatch(w);
    });
  };

  return {
    /** A contract call for the session `token` (null: nobody signed in), sent or held until the engine is ready. */
    call(endpoint: string, input: unknown, token: string | null): Promise<CallReply> {
      return request({ kind: 'call', endpoint, input, token });
    },

    /** A sign-in step (sign in, setup, sign out, options), with the same holding, timeouts and crash handling as a call. */
    request,

    /** The first-run setup token the current engine announced with `ready` (null once an admin exists, or before ready). */
    get setupToken(): string | null {
      return setupToken;
    },

    /** The first admin exists (setup succeeded): the token is spent and is offered no more. */
    forgetSetupToken(): void {
      setupToken = null;
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
        setupToken = m.setupToken;
        for (const w of [...queued]) dispatch(w);
      } else if (m.kind === 'result') {
        const w = inFlight.get(m.id);
        if (w) settle(w, m.ok ? { ok: true, output: m.output } : { ok: false, error: m.error });
      } else if (m.kind === 'event') {
        for (const l of listeners) l(m.event);
      } else if (m.kind === 'host') {
        answerHost(m.hostId, m.request);
      }
    },

    /** What main does when the engine asks it something (silent printing: silent-print.ts `hostPrinting`). */
    serveHost(handler: (request: HostRequest) => Promise<unknown>): void {
      host = handler;
    },

    /**
     * The engine process is gone. Calls it was answering fail now (a command is not retried: it
     * may have committed); held calls keep waiting for the next engine, if `restarting`.
     */
    detach(reason: string, restarting: boolean): void {
      send = undefined;
      ready = false;
      setupToken = null;
      for (const w of [...inFlight.values()]) settle(w, unavailable(`${reason}; ${afterCrash(w.request)}`));
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
