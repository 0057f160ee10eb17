import type { DocLocale, PaperSize } from '../../../../shared';
import { describeWaveGroup } from '../../../../shared';
import type { PickListModel } from '../../../core/documents/document-models';
import { docText, formatDateTime } from '../../../core/documents/doc-text';
import { barcodeSvg, code128, QUIET_LINEAR } from './barcodes';
import { esc } from './html-page';
import { lineScanValue, pickListTitle, slotSummary } from './pick-list-content';
import { fact, sheetHtml } from './sheet-html';

/** Millimetres per module of a line's barcode, and the cell it must fit (as in the PDF: 0.39 mm = 1.1 pt). */
const MODULE_MM = 0.39;
const CELL_MM = 50;

/** A Code128 sized to scan from paper: its natural width, or narrower to fit the cell. */
function scanSvg(value: string, heightMm: number): string {
  const code = code128(value);
  if (code.kind !== 'linear') return '';
  const module = Math.min(MODULE_MM, CELL_MM / (code.modules + 2 * QUIET_LINEAR));
  return barcodeSvg(code, `${(code.modules * module).toFixed(2)}mm`, `${heightMm}mm`);
}

/** The pick list as an HTML page: the same content as the PDF, for previews and Electron's printing. */
export function pickListToHtml(m: PickListModel, paper: PaperSize, locale: DocLocale): string {
  const t = docText(locale);
  const orders = m.orders
    .map(
      (o) =>
        `<tr><td class="big">${esc(o.slot)}</td><td>#${o.orderNumber}</td><td>${esc(o.customerName)}</td><td class="r">${o.units}</td></tr>`,
    )
    .join('');
  const lines = m.lines
    .map(
      (l) =>
        `<tr><td>${l.seq}</td><td class="big">${l.bin ? esc(l.bin) : `<span class="muted">${esc(t.noBin)}</span>`}</td>` +
        `<td><b>${esc(l.sku)}</b><br><span class="muted">${esc(l.productName ?? '')}</span></td>` +
        `<td>${esc(l.ean ?? t.none)}</td><td class="qty">${l.quantity}</td><td>${esc(slotSummary(l.slots))}</td>` +
        `<td class="scan">${scanSvg(lineScanValue(l), 8)}</td></tr>`,
    )
    .join('');
  const body = `
<div class="head"><div><h1>${esc(t.pickList)}</h1><div class="sub">${esc(t.wave)} ${esc(m.waveCode)}</div></div>
<div class="codes"><div>${scanSvg(m.waveCode, 12)}${esc(m.waveCode)}</div></div></div>
<div class="facts">${fact(t.location, m.locationName)}${fact(t.groupedBy, describeWaveGroup(m.groupedBy, locale))}${fact(t.cutoff, formatDateTime(m.cutoffAt, locale))}${fact(t.releasedBy, m.releasedBy)}${fact(t.releasedAt, formatDateTime(m.releasedAt, locale))}</div>
<h2>${esc(t.sortTitle)}</h2>
<table><thead><tr><th>${esc(t.slot)}</th><th>${esc(t.order)}</th><th>${esc(t.customer)}</th><th class="r">${esc(t.units)}</th></tr></thead><tbody>${orders}</tbody></table>
<h2>${esc(t.walkTitle)}</h2>
<table><thead><tr><th>#</th><th>${esc(t.bin)}</th><th>${esc(t.sku)} / ${esc(t.product)}</th><th>${esc(t.ean)}</th><th class="r">${esc(t.qty)}</th><th>${esc(t.sortTo)}</th><th class="c">${esc(t.scan)}</th></tr></thead><tbody>${lines}</tbody></table>`;
  return sheetHtml({
    title: pickListTitle(m, locale),
    locale,
    paper,
    pageWord: t.page,
    footer: `${t.pickList} ${m.waveCode} · ${m.locationName}`,
    body,
  });
}
