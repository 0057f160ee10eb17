import type { DocLocale, DocType, PaperSize, PrinterLanguage } from '../../../shared';
import type { DocumentModel } from '../../core/documents/document-models';
import type { RenderedDocument } from '../../ports/printer.port';
import { toWinAnsi } from '../../core/documents/win-ansi';
import { createPdf, pdfBytes, PT_PER_MM } from './documents/pdf-canvas';
import { carrierPdfHtml, carrierZplHtml, renderDocument } from './documents/render-document';
import { paperFor } from './print-policy';

/** A 4×6 label page in millimetres. */
const LABEL_MM = { width: 101.6, height: 152.4 } as const;

/** What a job is drawn from. */
export interface DrawableJob {
  id: string;
  title: string;
  docType: DocType;
  model: DocumentModel;
  locale: DocLocale;
}

/**
 * Draws a job for a printer in `format`: carrier-supplied ZPL goes to a ZPL printer and a carrier's
 * PDF to a PDF printer as they came (never re-encoded); everything else is rendered from its model at the printer's resolution and
 * paper (a label is a 4×6 page; a sheet A4 or Letter).
 */
export async function renderForPrinter(
  job: DrawableJob,
  format: PrinterLanguage,
  printer: { dpi: 203 | 300 | null; paper: PaperSize } | null,
): Promise<RenderedDocument> {
  if (job.model.kind === 'carrier_zpl' && format === 'zpl') {
    return { jobId: job.id, title: job.title, format, bytes: Buffer.from(job.model.zpl, 'utf8'), pageMm: { ...LABEL_MM } };
  }
  if (job.model.kind === 'carrier_pdf' && format === 'pdf') {
    // As it came, and no page form: silent printing would draw a page about the PDF, not the label.
    return { jobId: job.id, title: job.title, format, bytes: Buffer.from(job.model.pdfBase64, 'base64'), pageMm: { ...LABEL_MM } };
  }
  const r = await renderDocument(job.model, {
    format,
    dpi: printer?.dpi ?? 203,
    paper: paperFor(job.docType, printer),
    locale: job.locale,
  });
  // `html` stays lazy: only Electron's transport reads it.
  return {
    jobId: job.id,
    title: job.title,
    format,
    bytes: r.bytes,
    pageMm: r.pageMm,
    get html() {
      return r.html;
    },
  };
}

/**
 * The preview of a document: always a PDF (a label drawn as its 4×6 page), and the ZPL text
 * beside it when it prints on a thermal printer.
 */
export async function previewDocument(
  job: DrawableJob,
  zplPrinter: { dpi: 203 | 300 | null } | null,
  pdfPaper: { paper: PaperSize } | null,
): Promise<{ title: string; pdfBase64: string; zpl: string | null; html: string }> {
  if (job.model.kind === 'carrier_zpl') {
    // A carrier's ZPL is the carrier's drawing: the preview shows the text that will be sent.
    return {
      title: job.title,
      pdfBase64: Buffer.from(await zplTextPdf(job.title, job.model.zpl)).toString('base64'),
      zpl: job.model.zpl,
      html: carrierZplHtml(job.model, job.locale),
    };
  }
  if (job.model.kind === 'carrier_pdf') {
    return { title: job.title, pdfBase64: job.model.pdfBase64, zpl: null, html: carrierPdfHtml(job.model, job.locale) };
  }
  const pdf = await renderForPrinter(job, 'pdf', { dpi: null, paper: pdfPaper?.paper ?? 'A4' });
  const zpl = zplPrinter
    ? Buffer.from((await renderForPrinter(job, 'zpl', { dpi: zplPrinter.dpi, paper: '4x6' })).bytes).toString('utf8')
    : null;
  return { title: job.title, pdfBase64: Buffer.from(pdf.bytes).toString('base64'), zpl, html: pdf.html ?? '' };
}

/** A 4×6 page with ZPL as monospaced text (a PDF cannot draw ZPL; a person can still check what goes out). */
async function zplTextPdf(title: string, zpl: string): Promise<Uint8Array> {
  const margin = 4 * PT_PER_MM;
  const doc = createPdf('4x6', title, margin);
  const width = doc.page.width - 2 * margin;
  doc.font('Helvetica-Bold').fontSize(9).text(toWinAnsi(title), { width });
  doc.moveDown(0.5);
  doc.font('Courier').fontSize(6).text(zpl.split('\n').map(toWinAnsi).join('\n'), { width });
  return pdfBytes(doc);
}
