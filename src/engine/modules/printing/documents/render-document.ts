import { AppError, type DocLocale, type PaperSize } from '../../../../shared';
import type { CarrierPdfModel, CarrierZplModel, DocumentModel } from '../../../core/documents/document-models';
import { docText, ofTotal } from '../../../core/documents/doc-text';
import { type LabelElement, pickupLabelLayout, returnLabelLayout, shippingLabelLayout } from '../../../core/documents/label-layout';
import { labelToZpl } from '../../../core/documents/label-zpl';
import { esc, htmlPage } from './html-page';
import { labelToHtml } from './label-html';
import { labelToPdf } from './label-pdf';
import { packingSlipToHtml } from './packing-slip-html';
import { packingSlipTitle, packingSlipToPdf } from './packing-slip-pdf';
import { pickListTitle } from './pick-list-content';
import { pickListToHtml } from './pick-list-html';
import { pickListToPdf } from './pick-list-pdf';
import { PAGE_MM } from './pdf-canvas';

export interface RenderTarget {
  format: 'pdf' | 'zpl';
  /** Thermal printers' resolution; null (unknown) renders ZPL at 203 dpi, the common one. */
  dpi: 203 | 300 | null;
  paper: PaperSize;
  locale: DocLocale;
}

export interface Rendered {
  bytes: Uint8Array;
  /**
   * The same document as a self-contained page (Electron's silent printing, previews). Drawn when
   * first read: encoding its barcodes costs more than the ZPL itself, and only Electron needs it.
   */
  readonly html: string;
  pageMm: { width: number; height: number };
}

const SHEET_NAMES = { pick_list: 'a pick list', packing_slip: 'a packing slip' } as const;

/**
 * Renders a document for one printer: sheets (pick list, packing slip) as PDF on A4 or Letter;
 * labels as ZPL 4×6 at the printer's dpi or as a 4×6 PDF; a carrier's ZPL or PDF as it came. Called when
 * a job is sent and for previews; the same model renders the same document every time.
 */
export async function renderDocument(model: DocumentModel, target: RenderTarget): Promise<Rendered> {
  const { locale } = target;
  switch (model.kind) {
    case 'pick_list':
    case 'packing_slip': {
      const name = SHEET_NAMES[model.kind];
      if (target.format !== 'pdf') {
        throw new AppError('VALIDATION_FAILED', `${name} prints on a PDF printer: route ${model.kind} to a laser/PDF printer`, [
          { path: 'format', message: `${model.kind} needs a pdf printer, not zpl` },
        ]);
      }
      if (target.paper === '4x6') {
        throw new AppError(
          'VALIDATION_FAILED',
          `${name} prints on A4 or Letter paper: route ${model.kind} to a printer with A4 or Letter paper`,
          [{ path: 'paper', message: `${model.kind} needs A4 or Letter, not 4x6` }],
        );
      }
      const pageMm = PAGE_MM[target.paper];
      if (model.kind === 'pick_list') {
        return rendered(await pickListToPdf(model, target.paper, locale), () => pickListToHtml(model, target.paper, locale), pageMm);
      }
      return rendered(await packingSlipToPdf(model, target.paper, locale), () => packingSlipToHtml(model, target.paper, locale), pageMm);
    }
    case 'carrier_zpl': {
      if (target.format !== 'zpl') {
        throw new AppError(
          'VALIDATION_FAILED',
          `a carrier's ZPL label cannot be printed on a PDF printer: route ${model.docType} to a ZPL thermal printer`,
          [{ path: 'format', message: 'a carrier ZPL label needs a zpl printer' }],
        );
      }
      // As the carrier sent it: no escaping, no ^CI, no scaling — the carrier drew it for the printer.
      return rendered(new TextEncoder().encode(model.zpl), () => carrierZplHtml(model, locale), PAGE_MM['4x6']);
    }
    case 'carrier_pdf': {
      if (target.format !== 'pdf') {
        throw new AppError(
          'VALIDATION_FAILED',
          `a carrier's PDF label cannot be printed on a ZPL printer: route ${model.docType} to a PDF (laser or label) printer`,
          [{ path: 'format', message: 'a carrier PDF label needs a pdf printer' }],
        );
      }
      // As the carrier sent it: the PDF is the carrier's drawing, never redrawn.
      return rendered(new Uint8Array(Buffer.from(model.pdfBase64, 'base64')), () => carrierPdfHtml(model, locale), PAGE_MM['4x6']);
    }
    case 'shipping_label':
    case 'pickup_label':
    case 'return_label': {
      const { elements, title } = labelLayout(model, locale);
      const bytes =
        target.format === 'zpl' ? new TextEncoder().encode(labelToZpl(elements, target.dpi ?? 203)) : await labelToPdf(elements, title);
      return rendered(bytes, () => labelToHtml(elements, title, locale), PAGE_MM['4x6']);
    }
  }
}

/** A rendering whose HTML is drawn on first read (and kept). */
function rendered(bytes: Uint8Array, drawHtml: () => string, pageMm: { width: number; height: number }): Rendered {
  let html: string | undefined;
  return {
    bytes,
    pageMm,
    get html() {
      return (html ??= drawHtml());
    },
  };
}

function labelLayout(
  model: Extract<DocumentModel, { kind: 'shipping_label' | 'pickup_label' | 'return_label' }>,
  locale: DocLocale,
): { elements: LabelElement[]; title: string } {
  const t = docText(locale);
  switch (model.kind) {
    case 'shipping_label':
      return {
        elements: shippingLabelLayout(model, locale),
        title: `${t.order} #${model.orderNumber} · ${t.parcel} ${ofTotal(model.seq, model.of)}`,
      };
    case 'pickup_label':
      return { elements: pickupLabelLayout(model, locale), title: `${t.storePickup} #${model.orderNumber}` };
    case 'return_label':
      return { elements: returnLabelLayout(model, locale), title: `${t.returnCode} ${model.returnCode}` };
  }
}

/** A carrier's ZPL shown as text (a browser cannot draw ZPL): what will be sent, for a person to check. */
export function carrierZplHtml(model: CarrierZplModel, locale: DocLocale): string {
  const title = docText(locale).carrierZpl;
  return htmlPage({
    title,
    locale,
    pageMm: PAGE_MM['4x6'],
    css: 'h1 { font-size: 11pt; margin: 4mm; } pre { margin: 4mm; font: 7pt/1.3 "DejaVu Sans Mono", Menlo, monospace; white-space: pre-wrap; word-break: break-all; }',
    body: `<h1>${esc(title)}</h1><pre>${esc(model.zpl)}</pre>`,
  });
}

/**
 * A carrier's PDF as a page: a browser frame without scripts cannot draw a PDF, so the page says
 * what it is and its size (the preview's PDF download shows the label itself).
 */
export function carrierPdfHtml(model: CarrierPdfModel, locale: DocLocale): string {
  const title = docText(locale).carrierPdf;
  const kb = Math.max(1, Math.round((model.pdfBase64.length * 3) / 4 / 1024));
  return htmlPage({
    title,
    locale,
    pageMm: PAGE_MM['4x6'],
    css: 'h1 { font-size: 11pt; margin: 4mm; } p { margin: 4mm; font-size: 9pt; }',
    body: `<h1>${esc(title)}</h1><p>PDF · ${kb} KB</p>`,
  });
}

/** A short title for a document (PDF info, job names), in its language. */
export function documentTitle(model: DocumentModel, locale: DocLocale): string {
  if (model.kind === 'pick_list') return pickListTitle(model, locale);
  if (model.kind === 'packing_slip') return packingSlipTitle(model, locale);
  if (model.kind === 'carrier_zpl') return docText(locale).carrierZpl;
  if (model.kind === 'carrier_pdf') return docText(locale).carrierPdf;
  return labelLayout(model, locale).title;
}
