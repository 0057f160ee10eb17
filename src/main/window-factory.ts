import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';
import { isAllowedNavigation } from './sender-policy';

/** The same policy as the meta tag in src/renderer/index.html; sent as a header too, so it holds even if the page's copy drifts. */
export const CSP =
  "default-src 'self'; connect-src 'self' ws: wss: http: https:; img-src 'self' data: https: http:; style-src 'self' 'unsafe-inline'; script-src 'self'";

/** The desk's own URL: the dev server under `electron-vite dev`, the built page otherwise. */
export function appUrl(): string {
  // pathToFileURL, not string concatenation: Windows paths and spaces must become a valid URL.
  return process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;
}

let sessionHardened = false;

/** Denies every permission and pins the CSP on the default session (once per app). */
function hardenSession(): void {
  if (sessionHardened) return;
  sessionHardened = true;
  const ses = session.defaultSession;
  // The desk needs no camera, location, notifications or clipboard-read: refuse every request and check.
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    // Documents get the policy (ours, and any frame that slipped through); images and API answers are left alone.
    const isDocument = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    callback({ responseHeaders: isDocument ? { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } : details.responseHeaders });
  });
}

/**
 * The one place windows are made (VS Code's window factory): isolation, sandbox and no Node in
 * the page are pinned here; navigation away from the app, pop-ups, webviews and permissions are
 * refused. Nothing else in main may construct a BrowserWindow.
 */
export function createDeskWindow(): BrowserWindow {
  hardenSession();
  const url = appUrl();
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
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const contents = win.webContents;
  const refuseForeign = (event: { preventDefault(): void }, target: string) => {
    if (!isAllowedNavigation(target, url)) {
      event.preventDefault();
      console.warn(`[atalaya] refused navigation to ${target.slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', (event, target) => refuseForeign(event, target));
  contents.on('will-redirect', (event, target) => refuseForeign(event, target));
  // Pop-ups never open, not even in the user's browser: the page is untrusted, and the desk links nowhere outside.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}
