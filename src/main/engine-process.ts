import { loadConfig, startEngine } from '../engine';
import { hostEngine } from './engine-host';
import type { FromEngine } from './engine-messages';
import { createPrintBridge } from './engine-print-bridge';

/**
 * The entry of the Electron utility process that hosts the engine (Actual Budget's pattern): the
 * window's thread never runs engine work, and the main process only relays messages. Nothing here
 * imports electron; `process.parentPort` is how a utility process talks to its parent.
 *
 * The data folder comes from the main process as ATALAYA_DATA_DIR (Electron's userData folder).
 */
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: FromEngine): void;
}

const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) {
  console.error('engine-process runs inside Electron, started by utilityProcess.fork; use `npm run engine` for a headless engine.');
  process.exit(2);
}

// Silent printing needs a window, which only the main process has: the engine asks it over the same port.
const printing = createPrintBridge((m) => port.postMessage(m));
const onMessage = hostEngine(async () => startEngine(loadConfig(process.env, { silentPrint: printing.bridge }, 'desk')), {
  post: (m) => port.postMessage(m),
  exit: (code) => process.exit(code),
  logError: (message, error) => console.error(`[engine] ${message}:`, error),
  onHostReply: (reply) => printing.receive(reply),
});
port.on('message', (e) => onMessage(e.data));

// Ctrl-C in a terminal reaches every process of the group; the main process answers it by sending
// `shutdown`, which closes the engine in order. Dying on the signal here would skip that.
process.on('SIGINT', () => undefined);
