import type { DocLocale } from '../../../../shared';
import type { PickListModel } from '../../../core/documents/document-models';
import { docText } from '../../../core/documents/doc-text';

type Line = PickListModel['lines'][number];

/** What a line's barcode carries: the EAN when the product has one (what the item itself bears), else the SKU. */
export function lineScanValue(line: Pick<Line, 'sku' | 'ean'>): string {
  return line.ean && line.ean.trim() !== '' ? line.ean : line.sku;
}

/** The units per sort slot, as a picker reads them: "A×2  B×1". */
export function slotSummary(slots: Line['slots']): string {
  return slots.map((s) => `${s.slot}×${s.quantity}`).join('  ');
}

/** The document's title (PDF info, HTML title): "Lista de picking W-12". */
export function pickListTitle(m: PickListModel, locale: DocLocale): string {
  return `${docText(locale).pickList} ${m.waveCode}`;
}
