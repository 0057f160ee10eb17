/**
 * Which pages may talk to the engine (VS Code's validatedIpcMain): only the desk's own page, and
 * only from its main frame — never an iframe, never a page the window was tricked into opening.
 * Kept free of electron so it is unit-tested.
 *
 * `deskUrl` is the desk's own URL: `app://desk/` (the built desk, served by desk-protocol.ts), or
 * the dev server (`ELECTRON_RENDERER_URL`) under `electron-vite dev` (see renderer-url.ts).
 */
export function isTrustedSender(senderUrl: string, isMainFrame: boolean, deskUrl: string): boolean {
  return isMainFrame && isDeskUrl(senderUrl, deskUrl);
}

/** Navigation is allowed only within the desk itself (a reload, a route change). */
export function isAllowedNavigation(targetUrl: string, deskUrl: string): boolean {
  return isDeskUrl(targetUrl, deskUrl);
}

/** The schemes a desk may be served from: our own, or the dev server's. */
const DESK_SCHEMES = new Set(['app:', 'http:', 'https:']);

/**
 * Same origin as the desk: scheme, host and port. Compared field by field, not with `URL.origin`:
 * Node's URL gives a non-special scheme such as `app:` the opaque origin "null", which would make
 * every `app:` URL look alike (Chromium, where `app` is registered as standard, gives `app://desk`).
 */
function isDeskUrl(candidate: string, deskUrl: string): boolean {
  let url: URL;
  let desk: URL;
  try {
    url = new URL(candidate);
    desk = new URL(deskUrl);
  } catch {
    return false;
  }
  if (!DESK_SCHEMES.has(desk.protocol) || desk.host === '') return false;
  return url.protocol === desk.protocol && url.host.toLowerCase() === desk.host.toLowerCase();
}
