/**
 * Which requests the host answers at all, and which pages may drive the desk.
 *
 * The Host header comes first: a request is answered only when its Host names this desk — by
 * default the loopback names (`localhost`, `127.0.0.1`, `[::1]`, any port), more through
 * `ATALAYA_ALLOWED_HOSTS`. That defeats DNS rebinding: a page on evil.example whose name is made to
 * resolve to 127.0.0.1 still sends `Host: evil.example`, which is refused before anything else.
 * Once Host is trusted, `Origin` (sent by browsers on cross-origin and on every POST / WebSocket)
 * must be exactly the desk's own origin, so no other page can drive it.
 */

/** The host names every desk answers to (a browser on the same machine). */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** `ATALAYA_ALLOWED_HOSTS` (comma-separated names, no ports) added to the loopback names, lower-cased. */
export function allowedHostsFrom(setting: string | undefined): string[] {
  const extra = (setting ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set([...LOOPBACK_HOSTS, ...extra])];
}

/** The name part of a Host header (`[::1]:4780` → `[::1]`, `Desk.Example:443` → `desk.example`), or null when malformed. */
export function hostName(host: string | undefined): string | null {
  if (!host) return null;
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s/@]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** Whether the Host header names this desk. */
export function isAllowedHost(host: string | undefined, allowed: readonly string[]): boolean {
  const name = hostName(host);
  return name !== null && allowed.includes(name);
}

/**
 * A browser's `Origin` must be the request's own origin (`http(s)://<Host>`); clients that send no
 * Origin (curl, integrations, same-origin GETs) pass. Sound only after {@link isAllowedHost}.
 */
export function isSameOrigin(origin: string | undefined, host: string | undefined, tls: boolean): boolean {
  if (origin === undefined) return true;
  if (!host) return false;
  try {
    const u = new URL(origin);
    // Normalise the Host header the same way (URL drops a default port on both sides).
    const own = new URL(`${tls ? 'https' : 'http'}://${host}`);
    return u.origin === own.origin;
  } catch {
    return false;
  }
}
