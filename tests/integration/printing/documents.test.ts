import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Address,
  PackingSlipModel,
  PickListModel,
  PickupLabelModel,
  ReturnLabelModel,
  ShippingLabelModel,
} from '../../../src/engine/core/documents/document-models';
import { renderDocument } from '../../../src/engine/modules/printing/documents/render-document';
import { decodeBarcodes, pdfText, pdfToPngs, requireDecodeTools, scratchDir, zplToPng } from '../../support/decode-documents';

/**
 * The printed documents read back as a person and a scanner would: ZPL labels drawn by a Zebra
 * emulator and PDFs rasterised by poppler, every barcode decoded by zbar and compared with the
 * order; the PDF text checked for the walk order and the accents.
 */

const from: Address = {
  name: 'Bodega Central Atalaya',
  line1: 'Av. José Pedro Alessandri 1166',
  city: 'Peñalolén',
  region: 'Región Metropolitana',
  postalCode: '7910000',
  country: 'CL',
};
const to: Address = {
  name: 'María José Ñúñez',
  line1: 'Rua Conceição 45 ^~_',
  line2: 'Apto 12',
  city: 'São Paulo',
  region: 'SP',
  postalCode: '01010-000',
  country: 'BR',
  phone: '+55 11 5555 0000',
};

const shipping: ShippingLabelModel = {
  kind: 'shipping_label',
  orderNumber: 1043,
  parcelCode: 'AT1043-1',
  trackingNumber: 'CX123456789CL',
  carrier: 'Chilexpress',
  service: 'Día hábil siguiente',
  seq: 1,
  of: 2,
  weightGrams: 1250,
  shipFrom: from,
  shipTo: to,
  promisedAt: '2025-03-06T18:00:00Z',
};
const pickup: PickupLabelModel = {
  kind: 'pickup_label',
  orderNumber: 2077,
  customerName: 'João Ñandú',
  locationName: 'Tienda Providencia',
  reference: 'AT2077',
  readyAt: '2025-03-05T14:00:00Z',
  expiresAt: '2025-03-08T14:00:00Z',
  units: 3,
};
const returnLabel: ReturnLabelModel = {
  kind: 'return_label',
  returnCode: 'RT-1043-01',
  orderNumber: 1043,
  from: to,
  to: from,
  carrier: 'Correos de Chile',
  trackingNumber: null,
  expiresAt: '2025-04-01T12:00:00Z',
};

/** A walk whose given order is neither alphabetical by SKU nor by product: the PDF must keep it. */
const PRODUCTS = ['Yerba Mate Ñandú 500 g', 'Pão de Queijo 1 kg', 'Café Tostado', 'Dulce de leche'];
const pickList: PickListModel = {
  kind: 'pick_list',
  waveCode: 'W-0042',
  locationName: 'Bodega Peñalolén',
  groupedBy: 'Corte Chilexpress 16:00',
  cutoffAt: '2025-03-05T19:00:00Z',
  releasedAt: '2025-03-05T13:10:00Z',
  releasedBy: 'Ana Muñoz',
  orders: [
    { slot: 'A', orderNumber: 1043, customerName: 'María José Ñúñez', units: 20 },
    { slot: 'B', orderNumber: 1044, customerName: 'João Gonçalves', units: 25 },
  ],
  lines: Array.from({ length: 30 }, (_, i) => ({
    seq: i + 1,
    bin: `A${String(i + 1).padStart(2, '0')}-0${i % 4}`,
    sku: `SKU-${String(900 - i * 7)}`,
    ean: i % 2 === 0 ? `78000000${String(10000 + i * 37)}`.slice(0, 13) : null,
    productName: PRODUCTS[i % PRODUCTS.length]!,
    quantity: 1 + (i % 3),
    slots: [
      { slot: 'A', quantity: 1 },
      { slot: 'B', quantity: i % 3 },
    ].filter((s) => s.quantity > 0),
  })),
};
const packingSlip: PackingSlipModel = {
  kind: 'packing_slip',
  orderNumber: 1043,
  externalNumber: 'MLC-2000012345',
  channel: 'Mercado Libre',
  orderedAt: '2025-03-04T12:00:00Z',
  shipFrom: from,
  shipTo: to,
  deliveryType: 'home_delivery',
  parcels: [
    { code: 'AT1043-1', seq: 1, of: 2, weightGrams: 1250 },
    { code: 'AT1043-2', seq: 2, of: 2, weightGrams: 800 },
  ],
  lines: [
    { sku: 'YM-500', productName: 'Yerba Mate Ñandú 500 g', quantity: 2, parcelSeq: 1 },
    { sku: 'PQ-1K', productName: 'Pão de Queijo 1 kg', quantity: 1, parcelSeq: 2 },
  ],
  notes: null,
};

const zplOf = async (model: ShippingLabelModel | PickupLabelModel | ReturnLabelModel, dpi: 203 | 300) =>
  new TextDecoder().decode((await renderDocument(model, { format: 'zpl', dpi, paper: '4x6', locale: 'es' })).bytes);
const dataOf = (decoded: { type: string; data: string }[], type: string) =>
  decoded
    .filter((d) => d.type === type)
    .map((d) => d.data)
    .sort();

let dir = '';
let cleanup = async () => {};
beforeAll(async () => {
  await requireDecodeTools();
  ({ dir, cleanup } = await scratchDir());
});
afterAll(() => cleanup());

describe('ZPL labels, drawn by a Zebra emulator and scanned', () => {
  for (const dpi of [203, 300] as const) {
    it(`shipping label at ${dpi} dpi: the Code128 reads the parcel code, the QR order|parcel`, async () => {
      const png = await zplToPng(await zplOf(shipping, dpi), dpi, join(dir, `shipping-${dpi}.png`));
      const decoded = await decodeBarcodes(png);
      expect(dataOf(decoded, 'CODE-128')).toEqual(['AT1043-1']);
      expect(dataOf(decoded, 'QR-Code')).toEqual(['AT1043|AT1043-1']);
    });

    it(`pickup label at ${dpi} dpi: QR and Code128 both read the pickup reference`, async () => {
      const decoded = await decodeBarcodes(await zplToPng(await zplOf(pickup, dpi), dpi, join(dir, `pickup-${dpi}.png`)));
      expect(dataOf(decoded, 'CODE-128')).toEqual(['AT2077']);
      expect(dataOf(decoded, 'QR-Code')).toEqual(['AT2077']);
    });

    it(`return label at ${dpi} dpi: the Code128 reads the return code`, async () => {
      const decoded = await decodeBarcodes(await zplToPng(await zplOf(returnLabel, dpi), dpi, join(dir, `return-${dpi}.png`)));
      expect(dataOf(decoded, 'CODE-128')).toEqual(['RT-1043-01']);
    });
  }

  it('a carrier ZPL goes out exactly as it came', async () => {
    const zpl = '^XA^FO50,50^BY3^BCN,150,Y,N,N^FDCARRIER123^FS^XZ';
    const out = await renderDocument(
      { kind: 'carrier_zpl', docType: 'shipping_label', zpl },
      { format: 'zpl', dpi: 203, paper: '4x6', locale: 'es' },
    );
    expect(new TextDecoder().decode(out.bytes)).toBe(zpl);
    const decoded = await decodeBarcodes(await zplToPng(zpl, 203, join(dir, 'carrier.png')));
    expect(dataOf(decoded, 'CODE-128')).toEqual(['CARRIER123']);
  });
});

describe('PDF labels, rasterised and scanned', () => {
  it('shipping label: same barcodes as the ZPL one, and the addressee with its accents', async () => {
    const out = await renderDocument(shipping, { format: 'pdf', dpi: null, paper: '4x6', locale: 'pt' });
    const pages = await pdfToPngs(out.bytes, dir, 'shipping-pdf');
    expect(pages).toHaveLength(1);
    const decoded = await decodeBarcodes(...pages);
    expect(dataOf(decoded, 'CODE-128')).toEqual(['AT1043-1']);
    expect(dataOf(decoded, 'QR-Code')).toEqual(['AT1043|AT1043-1']);
    const text = await pdfText(out.bytes, dir, 'shipping-pdf-text');
    expect(text).toContain('María José Ñúñez');
    expect(text).toContain('São Paulo');
    expect(text).toContain('Rua Conceição 45 ^~_');
    expect(text).toContain('Volume 1/2');
  });

  it('pickup and return labels scan to their reference and return code', async () => {
    const p = await renderDocument(pickup, { format: 'pdf', dpi: null, paper: '4x6', locale: 'en' });
    const r = await renderDocument(returnLabel, { format: 'pdf', dpi: null, paper: '4x6', locale: 'es' });
    const pd = await decodeBarcodes(...(await pdfToPngs(p.bytes, dir, 'pickup-pdf')));
    expect(dataOf(pd, 'CODE-128')).toEqual(['AT2077']);
    expect(dataOf(pd, 'QR-Code')).toEqual(['AT2077']);
    const rd = await decodeBarcodes(...(await pdfToPngs(r.bytes, dir, 'return-pdf')));
    expect(dataOf(rd, 'CODE-128')).toEqual(['RT-1043-01']);
    expect(await pdfText(p.bytes, dir, 'pickup-text')).toContain('João Ñandú');
    expect(await pdfText(r.bytes, dir, 'return-text')).toContain('DEVOLUCIÓN');
  });
});

describe('PDF sheets', () => {
  it('pick list: the walk in the given order over several pages, every line scannable, accents intact', async () => {
    const out = await renderDocument(pickList, { format: 'pdf', dpi: null, paper: 'A4', locale: 'es' });
    const text = await pdfText(out.bytes, dir, 'pick-text');
    // The given order, whatever it is: each SKU appears after the one before it.
    let at = -1;
    for (const line of pickList.lines) {
      const next = text.indexOf(line.sku, at + 1);
      expect(next, `${line.sku} (seq ${line.seq}) after the previous line`).toBeGreaterThan(at);
      at = next;
    }
    expect(text).toContain('Yerba Mate Ñandú');
    expect(text).toContain('Pão de Queijo');
    expect(text).toContain('Ubicación');
    expect(text).toContain('Cant.');
    expect(text).toContain('Bodega Peñalolén');
    const pages = await pdfToPngs(out.bytes, dir, 'pick');
    expect(pages.length).toBeGreaterThan(1);
    expect(text).toContain(`Página 1/${pages.length}`);
    expect(text).toContain(`Página ${pages.length}/${pages.length}`);
    const decoded = dataOf(await decodeBarcodes(...pages), 'CODE-128');
    // The wave code on every page, and each line's EAN (or SKU when it has none).
    expect(decoded.filter((d) => d === 'W-0042')).toHaveLength(pages.length);
    const expected = pickList.lines.map((l) => l.ean ?? l.sku).sort();
    expect(decoded.filter((d) => d !== 'W-0042')).toEqual(expected);
  });

  it('pick list in English on Letter: English heads, Letter pages', async () => {
    const out = await renderDocument(pickList, { format: 'pdf', dpi: null, paper: 'Letter', locale: 'en' });
    const text = await pdfText(out.bytes, dir, 'pick-en-text');
    expect(text).toContain('Pick list');
    expect(text).toMatch(/Bin\s+SKU \/ Product\s+EAN\s+Qty/);
    expect(text).toContain('Page 1/');
  });

  it('packing slip: Code128 of the order number, QR of the order reference, lines and parcels', async () => {
    const out = await renderDocument(packingSlip, { format: 'pdf', dpi: null, paper: 'A4', locale: 'pt' });
    const decoded = await decodeBarcodes(...(await pdfToPngs(out.bytes, dir, 'slip')));
    expect(dataOf(decoded, 'CODE-128')).toEqual(['1043']);
    expect(dataOf(decoded, 'QR-Code')).toEqual(['AT1043']);
    const text = await pdfText(out.bytes, dir, 'slip-text');
    expect(text).toContain('MLC-2000012345');
    expect(text).toMatch(/YM-500\s+Yerba Mate Ñandú 500 g\s+2\s+1\/2/);
    expect(text).toMatch(/PQ-1K\s+Pão de Queijo 1 kg\s+1\s+2\/2/);
    expect(text).toMatch(/AT1043-2\s+0,80 kg/);
  });
});
