import type { DocLocale } from '../../../../shared';
import type { LabelElement } from '../../../core/documents/label-layout';
import { ZPL_BASE_DPI } from '../../../core/documents/zpl';
import { barcodeSvg, code128, qrCode } from './barcodes';
import { esc, htmlPage } from './html-page';
import { PAGE_MM } from './pdf-canvas';

/** Millimetres per layout dot. */
const MM = 25.4 / ZPL_BASE_DPI;
const mm = (dots: number) => `${(dots * MM).toFixed(2)}mm`;

/** A 4×6 label as an HTML page: the same layout as the ZPL and the PDF, positioned in millimetres. */
export function labelToHtml(elements: readonly LabelElement[], title: string, locale: DocLocale): string {
  const parts = elements.map((el) => {
    const at = `left:${mm(el.x)};top:${mm(el.y)}`;
    switch (el.type) {
      case 'box': {
        const t = el.thickness;
        const filled = el.height <= t || el.width <= t || t * 2 >= Math.min(el.width, el.height);
        const size = `width:${mm(Math.max(el.width, t))};height:${mm(Math.max(el.height, t))}`;
        return filled
          ? `<div class="el" style="${at};${size};background:#000"></div>`
          : `<div class="el" style="${at};${size};border:${mm(t)} solid #000"></div>`;
      }
      case 'text': {
        if (el.value.trim() === '') return '';
        const lines = el.lines ?? 1;
        const font = `font-size:${mm(el.height * 0.8)};line-height:1.15;max-height:${mm(el.height * 0.8 * 1.15 * lines)}`;
        const align = el.align === 'C' ? 'center' : el.align === 'R' ? 'right' : 'left';
        const wrap = lines === 1 ? 'white-space:nowrap;text-overflow:ellipsis' : '';
        return `<div class="el t" style="${at};width:${mm(el.width)};${font};text-align:${align};${wrap}${el.inverse ? ';color:#fff' : ''}">${esc(el.value)}</div>`;
      }
      case 'code128': {
        const code = code128(el.value);
        const width = code.kind === 'linear' ? code.modules * el.module : 0;
        return (
          `<div class="el" style="${at}">${barcodeSvg(code, mm(width), mm(el.height))}` +
          `<div class="hr" style="width:${mm(width)};font-size:${mm(el.module * 9)}">${esc(el.value)}</div></div>`
        );
      }
      case 'qr': {
        const code = qrCode(el.value);
        const side = code.kind === 'matrix' ? code.size * el.magnification : 0;
        return `<div class="el" style="${at}">${barcodeSvg(code, mm(side), mm(side))}</div>`;
      }
    }
  });
  const page = PAGE_MM['4x6'];
  return htmlPage({
    title,
    locale,
    pageMm: page,
    css: `.label { position: relative; width: ${page.width}mm; height: ${page.height}mm; overflow: hidden; }
.el { position: absolute; }
.t { font-weight: bold; overflow: hidden; font-family: "Arial Narrow", "Helvetica Neue", Helvetica, Arial, sans-serif; }
.hr { text-align: center; font-family: "DejaVu Sans Mono", Menlo, monospace; margin-top: 0.5mm; }`,
    body: `<div class="label">${parts.join('')}</div>`,
  });
}
