import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The built desk is served from `app://desk/` (a privileged, standard, secure scheme registered in
 * app-setup.ts) instead of `file://`: the page gets a real origin of its own, so the IPC sender
 * check, the CSP's 'self' and navigation rules compare origins instead of file paths, and the
 * file: scheme needs no extra privileges (the GrantFileProtocolExtraPrivileges fuse goes off).
 * What a request maps to is decided here, free of electron, so it is unit-tested.
 */
export const DESK_SCHEME = 'app';
export const DESK_HOST = 'desk';
export const DESK_URL = `${DESK_SCHEME}://${DESK_HOST}/`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The media type of a file, by its extension; unknown types are served as bytes (the page gets `nosniff`). */
export function mimeOf(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type DeskResource =
  | { ok: true; file: string; mime: string; /** The page itself: it gets the CSP header. */ document: boolean }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/** Whether `path` is `root` or lies under it (lexically; the handler checks the real path too). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Maps a request for `app://desk/…` to a file under `rootDir` (out/renderer), or refuses it.
 * - Only the desk's host; the path is percent-decoded once, and anything that could climb out — a
 *   `..` segment (also as `..%2F` or `%2e%2e`), a backslash, a NUL — is refused, then the resolved
 *   path must still lie inside `rootDir`.
 * - A file that exists is served with its media type.
 * - An unknown path that looks like a file (has an extension, or is under /assets/) is a 404;
 *   any other unknown path is a route of the desk and gets index.html (SPA fallback).
 */
export function resolveDeskRequest(requestUrl: string, rootDir: string, isFile: (path: string) => boolean): DeskResource {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${DESK_SCHEME}:` || url.host.toLowerCase() !== DESK_HOST) return { ok: false, status: 404, reason: 'not the desk' };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (/[\\\0]/.test(path) || path.split('/').some((segment) => segment === '..' || segment === '.')) {
    return { ok: false, status: 403, reason: 'the path leaves the desk' };
  }
  const root = resolve(rootDir);
  const index = resolve(root, 'index.html');
  const relativePath = path.replace(/^\/+/, '');
  if (relativePath === '') return { ok: true, file: index, mime: mimeOf(index), document: true };
  const file = resolve(root, relativePath);
  if (!isInside(root, file) || file === root) return { ok: false, status: 403, reason: 'the path leaves the desk' };
  if (isFile(file)) return { ok: true, file, mime: mimeOf(file), document: file === index };
  if (extname(file) !== '' || relativePath.startsWith('assets/')) return { ok: false, status: 404, reason: 'no such file' };
  return { ok: true, file: index, mime: mimeOf(index), document: true };
}
