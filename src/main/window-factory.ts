import { join } from 'node:path';
import { BrowserWindow, session, shell } from 'electron';
import { isAllowedNavigation } from './sender-policy';

export const CSP = "default-src 'self'; connect-src 'self' ws: wss: http: https:; img-src 'self' data: https: http:; style-src 'self' 'unsafe-inline'; script-src 'self'";

/** The app's own URL: the dev server in development, the built page otherwise. */
export function appUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? `file://${join(__dirname, '../renderer/index.html')}`;
}

let sessionHardened = false;

/** Denies every permission and pins the CSP on the default session (once). */
function hardenSession(): void {
  if (sessionHardened) return;
  sessionHardened = true;
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

/**
 * The one place windows are made (VS Code's window factory): isolation, sandbox and no Node in the
 * page are pinned here; navigation away from the app and new windows are refused.
 */
export function createDeskWindow(): BrowserWindow {
  hardenSession();
  const win = new BrowserWindow({
    width: 1600,
    height: 940,
    minWidth: 1100,
    minHeight: 700,
    title: 'Atalaya',
    backgroundColor: '#0f172a',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const url = appUrl();
  win.webContents.on('will-navigate', (event, target) => {
    if (!isAllowedNavigation(target, url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url: target }) => {
    // Links to the web open in the user's browser, never inside the app.
    if (/^https?:\/\//.test(target)) void shell.openExternal(target);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}
