/**
 * The desk's Content-Security-Policy, in one place: the web host sends it as a header, Electron
 * pins it on its session, and the built page carries it as a meta tag (written by the build).
 * No inline or remote scripts; styles may be inline (Leaflet and React set style attributes);
 * images and connections go to the desk's own origin only, plus the origin of a configured online
 * tile server; no frame loads anything (the print preview is a sandboxed srcdoc page). `frame-ancestors` works only as a header (a meta tag cannot carry it).
 */
export function deskCsp(opts: { tileUrl?: string | null; asMetaTag?: boolean } = {}): string {
  const tiles = tileOrigin(opts.tileUrl);
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])]],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    // No frame loads anything: the print preview's frame is a sandboxed srcdoc page (nothing fetched).
    ['frame-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'self'"]],
    ...(opts.asMetaTag ? [] : ([['frame-ancestors', ["'none'"]]] as [string, string[]][])),
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** `https://tile.example.org` of a tile URL template (`https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`). */
export function tileOrigin(template: string | null | undefined): string | null {
  if (!template) return null;
  const m = /^(https?):\/\/([^/]+)/i.exec(template.trim());
  if (!m) return null;
  const host = m[2]!.replace(/\{[a-z]\}/gi, '*');
  if (!/^[\w.*:-]+$/.test(host)) return null;
  return `${m[1]!.toLowerCase()}://${host.toLowerCase()}`;
}
