import type { LabelElement } from '../../../core/documents/label-layout';
import { ZPL_BASE_DPI } from '../../../core/documents/zpl';
import { code128, qrCode, QUIET_LINEAR } from './barcodes';
import { createPdf, drawBarcode, fillWith, pdfBytes, textBox } from './pdf-canvas';

/** PDF points per layout dot (layouts are drawn at 203 dpi). */
const K = 72 / ZPL_BASE_DPI;
/**
 * Helvetica is wider than the thermal printers' condensed font 0: at the same height a line would
 * overflow its block, so text is set a little smaller than its dot height says.
 */
const FONT = 0.8;

/** A 4×6 label as a one-page PDF (101.6×152.4 mm), for printers that do not speak ZPL. */
export async function labelToPdf(elements: readonly LabelElement[], title: string): Promise<Uint8Array> {
  const doc = createPdf('4x6', title, 0);
  for (const el of elements) {
    switch (el.type) {
      case 'box': {
        const t = el.thickness;
        if (el.height <= t || el.width <= t || t * 2 >= Math.min(el.width, el.height)) {
          fillWith(doc, '#000')
            .rect(el.x * K, el.y * K, Math.max(el.width, t) * K, Math.max(el.height, t) * K)
            .fill();
        } else {
          doc
            .lineWidth(t * K)
            .rect((el.x + t / 2) * K, (el.y + t / 2) * K, (el.width - t) * K, (el.height - t) * K)
            .stroke('#000');
        }
        break;
      }
      case 'text': {
        const size = el.height * K * FONT;
        // Font 0's cell puts the cap line near the top; Helvetica's ascender sits a little higher.
        textBox(doc, el.value, el.x * K, el.y * K + size * 0.05, {
          width: el.width * K,
          size,
          bold: true,
          lines: el.lines ?? 1,
          align: el.align === 'C' ? 'center' : el.align === 'R' ? 'right' : 'left',
          color: el.inverse ? '#fff' : '#000',
        });
        break;
      }
      case 'code128': {
        const code = code128(el.value);
        const width = code.kind === 'linear' ? code.modules * el.module * K : 0;
        drawBarcode(doc, code, el.x * K, el.y * K, width, el.height * K);
        const size = 10 * el.module * K;
        textBox(doc, el.value, el.x * K - QUIET_LINEAR * el.module * K, (el.y + el.height + 6) * K, {
          width: width + 2 * QUIET_LINEAR * el.module * K,
          size,
          align: 'center',
        });
        break;
      }
      case 'qr': {
        const code = qrCode(el.value);
        const side = code.kind === 'matrix' ? code.size * el.magnification * K : 0;
        drawBarcode(doc, code, el.x * K, el.y * K, side, side);
        break;
      }
    }
  }
  return pdfBytes(doc);
}
