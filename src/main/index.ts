import { join } from 'node:path';
import { userInfo } from 'node:os';
import { app, dialog, utilityProcess, type UtilityProcess } from 'electron';
import type { Actor } from '../engine';
import { isFromEngine, type ToEngine } from './engine-messages';
import { startIpcBridge } from './ipc-bridge';
import { appUrl, createDeskWindow } from './window-factory';

/**
 * The Electron shell, kept thin: one instance, the engine in a utility process (restarted if it
 * dies), hardened windows, and a relay between them. Everything else is the engine's.
 */
if (!app.requestSingleInstanceLock()) app.quit();

// Until sign-in exists, the OS user acts as a supervisor at a local desk.
const actor: Actor = { id: `desk:${userInfo().username}`, name: userInfo().username, role: 'supervisor' };
let engine: UtilityProcess | undefined;
let quitting = false;
let restarts = 0;

function forkEngine(bridge: ReturnType<typeof startIpcBridge>) {
  const child = utilityProcess.fork(join(__dirname, 'engine-process.js'), [], {
    serviceName: 'atalaya-engine',
    env: { ...process.env, ATALAYA_DATA_DIR: process.env.ATALAYA_DATA_DIR ?? app.getPath('userData') },
    stdio: 'inherit',
  });
  child.on('message', (m: unknown) => {
    if (!isFromEngine(m)) return;
    if (m.kind === 'fatal') dialog.showErrorBox('Atalaya: the engine could not start', m.message);
    if (m.kind === 'ready') restarts = 0;
    bridge.onEngineMessage(m);
  });
  child.on('exit', (code) => {
    engine = undefined;
    if (quitting) return;
    if (++restarts > 5) {
      dialog.showErrorBox('Atalaya', `The engine stopped (exit ${code}) and could not be restarted. See the log and restart the app.`);
      return;
    }
    setTimeout(() => forkEngine(bridge), 1000 * restarts);
  });
  engine = child;
}

app.whenReady().then(() => {
  const bridge = startIpcBridge(() => engine, actor, appUrl());
  forkEngine(bridge);
  createDeskWindow();
  app.on('second-instance', () => createDeskWindow());
});

app.on('before-quit', (event) => {
  if (quitting || !engine) return;
  quitting = true;
  event.preventDefault();
  const child = engine;
  const done = () => app.quit();
  child.once('exit', done);
  const msg: ToEngine = { kind: 'shutdown' };
  child.postMessage(msg);
  setTimeout(() => {
    child.kill();
    done();
  }, 10_000);
});

app.on('window-all-closed', () => app.quit());
