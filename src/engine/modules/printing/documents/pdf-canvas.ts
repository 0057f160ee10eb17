import PDFDocument from 'pdfkit';
import type { PaperSize } from '../../../../shared';
import { toWinAnsi } from '../../../core/documents/win-ansi';
import { type Barcode, darkRects, symbolModules } from './barcodes';

/** Page sizes in millimetres, as the printer port and Electron take them. */
export const PAGE_MM: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  Letter: { width: 215.9, height: 279.4 },
  '4x6': { width: 101.6, height: 152.4 },
};

/** PDF points per millimetre. */
export const PT_PER_MM = 72 / 25.4;

export type Pdf = PDFKit.PDFDocument;

/**
 * A PDF of one page size, pages kept in memory so headers can write "1/3" once the total is known.
 * Helvetica is the built-in font: nothing is read from disk for fonts beyond pdfkit's own metrics.
 */
export function createPdf(paper: PaperSize, title: string, margin: number): Pdf {
  const { width, height } = PAGE_MM[paper];
  return new PDFDocument({
    size: [width * PT_PER_MM, height * PT_PER_MM],
    margin,
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: toWinAnsi(title), Creator: 'Atalaya', Producer: 'Atalaya' },
  });
}

/** Ends the document and resolves with its bytes. */
export function pdfBytes(doc: Pdf): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}

export interface TextBox {
  width: number;
  size: number;
  bold?: boolean;
  /** Lines the text may take; the last is cut with an ellipsis. Default 1. */
  lines?: number;
  align?: 'left' | 'center' | 'right';
  color?: string;
}

const lastColor = new WeakMap<Pdf, { page: unknown; color: string }>();

/**
 * Sets the fill colour, unless it is set already on this page: setting it writes operators each
 * time, and a pick list has thousands of cells, nearly all black. Every fill in these documents
 * goes through here so the remembered colour is the real one.
 */
export function fillWith(doc: Pdf, color: string): Pdf {
  const last = lastColor.get(doc);
  if (last?.page !== doc.page || last.color !== color) {
    doc.fillColor(color);
    lastColor.set(doc, { page: doc.page, color });
  }
  return doc;
}

/** Text in a box of `lines` lines: never spills into what is drawn below it. Characters Helvetica lacks are replaced. */
export function textBox(doc: Pdf, value: string, x: number, y: number, o: TextBox): void {
  if (value === '') return;
  const lines = o.lines ?? 1;
  doc.font(o.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(o.size);
  fillWith(doc, o.color ?? '#000');
  const text = toWinAnsi(value);
  // Lines are fitted, cut and aligned here and each is drawn without a width, which skips pdfkit's
  // line wrapper: a 500-line pick list has thousands of cells, and the wrapper was most of its cost.
  const rows = lines === 1 || doc.widthOfString(text) <= o.width ? [fitOneLine(doc, text, o.width)] : wrapLines(doc, text, o.width, lines);
  const lineHeight = doc.currentLineHeight(true);
  rows.forEach((row, i) => {
    const slack = o.align && o.align !== 'left' ? o.width - doc.widthOfString(row) : 0;
    doc.text(row, x + (o.align === 'center' ? slack / 2 : slack), y + i * lineHeight, { lineBreak: false, lineGap: 0 });
  });
}

/** Greedy word wrap into at most `max` lines; the last line takes the rest, cut with an ellipsis. A word wider than a line is cut. */
function wrapLines(doc: Pdf, text: string, width: number, max: number): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const rows: string[] = [];
  let current = '';
  for (let i = 0; i < words.length; i++) {
    const candidate = current === '' ? words[i]! : `${current} ${words[i]}`;
    if (current === '' || doc.widthOfString(candidate) <= width) {
      current = candidate;
      continue;
    }
    rows.push(fitOneLine(doc, current, width));
    if (rows.length === max - 1) {
      rows.push(fitOneLine(doc, words.slice(i).join(' '), width));
      return rows;
    }
    current = words[i]!;
  }
  if (current !== '') rows.push(fitOneLine(doc, current, width));
  return rows;
}

/** Cuts a one-line text to the width with an ellipsis (pdfkit would wrap it instead). */
function fitOneLine(doc: Pdf, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(text.slice(0, mid) + '…') <= width) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo).trimEnd() + '…';
}

/**
 * Draws a barcode as filled rectangles: a linear code `width` wide and `height` tall, a matrix
 * `width` square. The caller leaves the quiet zone around it.
 */
export function drawBarcode(doc: Pdf, code: Barcode, x: number, y: number, width: number, height: number): void {
  const unit = width / symbolModules(code);
  const n = (v: number) => v.toFixed(3);
  // One content write per barcode, the same `re` operators doc.rect() writes one call at a time.
  const ops: string[] = [];
  for (const [rx, ry, rw, rh] of darkRects(code)) {
    if (code.kind === 'linear') ops.push(`${n(x + rx * unit)} ${n(y)} ${n(rw * unit)} ${n(height)} re`);
    else ops.push(`${n(x + rx * unit)} ${n(y + ry * unit)} ${n(rw * unit)} ${n(rh * unit)} re`);
  }
  fillWith(doc, '#000');
  doc.addContent(ops.join('\n'));
  doc.fill();
}
