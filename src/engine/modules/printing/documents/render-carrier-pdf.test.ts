import { describe, expect, it } from 'vitest';
import type { CarrierPdfModel } from '../../../core/documents/document-models';
import { previewDocument, renderForPrinter } from '../print-render';
import { documentTitle, renderDocument } from './render-document';

/** A carrier's PDF label prints as it came, on a PDF printer only, and previews as itself. */
const pdf = Buffer.from('%PDF-1.4\n% carrier label ñ\n%%EOF\n', 'utf8');
const model: CarrierPdfModel = { kind: 'carrier_pdf', docType: 'shipping_label', pdfBase64: pdf.toString('base64') };
const job = { id: 'j1', title: 'Pedido #7 · Bulto 1/1', docType: 'shipping_label' as const, model, locale: 'es' as const };

describe('carrier PDF labels', () => {
  it('pass through byte for byte to a PDF printer, without a page form for silent printing', async () => {
    const out = await renderForPrinter(job, 'pdf', { dpi: null, paper: '4x6' });
    expect(Buffer.from(out.bytes).equals(pdf)).toBe(true);
    expect(out.html).toBeUndefined();
    const r = await renderDocument(model, { format: 'pdf', dpi: null, paper: '4x6', locale: 'es' });
    expect(Buffer.from(r.bytes).equals(pdf)).toBe(true);
    expect(documentTitle(model, 'en')).toBe('Carrier label (PDF)');
  });

  it('are refused on a ZPL printer, saying where to route them', async () => {
    await expect(renderForPrinter(job, 'zpl', { dpi: 203, paper: '4x6' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('cannot be printed on a ZPL printer'),
    });
  });

  it('preview as the PDF itself', async () => {
    const p = await previewDocument(job, null, null);
    expect(p.pdfBase64).toBe(model.pdfBase64);
    expect(p.zpl).toBeNull();
    expect(p.html).toContain('Etiqueta del transportista (PDF)');
  });
});
