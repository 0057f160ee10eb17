import { AppError, isEndpoint, type SessionOptions } from '../shared';
import { unavailableError, type ClientMeta, type Engine } from '../engine';
import { isToEngine, type EngineRequest, type FromEngine, type HostReply, type SignedInOutput } from './engine-messages';

/** What the host needs from its process: a way to answer and a way to leave. */
export interface EngineHostIo {
  post(message: FromEngine): void;
  exit(code: number): void;
  /** Where unexpected failures are written; they never reach the page in full. */
  logError(message: string, error: unknown): void;
  /** Main answered a request the engine made of it (silent printing: engine-print-bridge.ts). */
  onHostReply?(reply: HostReply): void;
}

/** Every sign-in through this host comes from the person at this machine's desk. */
const ELECTRON: ClientMeta = { via: 'electron' };

/** One message for a missing and a dead token alike: the page shows the sign-in form either way. */
const signInFirst = () => new AppError('UNAUTHORIZED', 'Sign in first');

/** What a request is called in logs and messages. */
const labelOf = (r: EngineRequest) => (r.kind === 'call' ? r.endpoint : `session.${r.kind}`);

/**
 * The engine side of the utility-process protocol, kept apart from `process.parentPort` so it is
 * unit-tested: starts the engine, answers requests, forwards events, shuts down in order.
 * Returns the handler for messages from the main process.
 *
 * Every event is forwarded: main knows which window is whose and filters per window
 * (`deskMayHear`), since one engine process serves every window of the desk.
 */
export function hostEngine(start: () => Promise<Engine>, io: EngineHostIo): (message: unknown) => void {
  const started = start();
  let stopping = false;

  started.then(
    async (engine) => {
      engine.onEvent((event) => io.post({ kind: 'event', event }));
      io.post({ kind: 'ready', setupToken: await setupToken(engine) });
    },
    (e: unknown) => {
      io.logError('The engine could not start', e);
      io.post({ kind: 'fatal', message: e instanceof Error ? e.message : String(e) });
      // Give the message a moment to cross before the process goes.
      setTimeout(() => io.exit(1), 100);
    },
  );

  /** The first-run token for main (desk-sessions.ts says why), or null; a failure here must not keep the engine from serving. */
  async function setupToken(engine: Engine): Promise<string | null> {
    try {
      return await engine.identity.pendingSetupToken();
    } catch (e) {
      io.logError('Could not read whether the first-run setup is pending', e);
      return null;
    }
  }

  /** A session just opened, as main needs it: the token, the actor and what the page is shown. */
  async function opened(engine: Engine, signedIn: { token: string; actor: SignedInOutput['actor'] }): Promise<SignedInOutput> {
    try {
      const session = await engine.dispatch('session.me', {}, signedIn.actor);
      return { token: signedIn.token, actor: signedIn.actor, session };
    } catch (e) {
      // Never leave a session open that nobody holds the token of.
      await engine.identity.signOut(signedIn.token).catch(() => undefined);
      throw e;
    }
  }

  async function run(engine: Engine, r: EngineRequest): Promise<unknown> {
    switch (r.kind) {
      case 'call': {
        if (!isEndpoint(r.endpoint)) throw new AppError('NOT_FOUND', `Unknown endpoint "${r.endpoint.slice(0, 80)}"`);
        const actor = r.token === null ? null : await engine.identity.authenticate(r.token);
        if (!actor) throw signInFirst();
        return engine.dispatch(r.endpoint, r.input, actor);
      }
      case 'signIn':
        return opened(engine, await engine.identity.signIn({ username: r.username, password: r.password }, ELECTRON));
      case 'setup':
        return opened(engine, await engine.identity.completeSetup(r.input, ELECTRON));
      case 'signOut':
        await engine.identity.signOut(r.token);
        return null;
      case 'options': {
        // Sign-in through an identity provider is a web-desk feature (it needs a browser redirect).
        const options: SessionOptions = { setupPending: (await engine.identity.pendingSetupToken()) !== null, oidc: null };
        return options;
      }
    }
  }

  async function answer(id: number, request: EngineRequest): Promise<FromEngine> {
    const label = labelOf(request);
    let engine: Engine;
    try {
      // A request sent while the engine starts waits for it; the main process bounds the wait.
      engine = await started;
    } catch (e) {
      return {
        kind: 'result',
        id,
        ok: false,
        error: { code: 'UNAVAILABLE', message: `The engine could not start: ${e instanceof Error ? e.message : String(e)}` },
      };
    }
    try {
      return { kind: 'result', id, ok: true, output: await run(engine, request) };
    } catch (e) {
      // The database or the queue away: UNAVAILABLE, so the desk says so and retries, not an internal error.
      const known = unavailableError(e) ?? e;
      if (known instanceof AppError) return { kind: 'result', id, ok: false, error: known.toBody().error };
      // Internals (SQL, stack traces) stay in the log; the desk gets a message it can show.
      io.logError(`${label} failed`, e);
      return {
        kind: 'result',
        id,
        ok: false,
        error: { code: 'INTERNAL', message: `${label} failed inside the engine; the engine log has the details` },
      };
    }
  }

  return (message) => {
    if (!isToEngine(message)) return;
    if (message.kind === 'shutdown') {
      if (stopping) return;
      stopping = true;
      // Closing waits for a start in progress, so an embedded database is never left running.
      started
        .then(
          (engine) => engine.close(),
          () => undefined, // never started: nothing to close
        )
        .catch((e: unknown) => io.logError('The engine did not close cleanly', e))
        .finally(() => io.exit(0));
      return;
    }
    if (message.kind === 'hostReply') return void io.onHostReply?.(message);
    const { id, ...request } = message;
    const label = labelOf(request);
    void answer(id, request).then((reply) => {
      try {
        io.post(reply);
      } catch (e) {
        // An output that cannot be cloned (a function, a socket) must not take the process down.
        io.logError(`${label} answered with a value that cannot cross to the main process`, e);
        io.post({
          kind: 'result',
          id,
          ok: false,
          error: { code: 'INTERNAL', message: `${label} answered in a form the desk cannot receive; the engine log has the details` },
        });
      }
    });
  };
}
