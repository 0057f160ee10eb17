import type { DocLocale } from '../../../../shared';

/** Escapes text for HTML content and attributes. */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A self-contained page: inline CSS, no scripts, no external resources (Electron prints it in a
 * sandboxed window with no network), sized to the paper with no margins of its own.
 */
export function htmlPage(o: {
  title: string;
  locale: DocLocale;
  pageMm: { width: number; height: number };
  css: string;
  body: string;
}): string {
  return `<!doctype html>
<html lang="${o.locale}"><head><meta charset="utf-8"><title>${esc(o.title)}</title>
<style>
@page { size: ${o.pageMm.width}mm ${o.pageMm.height}mm; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; color: #000; background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: Helvetica, Arial, sans-serif; }
svg { display: block; }
${o.css}
</style></head>
<body>${o.body}</body></html>
`;
}
