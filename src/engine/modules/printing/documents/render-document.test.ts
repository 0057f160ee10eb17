import { describe, expect, it } from 'vitest';
import type { CarrierZplModel, PickListModel, ShippingLabelModel } from '../../../core/documents/document-models';
import { renderDocument } from './render-document';

const address = { name: 'María Núñez', line1: 'Av. Grecia 1234', city: 'Peñalolén', region: 'RM', postalCode: '7910000', country: 'CL' };
const label: ShippingLabelModel = {
  kind: 'shipping_label',
  orderNumber: 1043,
  parcelCode: 'AT1043-1',
  trackingNumber: null,
  carrier: null,
  service: null,
  seq: 1,
  of: 1,
  weightGrams: 900,
  shipFrom: address,
  shipTo: address,
  promisedAt: null,
};
const pickList: PickListModel = {
  kind: 'pick_list',
  waveCode: 'W-7',
  locationName: 'Bodega',
  groupedBy: 'cut-off',
  cutoffAt: null,
  releasedAt: '2025-03-05T12:00:00Z',
  releasedBy: 'Ana',
  orders: [{ slot: 'A', orderNumber: 1043, customerName: 'María', units: 2 }],
  lines: [
    { seq: 1, bin: 'Z-09', sku: 'ZZZ', ean: null, productName: 'Último', quantity: 1, slots: [{ slot: 'A', quantity: 1 }] },
    { seq: 2, bin: 'A-01', sku: 'AAA', ean: '7801234567890', productName: 'Primero', quantity: 1, slots: [{ slot: 'A', quantity: 1 }] },
  ],
};
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('renderDocument', () => {
  it('passes a carrier ZPL through byte for byte, and shows it as text in the preview', async () => {
    const zpl = '^XA^FO10,10^A0N,30,30^FDCarrier ~ label ^ with _ raw^FS^XZ';
    const model: CarrierZplModel = { kind: 'carrier_zpl', docType: 'shipping_label', zpl };
    const out = await renderDocument(model, { format: 'zpl', dpi: 300, paper: '4x6', locale: 'es' });
    expect(Buffer.from(out.bytes).equals(Buffer.from(zpl, 'utf8'))).toBe(true);
    expect(out.html).toContain('Carrier ~ label ^ with _ raw');
    expect(out.pageMm).toEqual({ width: 101.6, height: 152.4 });
  });

  it('refuses a carrier ZPL for a PDF printer', async () => {
    const model: CarrierZplModel = { kind: 'carrier_zpl', docType: 'shipping_label', zpl: '^XA^XZ' };
    await expect(renderDocument(model, { format: 'pdf', dpi: null, paper: 'A4', locale: 'es' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('cannot be printed on a PDF printer'),
    });
  });

  it('refuses a sheet on a ZPL printer or on 4×6 paper, saying where to route it', async () => {
    await expect(renderDocument(pickList, { format: 'zpl', dpi: 203, paper: '4x6', locale: 'es' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'a pick list prints on a PDF printer: route pick_list to a laser/PDF printer',
    });
    await expect(renderDocument(pickList, { format: 'pdf', dpi: null, paper: '4x6', locale: 'es' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('renders a label as ZPL at the printer dpi (203 when unknown), or as a 4×6 PDF', async () => {
    const z300 = text((await renderDocument(label, { format: 'zpl', dpi: 300, paper: '4x6', locale: 'es' })).bytes);
    const zNull = text((await renderDocument(label, { format: 'zpl', dpi: null, paper: '4x6', locale: 'es' })).bytes);
    expect(z300.startsWith('^XA\n^CI28\n^PW1200\n^LL1800')).toBe(true);
    expect(zNull).toContain('^PW812\n^LL1218');
    const pdf = await renderDocument(label, { format: 'pdf', dpi: null, paper: 'A4', locale: 'es' });
    expect(text(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    expect(pdf.pageMm).toEqual({ width: 101.6, height: 152.4 });
    expect(text(pdf.bytes)).toContain('/MediaBox [0 0 288 432]');
  });

  it('renders sheets on A4 or Letter, with a self-contained HTML twin in the order given', async () => {
    const a4 = await renderDocument(pickList, { format: 'pdf', dpi: null, paper: 'A4', locale: 'es' });
    const letter = await renderDocument(pickList, { format: 'pdf', dpi: null, paper: 'Letter', locale: 'en' });
    expect(a4.pageMm).toEqual({ width: 210, height: 297 });
    expect(letter.pageMm).toEqual({ width: 215.9, height: 279.4 });
    expect(text(letter.bytes)).toContain('/MediaBox [0 0 612 792]');
    expect(a4.html).toContain('@page { size: 210mm 297mm');
    expect(a4.html).toContain('Ubicación');
    expect(letter.html).toContain('<th>Bin</th>');
    // The walk keeps the order it was given (Z-09 first), not an alphabetical one.
    expect(a4.html.indexOf('Z-09')).toBeLessThan(a4.html.indexOf('A-01'));
    expect(a4.html).toContain('<svg');
    expect(a4.html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(a4.html).not.toContain('<script');
  });
});
