/**
 * Which pages may talk to the engine (VS Code's validatedIpcMain): only the app's own page, only
 * from its main frame. Kept free of electron so it is unit-tested.
 */
export function isTrustedSender(senderUrl: string, isMainFrame: boolean, appUrl: string): boolean {
  if (!isMainFrame) return false;
  let sender: URL;
  let app: URL;
  try {
    sender = new URL(senderUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return sender.protocol === 'file:' && sender.pathname === app.pathname;
  return sender.origin === app.origin;
}

/** Navigation is allowed only within the app itself. */
export function isAllowedNavigation(targetUrl: string, appUrl: string): boolean {
  return isTrustedSender(targetUrl, true, appUrl);
}
