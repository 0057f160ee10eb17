import { shell } from 'electron';

/** What the desk may hand to the user's browser or mail program; never file:, javascript:, smb:, custom app schemes … */
const ALLOWED_SCHEMES = new Set(['https:', 'mailto:']);

/**
 * Whether a URL may be opened outside the desk: https: (with a host and no user:password@, which
 * disguises where a link goes) or mailto:, at most 2,000 characters.
 */
export function isAllowedExternalLink(candidate: string): boolean {
  if (typeof candidate !== 'string' || candidate.length > 2_000) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (!ALLOWED_SCHEMES.has(url.protocol)) return false;
  if (url.protocol === 'https:') return url.hostname !== '' && url.username === '' && url.password === '';
  return true;
}

/**
 * The one way main opens anything outside the desk (`shell.openExternal` is called nowhere else):
 * a link the page asked for (a pop-up or a navigation, both refused in the window) goes to the
 * user's browser or mail program only if {@link isAllowedExternalLink}. Returns whether it went.
 */
export function openExternalLink(url: string): boolean {
  if (!isAllowedExternalLink(url)) {
    console.warn(`[atalaya] refused to open ${String(url).slice(0, 200)} outside the desk`);
    return false;
  }
  void shell.openExternal(url).catch((e: unknown) => console.warn(`[atalaya] could not open ${url.slice(0, 200)}:`, e));
  return true;
}
