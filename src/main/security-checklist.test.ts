import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { deskCsp } from '../shared';

/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), item by
 * item, over what main really does — the window factory, the app-wide setup and the content guard —
 * against a mocked electron that records every window, handler and protocol it is given.
 */
const electron = vi.hoisted(() => {
  const windows: { options: Record<string, unknown>; loaded: string[] }[] = [];
  const appHandlers: Record<string, (...args: unknown[]) => void> = {};
  const sessionHandlers: Record<string, (...args: never[]) => unknown> = {};
  const protocols = {
    privileged: [] as unknown[],
    handlers: {} as Record<string, (req: { url: string; method: string }) => Promise<Response>>,
  };
  return { windows, appHandlers, sessionHandlers, protocols, openExternal: vi.fn(async (_url: string) => undefined) };
});

/** A web contents as main sees it: events, a window-open handler, an id. */
class FakeContents extends EventEmitter {
  static next = 1;
  id = FakeContents.next++;
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

vi.mock('electron', () => ({
  BrowserWindow: class {
    webContents = new FakeContents();
    private record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [] };
      electron.windows.push(this.record);
    }
    once() {}
    show() {}
    async loadURL(url: string) {
      this.record.loaded.push(url);
    }
  },
  app: { on: (event: string, handler: (...args: unknown[]) => void) => void (electron.appHandlers[event] = handler) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: never) => void (electron.sessionHandlers.request = h),
      setPermissionCheckHandler: (h: never) => void (electron.sessionHandlers.check = h),
      setDevicePermissionHandler: (h: never) => void (electron.sessionHandlers.device = h),
      webRequest: { onHeadersReceived: (h: never) => void (electron.sessionHandlers.headers = h) },
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => void electron.protocols.privileged.push(...schemes),
    handle: (scheme: string, handler: never) => void (electron.protocols.handlers[scheme] = handler),
  },
  shell: { openExternal: electron.openExternal },
}));

const { createDeskWindow } = await import('./window-factory');
const { guardAllContents, hardenSession, registerDeskScheme, serveDesk } = await import('./app-setup');
const { DESK_URL } = await import('./desk-protocol');

/** Fires a navigation-like event and says whether main prevented it. */
function fire(contents: FakeContents, event: string, url: string, isMainFrame = true): boolean {
  const e = { preventDefault: vi.fn(), url, isMainFrame };
  contents.emit(event, e, url);
  return e.preventDefault.mock.calls.length > 0;
}

beforeEach(() => {
  electron.openExternal.mockClear();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('every desk window (the window factory)', () => {
  const win = createDeskWindow(DESK_URL) as unknown as { webContents: FakeContents };
  const made = electron.windows.at(-1)!;
  const prefs = made.options.webPreferences as Record<string, unknown>;

  it('isolates and sandboxes the page, with no Node anywhere in it (2–4, 6, 8, 10)', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    // Nothing that would loosen it.
    expect(prefs).not.toHaveProperty('experimentalFeatures');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('loads the desk from app://desk/, not file://', () => {
    expect(made.loaded).toEqual(['app://desk/']);
  });

  it('navigates only within the desk; a clicked https: link goes to the browser, anything else nowhere (13)', () => {
    const contents = win.webContents;
    expect(fire(contents, 'will-navigate', 'app://desk/orders/o1')).toBe(false);
    expect(fire(contents, 'will-navigate', 'https://example.com/help')).toBe(true);
    expect(electron.openExternal).toHaveBeenCalledWith('https://example.com/help');
    expect(fire(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire(contents, 'will-navigate', 'app://evil/')).toBe(true);
    // Redirects and frames never leave either, nor open anything outside.
    expect(fire(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
    expect(fire(contents, 'will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(fire(contents, 'will-frame-navigate', 'app://desk/')).toBe(false);
    // A sub-frame's srcdoc (the print preview) fetches nothing; the main frame may not become one.
    expect(fire(contents, 'will-frame-navigate', 'about:srcdoc', false)).toBe(false);
    expect(fire(contents, 'will-frame-navigate', 'about:srcdoc', true)).toBe(true);
    expect(electron.openExternal.mock.calls.map(([u]) => u)).toEqual(['https://example.com/help']);
  });

  it('opens no window: pop-ups are denied, allow-listed links handed to the system (14, 15)', () => {
    const open = win.webContents.openHandler!;
    for (const url of [
      'https://www.openstreetmap.org/',
      'mailto:a@example.com',
      'app://desk/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://x/',
    ]) {
      expect(open({ url }), url).toEqual({ action: 'deny' });
    }
    expect(electron.openExternal.mock.calls.map(([u]) => u)).toEqual(['https://www.openstreetmap.org/', 'mailto:a@example.com']);
  });

  it('attaches no webview (12)', () => {
    expect(fire(win.webContents, 'will-attach-webview', 'app://desk/')).toBe(true);
  });
});

describe('every other web contents (web-contents-created)', () => {
  it('is guarded the same way', () => {
    guardAllContents(DESK_URL);
    const contents = new FakeContents();
    electron.appHandlers['web-contents-created']!({}, contents);
    expect(fire(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire(contents, 'will-navigate', 'app://desk/map')).toBe(false);
    expect(contents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(fire(contents, 'will-attach-webview', 'app://desk/')).toBe(true);
  });
});

describe('the session', () => {
  const tileUrl = 'https://{s}.tile.example.org/{z}/{x}/{y}.png';
  hardenSession(deskCsp({ tileUrl }));
  const h = electron.sessionHandlers as unknown as {
    request: (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
    check: (...a: unknown[]) => boolean;
    device: (...a: unknown[]) => boolean;
    headers: (details: { resourceType: string; responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void;
  };

  it('grants no permission, asked or checked (5)', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
      const granted = vi.fn();
      h.request({}, permission, granted);
      expect(granted, permission).toHaveBeenCalledWith(false);
      expect(h.check({}, permission, 'app://desk')).toBe(false);
    }
    expect(h.device({ deviceType: 'usb' })).toBe(false);
  });

  it('sends the CSP from deskCsp on every document, and leaves other answers alone (7)', () => {
    const answer = (resourceType: string) => {
      let out: unknown;
      h.headers({ resourceType, responseHeaders: { 'content-type': ['x'] } }, (r) => (out = r));
      return out as { responseHeaders: Record<string, string[]> };
    };
    const policy = answer('mainFrame').responseHeaders['Content-Security-Policy']![0]!;
    expect(policy).toBe(deskCsp({ tileUrl }));
    expect(answer('subFrame').responseHeaders['Content-Security-Policy']).toEqual([policy]);
    expect(answer('image').responseHeaders).toEqual({ 'content-type': ['x'] });
    // No http: at all, and https: only for the tile server's origin.
    expect(policy).not.toMatch(/http:/);
    expect(policy.match(/https:[^\s;]*/g)).toEqual(['https://*.tile.example.org']);
    expect(deskCsp()).not.toMatch(/https?:/);
  });
});

describe('app://desk/ (18: a custom protocol instead of file://)', () => {
  const base = mkdtempSync(join(tmpdir(), 'atalaya-desk-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><title>Atalaya</title></head><body></body></html>');
  writeFileSync(join(root, 'assets', 'index-1.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const tileUrl = 'https://tiles.example.org/{z}/{x}/{y}.png';
  registerDeskScheme();
  serveDesk(root, tileUrl);
  const get = (url: string, method = 'GET') => electron.protocols.handlers.app!({ url, method });

  it('is registered as a privileged standard, secure scheme with fetch', () => {
    expect(electron.protocols.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the page with the CSP as header and as its meta tag (with the tile server), and assets with their type', async () => {
    const page = await get('app://desk/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(deskCsp({ tileUrl }));
    const html = await page.text();
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${deskCsp({ tileUrl, asMetaTag: true })}" />`);
    const route = await get('app://desk/orders/o1');
    expect(route.headers.get('content-security-policy')).toBe(deskCsp({ tileUrl }));
    const js = await get('app://desk/assets/index-1.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(js.headers.get('content-security-policy')).toBeNull();
    expect(await js.text()).toBe('console.log(1)');
  });

  it('serves nothing outside out/renderer: traversal, encoded or not, and a link leading out', async () => {
    expect((await get('app://desk/..%2Fsecret.txt')).status).toBe(403);
    expect((await get('app://desk/assets/..%2F..%2Fsecret.txt')).status).toBe(403);
    expect((await get('app://desk/..%5Csecret.txt')).status).toBe(403);
    const link = await get('app://desk/assets/link.txt');
    expect(link.status).toBe(404);
    expect(await link.text()).not.toContain('secret');
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://desk/', 'POST')).status).toBe(405);
  });
});
