import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { deskCsp } from '../shared';
import { guardAllContents, hardenSession, registerDeskScheme, serveDesk } from './app-setup';
import { createDeskSessions } from './desk-sessions';
import { createEngineRelay } from './engine-relay';
import { superviseEngine } from './engine-supervisor';
import { RESYNC, startIpcBridge } from './ipc-bridge';
import { rendererUrl } from './renderer-url';
import { hostPrinting } from './silent-print';
import { createDeskWindow, createPrintWindow } from './window-factory';

/**
 * The Electron shell, kept thin: one instance, the engine in a utility process (restarted if it
 * dies), hardened windows serving the desk from app://desk/, and a checked relay between them.
 * Nobody acts at the desk before signing in: each window's session lives here (desk-sessions.ts),
 * and the engine finds the actor from its token. Everything else is the engine's.
 */
const SHUTDOWN_GRACE_MS = 10_000;

// Before `ready`, or the scheme gets no privileges.
registerDeskScheme();

function main(): void {
  // Two instances would start two engines on one embedded database: the second one only hands over.
  if (!app.requestSingleInstanceLock()) return app.quit();

  const deskUrl = rendererUrl({
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
    productionBuild: import.meta.env.PROD,
  });
  // The engine's setting for an online tile layer; the CSP admits its origin and no other.
  const tileUrl = process.env.ATALAYA_TILE_URL || undefined;
  const relay = createEngineRelay();
  const sessions = createDeskSessions(relay);
  let engine: ReturnType<typeof superviseEngine> | undefined;
  let stopping: Promise<void> | undefined;
  let readyToQuit = false;

  const focusOrOpenDesk = () => {
    if (!app.isReady()) return;
    const win = BrowserWindow.getAllWindows()[0];
    if (!win) return void createDeskWindow(deskUrl);
    if (win.isMinimized()) win.restore();
    win.focus();
  };

  guardAllContents(deskUrl);
  void app.whenReady().then(() => {
    hardenSession(deskCsp({ tileUrl }));
    serveDesk(join(__dirname, '../renderer'), tileUrl);
    const bridge = startIpcBridge(relay, sessions, deskUrl);
    // The engine's silent printing: a hidden print window per job; the printer list from an open desk window when there is one.
    relay.serveHost(hostPrinting(createPrintWindow, () => BrowserWindow.getAllWindows()[0]?.webContents));
    engine = superviseEngine(relay, {
      dataDir: process.env.ATALAYA_DATA_DIR ?? app.getPath('userData'),
      resourcesDir: process.env.ATALAYA_RESOURCES_DIR ?? join(app.getAppPath(), 'resources'),
      onRestarted: () => bridge.push(RESYNC),
      onQuitRequested: () => app.quit(),
    });
    createDeskWindow(deskUrl);
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
