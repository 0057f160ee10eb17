import type { DocLocale, PaperSize } from '../../../../shared';
import { esc, htmlPage } from './html-page';
import { PAGE_MM } from './pdf-canvas';

/**
 * The frame of a sheet as HTML: the paper size with 12.7 mm margins, page numbers "1/3" in the
 * margin (Chromium's page margin boxes), table heads that repeat on every page.
 */
export function sheetHtml(o: {
  title: string;
  locale: DocLocale;
  paper: PaperSize;
  pageWord: string;
  footer: string;
  body: string;
}): string {
  const page = PAGE_MM[o.paper];
  return htmlPage({
    title: o.title,
    locale: o.locale,
    pageMm: page,
    css: `@page { margin: 12.7mm 12.7mm 16mm;
  @bottom-left { content: "${cssString(o.footer)}"; font: 8pt Helvetica, Arial, sans-serif; }
  @bottom-right { content: "${cssString(o.pageWord)} " counter(page) "/" counter(pages); font: 8pt Helvetica, Arial, sans-serif; } }
body { font-size: 9pt; }
h1 { font-size: 18pt; margin: 0; }
h2 { font-size: 12pt; margin: 4mm 0 2mm; }
.sub { font-size: 14pt; font-weight: bold; margin: 1mm 0 3mm; }
.head { display: flex; justify-content: space-between; align-items: flex-start; gap: 6mm; }
.codes { display: flex; gap: 4mm; align-items: flex-start; text-align: center; font-size: 8pt; }
.facts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2mm 4mm; margin-bottom: 3mm; }
.facts.four { grid-template-columns: repeat(4, 1fr); }
.facts small, .addr small { display: block; color: #444; font-size: 7pt; }
.facts b { font-size: 9pt; }
.addrs { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; margin-bottom: 2mm; }
.addr div:first-of-type { font-weight: bold; font-size: 11pt; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
th { background: #e6e6e6; text-align: left; font-size: 8pt; padding: 1.2mm; }
td { border-bottom: 0.5pt solid #999; padding: 1.2mm; vertical-align: top; }
tr { break-inside: avoid; }
.r { text-align: right; }
.c { text-align: center; }
.big { font-size: 11pt; font-weight: bold; }
.qty { font-size: 12pt; font-weight: bold; text-align: right; }
.muted { color: #444; font-size: 8pt; }
.scan svg { margin: 0 auto; }
.codes svg { margin: 0 auto 1mm; }`,
    body: o.body,
  });
}

/** Text inside a CSS string literal. */
function cssString(value: string): string {
  return value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r]/g, ' ');
}

/** A label/value fact for the header grid. */
export function fact(label: string, value: string): string {
  return `<div><small>${esc(label)}</small><b>${esc(value)}</b></div>`;
}
