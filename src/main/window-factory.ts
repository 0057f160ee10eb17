import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { guardContents } from './contents-guard';

/**
 * What every desk window is made with (Electron's security checklist): the page runs isolated and
 * sandboxed with no Node — not in workers or frames either — web security on, no insecure content,
 * no webviews. Exported so the test reads what the factory pins.
 */
export function deskWebPreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // Not a security item: a desk of codes and names has little to spell-check, and the dictionary download is a network call.
    spellcheck: false,
  };
}

/**
 * The one place windows are made (VS Code's window factory). The session's hardening (CSP,
 * permissions) and the app: protocol are set once in app-setup.ts; here the window's preferences
 * are pinned and its contents guarded (navigation, pop-ups, webviews: contents-guard.ts).
 * Nothing else in main may construct a BrowserWindow.
 */
export function createDeskWindow(deskUrl: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1600,
    height: 940,
    minWidth: 1100,
    minHeight: 700,
    title: 'Atalaya',
    backgroundColor: '#0f172a',
    show: false,
    webPreferences: deskWebPreferences(join(__dirname, '../preload/index.cjs')),
  });
  guardContents(win.webContents, deskUrl);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(deskUrl);
  return win;
}

/**
 * What a print window is made with: the desk's hardening, no preload (the page talks to nothing),
 * and no script at all — a print page is our own HTML and needs none.
 */
export function printWebPreferences(): Electron.WebPreferences {
  const { preload: _none, ...hardened } = deskWebPreferences('');
  return { ...hardened, javascript: false };
}

/**
 * The hidden window a silent print renders in (silent-print.ts). It loads one data: URL and never
 * navigates, opens nothing and is destroyed after the print; guardContents still applies through
 * app-setup.ts, and here every navigation is refused outright, the desk's origin included.
 */
export function createPrintWindow(): BrowserWindow {
  const win = new BrowserWindow({ show: false, width: 800, height: 1100, title: 'Atalaya print', webPreferences: printWebPreferences() });
  const refuse = (event: { preventDefault(): void }) => event.preventDefault();
  win.webContents.on('will-navigate', refuse);
  win.webContents.on('will-frame-navigate', refuse);
  win.webContents.on('will-redirect', refuse);
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-attach-webview', refuse);
  return win;
}
