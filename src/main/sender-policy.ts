/**
 * Which pages may talk to the engine (VS Code's validatedIpcMain): only the app's own page, and
 * only from its main frame — never an iframe, never a page the window was tricked into opening.
 * Kept free of electron so it is unit-tested.
 *
 * `appUrl` is the desk's own URL: `file:///…/out/renderer/index.html` when built, the dev server
 * (`ELECTRON_RENDERER_URL`) under `electron-vite dev`.
 */
export function isTrustedSender(senderUrl: string, isMainFrame: boolean, appUrl: string): boolean {
  return isMainFrame && isAppUrl(senderUrl, appUrl);
}

/** Navigation is allowed only within the app itself (a reload, a route change). */
export function isAllowedNavigation(targetUrl: string, appUrl: string): boolean {
  return isAppUrl(targetUrl, appUrl);
}

/** Same built page (any hash or query), or same origin as the dev server. */
function isAppUrl(candidate: string, appUrl: string): boolean {
  let url: URL;
  let app: URL;
  try {
    url = new URL(candidate);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  // A file: URL has no real origin ("null"), so trust exactly one file: the built page.
  if (app.protocol === 'file:') return url.protocol === 'file:' && url.host === app.host && url.pathname === app.pathname;
  return (app.protocol === 'http:' || app.protocol === 'https:') && url.origin === app.origin;
}
