/**
 * Writes the desk's CSP into its page as `<meta http-equiv="Content-Security-Policy">`, replacing
 * any there. Used by the build (electron.vite.config.ts, so out/renderer/index.html carries the
 * policy of src/shared/csp.ts) and by the app: protocol when it serves the page (so the meta tag
 * admits the tile server configured at run time, as the header does — a page enforces both, and a
 * build-time tag would block tiles the header allows).
 */
const CSP_META = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>\s*/gi;

export function withCspMeta(html: string, policy: string): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" />`;
  const without = html.replace(CSP_META, '');
  // Right after <head>: a policy applies only to what follows it in the document.
  const withTag = without.replace(/<head(\s[^>]*)?>/i, (head) => `${head}\n    ${tag}`);
  if (withTag === without) throw new Error('The desk page has no <head>: cannot write its Content-Security-Policy');
  return withTag;
}
