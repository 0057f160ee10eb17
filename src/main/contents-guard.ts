import type { WebContents } from 'electron';
import { openExternalLink } from './external-links';
import { isAllowedNavigation } from './sender-policy';

const guarded = new WeakSet<WebContents>();

/**
 * Pins every web contents to the desk (Electron's security checklist, items 13–14): navigation —
 * of the page or of any frame in it — and redirects go nowhere but the desk's own origin; pop-ups
 * never open a window (an https: or mailto: link goes to the user's browser or mail program through
 * the one allow-listed path, external-links.ts); webviews never attach. Applied to the desk's
 * window by the window factory and to every other web contents by app-setup.ts
 * (`web-contents-created`); idempotent.
 */
export function guardContents(contents: WebContents, deskUrl: string): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const refuseForeign = (event: { preventDefault(): void }, target: string, openOutside: boolean) => {
    if (isAllowedNavigation(target, deskUrl)) return;
    event.preventDefault();
    // A link the person clicked may still be worth following — in their browser, not here.
    if (!openOutside || !openExternalLink(target)) console.warn(`[atalaya] refused navigation to ${target.slice(0, 200)}`);
  };
  contents.on('will-navigate', (event, target) => refuseForeign(event, target, true));
  contents.on('will-frame-navigate', (event) => {
    // The print preview's sandboxed frame shows a page the desk wrote itself (srcdoc): nothing is fetched.
    if (!event.isMainFrame && event.url === 'about:srcdoc') return;
    refuseForeign(event, event.url, false);
  });
  contents.on('will-redirect', (event, target) => refuseForeign(event, target, false));
  contents.setWindowOpenHandler(({ url }) => {
    openExternalLink(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
