import { realpath, readFile, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { app, protocol, session } from 'electron';
import { deskCsp } from '../shared';
import { guardContents } from './contents-guard';
import { withCspMeta } from './csp-meta';
import { DESK_SCHEME, isInside, resolveDeskRequest } from './desk-protocol';

/**
 * The app-wide half of Electron's security checklist, set once by index.ts; the window factory
 * does the per-window half. Kept apart from index.ts (which starts the app on import) so a unit
 * test runs it against a mocked electron.
 */

/** Must run before `app` is ready: a scheme's privileges are fixed at start-up. */
export function registerDeskScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: DESK_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Every web contents ever created — a window, a frame's popup attempt, a devtools page — is pinned to the desk. */
export function guardAllContents(deskUrl: string): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, deskUrl));
}

/**
 * The default session: no permission is ever granted (the desk needs no camera, location,
 * notifications, clipboard reads, USB or HID), and every document gets the desk's CSP as a header
 * (ours, and any frame that slipped through) — the same policy its meta tag carries.
 */
export function hardenSession(csp: string): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const isDocument = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    callback({ responseHeaders: isDocument ? { ...details.responseHeaders, 'Content-Security-Policy': [csp] } : details.responseHeaders });
  });
}

const isFileSync = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

const text = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * Serves `app://desk/…` from `rendererDir` (out/renderer) only: desk-protocol.ts decides what a
 * request maps to; here the real path (links resolved) must still be inside the folder. The page
 * gets the CSP as a header and as its meta tag, both with the tile server configured now.
 */
export function serveDesk(rendererDir: string, tileUrl: string | undefined): void {
  const header = deskCsp({ tileUrl });
  const meta = deskCsp({ tileUrl, asMetaTag: true });
  protocol.handle(DESK_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'method not allowed');
    const found = resolveDeskRequest(request.url, rendererDir, isFileSync);
    if (!found.ok) return text(found.status, found.reason);
    const [root, real] = await Promise.all([realpath(rendererDir), realpath(found.file)]).catch(() => [null, null]);
    if (!root || !real || !isInside(root, real) || !(await stat(real)).isFile()) return text(404, 'no such file');
    const bytes = await readFile(real);
    const body = found.document ? withCspMeta(bytes.toString('utf8'), meta) : new Uint8Array(bytes);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'content-type': found.mime,
        'x-content-type-options': 'nosniff',
        ...(found.document ? { 'content-security-policy': header, 'cache-control': 'no-cache' } : {}),
      },
    });
  });
}
