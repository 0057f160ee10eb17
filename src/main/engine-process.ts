import { AppError, isEndpoint } from '../shared';
import { loadConfig, startEngine, type Engine } from '../engine';
import type { FromEngine, ToEngine } from './engine-messages';

/**
 * The Electron utility process that hosts the engine (Actual Budget's pattern): the window's
 * thread never runs engine work. The main process only relays messages.
 */
interface ParentPort {
  on(event: 'message', listener: (e: { data: ToEngine }) => void): void;
  postMessage(message: FromEngine): void;
}
const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) throw new Error('engine-process must be started with utilityProcess.fork');

let engine: Engine | undefined;

async function main(p: ParentPort) {
  engine = await startEngine(loadConfig(process.env));
  engine.onEvent((event) => p.postMessage({ kind: 'event', event }));
  p.postMessage({ kind: 'ready' });
}

port.on('message', ({ data }) => {
  if (data.kind === 'shutdown') {
    void (engine?.close() ?? Promise.resolve()).finally(() => process.exit(0));
    return;
  }
  if (data.kind !== 'call') return;
  const reply = (m: FromEngine) => port.postMessage(m);
  if (!engine) return reply({ kind: 'result', id: data.id, ok: false, error: { code: 'UNAVAILABLE', message: 'The engine is still starting' } });
  if (!isEndpoint(data.endpoint)) return reply({ kind: 'result', id: data.id, ok: false, error: { code: 'NOT_FOUND', message: `Unknown endpoint ${data.endpoint}` } });
  engine.dispatch(data.endpoint, data.input, data.actor).then(
    (output) => reply({ kind: 'result', id: data.id, ok: true, output }),
    (e: unknown) => {
      if (e instanceof AppError) return reply({ kind: 'result', id: data.id, ok: false, error: e.toBody().error });
      console.error('engine call failed', e);
      reply({ kind: 'result', id: data.id, ok: false, error: { code: 'INTERNAL', message: 'Internal error; see the engine log' } });
    },
  );
});

main(port).catch((e: unknown) => {
  port.postMessage({ kind: 'fatal', message: e instanceof Error ? e.message : String(e) });
  setTimeout(() => process.exit(1), 100);
});
