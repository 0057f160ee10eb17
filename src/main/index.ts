import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
// Not from '../engine': the index would pull the engine into the main process's bundle.
import { localDeskActor } from '../engine/desk-actor';
import { createEngineRelay } from './engine-relay';
import { superviseEngine } from './engine-supervisor';
import { RESYNC, startIpcBridge } from './ipc-bridge';
import { appUrl, createDeskWindow } from './window-factory';

/**
 * The Electron shell, kept thin: one instance, the engine in a utility process (restarted if it
 * dies), hardened windows, and a checked relay between them. Everything else is the engine's.
 */
const SHUTDOWN_GRACE_MS = 10_000;

function focusOrOpenDesk(): void {
  if (!app.isReady()) return;
  const win = BrowserWindow.getAllWindows()[0];
  if (!win) return void createDeskWindow();
  if (win.isMinimized()) win.restore();
  win.focus();
}

function main(): void {
  // Two instances would start two engines on one embedded database: the second one only hands over.
  if (!app.requestSingleInstanceLock()) return app.quit();

  const relay = createEngineRelay();
  let engine: ReturnType<typeof superviseEngine> | undefined;
  let stopping: Promise<void> | undefined;
  let readyToQuit = false;

  void app.whenReady().then(() => {
    // TODO(sign-in): until people sign in, the OS user acts as a supervisor at the local desk.
    const bridge = startIpcBridge(relay, localDeskActor(), appUrl());
    engine = superviseEngine(relay, {
      dataDir: process.env.ATALAYA_DATA_DIR ?? app.getPath('userData'),
      resourcesDir: process.env.ATALAYA_RESOURCES_DIR ?? join(app.getAppPath(), 'resources'),
      onRestarted: () => bridge.push(RESYNC),
      onQuitRequested: () => app.quit(),
    });
    createDeskWindow();
  });

  app.on('second-instance', focusOrOpenDesk);
  app.on('activate', focusOrOpenDesk);
  // Closing the desk quits, also on macOS: the engine holds a database and should not linger unseen.
  app.on('window-all-closed', () => app.quit());

  app.on('before-quit', (event) => {
    if (readyToQuit || !engine) return;
    // Hold the quit until the engine has drained its work and closed the database.
    event.preventDefault();
    stopping ??= engine.stop(SHUTDOWN_GRACE_MS).finally(() => {
      readyToQuit = true;
      app.quit();
    });
  });
}

main();
