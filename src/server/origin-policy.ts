/**
 * A request from a browser carries its page's origin. The desk answers its own pages (same host)
 * and non-browser clients (no Origin); any other web page is refused, so a site the planner
 * happens to visit cannot drive the desk on loopback.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  if (!host) return false;
  try {
    const u = new URL(origin);
    // Normalise the Host header the same way (a default port is dropped by URL on both sides).
    const h = new URL(`${u.protocol}//${host}`);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host === h.host;
  } catch {
    return false;
  }
}
