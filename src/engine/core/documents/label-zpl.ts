import type { LabelElement } from './label-layout';
import { LABEL_4X6_DOTS, ZplWriter } from './zpl';

/** A label layout as ZPL at the printer's resolution; the printer draws the barcodes itself (`^BC`, `^BQ`). */
export function labelToZpl(elements: readonly LabelElement[], dpi: 203 | 300): string {
  const zpl = new ZplWriter(dpi, LABEL_4X6_DOTS);
  for (const el of elements) {
    switch (el.type) {
      case 'text':
        if (el.value.trim() !== '') zpl.text(el.x, el.y, el.value, el);
        break;
      case 'box':
        zpl.box(el.x, el.y, el.width, el.height, el.thickness);
        break;
      case 'code128':
        zpl.code128(el.x, el.y, el.value, { height: el.height, module: el.module });
        break;
      case 'qr':
        zpl.qr(el.x, el.y, el.value, { magnification: el.magnification });
        break;
    }
  }
  return zpl.toString();
}
