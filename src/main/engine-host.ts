import { AppError, isEndpoint } from '../shared';
import { unavailableError, type Actor, type Engine } from '../engine';
import { isToEngine, type FromEngine } from './engine-messages';

/** What the host needs from its process: a way to answer and a way to leave. */
export interface EngineHostIo {
  post(message: FromEngine): void;
  exit(code: number): void;
  /** Where unexpected failures are written; they never reach the page in full. */
  logError(message: string, error: unknown): void;
}

/**
 * The engine side of the utility-process protocol, kept apart from `process.parentPort` so it is
 * unit-tested: starts the engine, answers calls, forwards events, shuts down in order.
 * Returns the handler for messages from the main process.
 */
export function hostEngine(start: () => Promise<Engine>, io: EngineHostIo): (message: unknown) => void {
  const started = start();
  let stopping = false;

  started.then(
    (engine) => {
      engine.onEvent((event) => io.post({ kind: 'event', event }));
      io.post({ kind: 'ready' });
    },
    (e: unknown) => {
      io.logError('The engine could not start', e);
      io.post({ kind: 'fatal', message: e instanceof Error ? e.message : String(e) });
      // Give the message a moment to cross before the process goes.
      setTimeout(() => io.exit(1), 100);
    },
  );

  async function answer(id: number, endpoint: string, input: unknown, actor: Actor): Promise<FromEngine> {
    let engine: Engine;
    try {
      // A call sent while the engine starts waits for it; the main process bounds the wait.
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
      if (!isEndpoint(endpoint)) throw new AppError('NOT_FOUND', `Unknown endpoint "${endpoint}"`);
      return { kind: 'result', id, ok: true, output: await engine.dispatch(endpoint, input, actor) };
    } catch (e) {
      // The database or the queue away: UNAVAILABLE, so the desk says so and retries, not an internal error.
      const known = unavailableError(e) ?? e;
      if (known instanceof AppError) return { kind: 'result', id, ok: false, error: known.toBody().error };
      // Internals (SQL, stack traces) stay in the log; the desk gets a message it can show.
      io.logError(`${endpoint} failed`, e);
      return {
        kind: 'result',
        id,
        ok: false,
        error: { code: 'INTERNAL', message: `${endpoint} failed inside the engine; the engine log has the details` },
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
    const { id, endpoint } = message;
    void answer(id, endpoint, message.input, message.actor).then((reply) => {
      try {
        io.post(reply);
      } catch (e) {
        // An output that cannot be cloned (a function, a socket) must not take the process down.
        io.logError(`${endpoint} answered with a value that cannot cross to the main process`, e);
        io.post({
          kind: 'result',
          id,
          ok: false,
          error: { code: 'INTERNAL', message: `${endpoint} answered in a form the desk cannot receive; the engine log has the details` },
        });
      }
    });
  };
}
