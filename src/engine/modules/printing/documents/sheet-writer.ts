import type { PaperSize } from '../../../../shared';
import { createPdf, fillWith, type Pdf, textBox } from './pdf-canvas';

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

const MARGIN = 36; // half an inch: inside what every laser printer can reach
const FOOTER = 22;

/**
 * Writes a sheet (A4 or Letter) top to bottom: a header drawn on every page, tables whose head
 * repeats after a page break, and "Página 1/3" footers written once the page count is known.
 */
export class SheetWriter {
  readonly doc: Pdf;
  readonly left = MARGIN;
  readonly width: number;
  y = MARGIN;
  private readonly bottom: number;
  private tableHead: { columns: Column[] } | null = null;

  constructor(
    paper: PaperSize,
    title: string,
    /** Draws the page header from `y` and returns where the content may start. */
    private readonly pageHeader: (w: SheetWriter, first: boolean) => void,
  ) {
    this.doc = createPdf(paper, title, MARGIN);
    this.width = this.doc.page.width - 2 * MARGIN;
    this.bottom = this.doc.page.height - MARGIN - FOOTER;
    this.pageHeader(this, true);
  }

  /** Starts a new page when `height` more points do not fit on this one. */
  ensure(height: number): void {
    if (this.y + height <= this.bottom) return;
    this.doc.addPage();
    this.y = MARGIN;
    this.pageHeader(this, false);
    if (this.tableHead) this.drawHead(this.tableHead.columns);
  }

  /** A section title. Kept with at least `keep` points of what follows it. */
  heading(text: string, keep = 60): void {
    this.tableHead = null;
    this.ensure(22 + keep);
    this.y += 6;
    textBox(this.doc, text, this.left, this.y, { width: this.width, size: 12, bold: true });
    this.y += 18;
  }

  /** Starts a table: draws its head now and after every page break until the next heading. */
  table(columns: Column[]): void {
    this.ensure(16 + 30);
    this.tableHead = { columns };
    this.drawHead(columns);
  }

  private drawHead(columns: Column[]): void {
    const top = this.y;
    fillWith(this.doc, '#e6e6e6').rect(this.left, top, this.width, 15).fill();
    let x = this.left;
    for (const c of columns) {
      textBox(this.doc, c.title, x + 3, top + 4, { width: c.width - 6, size: 8, bold: true, align: c.align });
      x += c.width;
    }
    this.y = top + 15;
  }

  /** One table row `height` tall; `draw` gets each column's left edge. A thin rule closes it. */
  row(columns: Column[], height: number, draw: (xs: number[], top: number) => void): void {
    this.ensure(height);
    const xs: number[] = [];
    let x = this.left;
    for (const c of columns) {
      xs.push(x);
      x += c.width;
    }
    draw(xs, this.y);
    this.y += height;
    this.doc
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(0.5)
      .stroke('#999');
  }

  /** Writes "<page> 1/3" and `footer` at the foot of every page. */
  finish(pageWord: string, footer: string): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      // Writing inside the bottom margin must not start a page of its own.
      const bottomMargin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      const y = this.doc.page.height - MARGIN - 10;
      textBox(this.doc, footer, this.left, y, { width: this.width / 2, size: 8 });
      textBox(this.doc, `${pageWord} ${i - start + 1}/${count}`, this.left + this.width / 2, y, {
        width: this.width / 2,
        size: 8,
        align: 'right',
      });
      this.doc.page.margins.bottom = bottomMargin;
    }
  }
}
