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
