import type { DocLocale, PaperSize } from '../../../../shared';
import { describeWaveGroup } from '../../../../shared';
import type { PickListModel } from '../../../core/documents/document-models';
import { docText, formatDateTime } from '../../../core/documents/doc-text';
import { type Barcode, code128, QUIET_LINEAR } from './barcodes';
import { drawBarcode, pdfBytes, textBox } from './pdf-canvas';
import { type Column, SheetWriter } from './sheet-writer';
import { lineScanValue, pickListTitle, slotSummary } from './pick-list-content';

/** Widest a barcode module may be (pt), and the narrowest that still scans from paper. */
const MAX_MODULE = 1.1;
const MIN_MODULE = 0.55;

/** Columns as parts of an A4 content width (523 pt); scaled to Letter. */
function scaled(cols: Column[], width: number): Column[] {
  const total = cols.reduce((a, c) => a + c.width, 0);
  return cols.map((c) => ({ ...c, width: (c.width * width) / total }));
}

/** Draws a Code128 centred in a cell, as wide as the cell allows within the module limits. */
function cellBarcode(w: SheetWriter, code: Barcode, x: number, y: number, cellWidth: number, height: number): void {
  if (code.kind !== 'linear') return;
  const module = Math.min(MAX_MODULE, cellWidth / (code.modules + 2 * QUIET_LINEAR));
  if (module < MIN_MODULE) return; // too long to scan at this size: the SKU is printed beside it
  const width = code.modules * module;
  drawBarcode(w.doc, code, x + (cellWidth - width) / 2, y, width, height);
}

/**
 * The pick list as a PDF sheet: the wave's header (with its barcode) on every page, the sort
 * table (slot → order), then the walk in the order given — one row per SKU with a Code128 of its
 * EAN (or SKU) to scan from the sheet.
 */
export async function pickListToPdf(m: PickListModel, paper: PaperSize, locale: DocLocale): Promise<Uint8Array> {
  const t = docText(locale);
  const waveCode = code128(m.waveCode);
  const info: [string, string][] = [
    [t.location, m.locationName],
    [t.groupedBy, describeWaveGroup(m.groupedBy, locale)],
    [t.cutoff, formatDateTime(m.cutoffAt, locale)],
    [t.releasedBy, m.releasedBy],
    [t.releasedAt, formatDateTime(m.releasedAt, locale)],
  ];

  const w = new SheetWriter(paper, pickListTitle(m, locale), (w, first) => {
    const top = w.y;
    textBox(w.doc, t.pickList, w.left, top, { width: w.width - 200, size: first ? 18 : 12, bold: true });
    textBox(w.doc, `${t.wave} ${m.waveCode}`, w.left, top + (first ? 24 : 16), { width: w.width - 200, size: first ? 14 : 10, bold: true });
    // The wave's barcode, top right: scanned to open the wave on the floor.
    const bw = 190;
    cellBarcode(w, waveCode, w.left + w.width - bw, top, bw, first ? 34 : 22);
    textBox(w.doc, m.waveCode, w.left + w.width - bw, top + (first ? 37 : 25), { width: bw, size: 8, align: 'center' });
    w.y = top + (first ? 50 : 36);
    if (first) {
      const colW = w.width / 3;
      info.forEach(([label, value], i) => {
        const x = w.left + (i % 3) * colW;
        const y = w.y + Math.floor(i / 3) * 22;
        textBox(w.doc, label, x, y, { width: colW - 8, size: 7, color: '#444' });
        textBox(w.doc, value, x, y + 8, { width: colW - 8, size: 9, bold: true });
      });
      w.y += 48;
    }
  });

  const sortCols = scaled(
    [
      { title: t.slot, width: 70 },
      { title: t.order, width: 90 },
      { title: t.customer, width: 300 },
      { title: t.units, width: 63, align: 'right' },
    ],
    w.width,
  );
  w.heading(t.sortTitle);
  w.table(sortCols);
  for (const o of m.orders) {
    w.row(sortCols, 16, (xs, y) => {
      textBox(w.doc, o.slot, xs[0]! + 3, y + 4, { width: sortCols[0]!.width - 6, size: 10, bold: true });
      textBox(w.doc, `#${o.orderNumber}`, xs[1]! + 3, y + 4, { width: sortCols[1]!.width - 6, size: 9 });
      textBox(w.doc, o.customerName, xs[2]! + 3, y + 4, { width: sortCols[2]!.width - 6, size: 9 });
      textBox(w.doc, String(o.units), xs[3]! + 3, y + 4, { width: sortCols[3]!.width - 6, size: 9, align: 'right' });
    });
  }

  const walkCols = scaled(
    [
      { title: '#', width: 20 },
      { title: t.bin, width: 64 },
      { title: `${t.sku} / ${t.product}`, width: 140 },
      { title: t.ean, width: 64 },
      { title: t.qty, width: 32, align: 'right' },
      { title: t.sortTo, width: 58 },
      { title: t.scan, width: 145, align: 'center' },
    ],
    w.width,
  );
  w.heading(t.walkTitle);
  w.table(walkCols);
  const cw = (i: number) => walkCols[i]!.width - 6;
  for (const line of m.lines) {
    w.row(walkCols, 36, (xs, y) => {
      const d = w.doc;
      textBox(d, String(line.seq), xs[0]! + 3, y + 5, { width: cw(0), size: 8 });
      textBox(d, line.bin ?? t.noBin, xs[1]! + 3, y + 5, { width: cw(1), size: line.bin ? 10 : 8, bold: !!line.bin, lines: 2 });
      textBox(d, line.sku, xs[2]! + 3, y + 5, { width: cw(2), size: 9, bold: true });
      textBox(d, line.productName ?? '', xs[2]! + 3, y + 16, { width: cw(2), size: 8, lines: 2 });
      textBox(d, line.ean ?? t.none, xs[3]! + 3, y + 5, { width: cw(3), size: 8 });
      textBox(d, String(line.quantity), xs[4]! + 3, y + 5, { width: cw(4), size: 12, bold: true, align: 'right' });
      textBox(d, slotSummary(line.slots), xs[5]! + 3, y + 5, { width: cw(5), size: 8, lines: 3 });
      cellBarcode(w, code128(lineScanValue(line)), xs[6]!, y + 5, walkCols[6]!.width, 24);
    });
  }
  w.finish(t.page, `${t.pickList} ${m.waveCode} · ${m.locationName}`);
  return pdfBytes(w.doc);
}
