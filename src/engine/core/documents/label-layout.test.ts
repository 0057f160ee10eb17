import { describe, expect, it } from 'vitest';
import type { Address, PickupLabelModel, ReturnLabelModel, ShippingLabelModel } from './document-models';
import { type LabelElement, pickupLabelLayout, returnLabelLayout, shippingLabelLayout } from './label-layout';
import { labelToZpl } from './label-zpl';

const long = (name: string): Address => ({
  name,
  line1: 'Avenida Libertador General Bernardo O’Higgins 1449, Torre 2',
  line2: 'Departamento 1204, entrada por calle lateral',
  city: 'Santiago',
  region: 'Región Metropolitana de Santiago',
  postalCode: '8320000',
  country: 'CL',
  phone: '+56 9 8765 4321',
});
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
  shipFrom: long('Bodega Central Atalaya SpA'),
  shipTo: long('María José Ñúñez de la Fuente Sepúlveda de São Paulo'),
  promisedAt: '2025-03-06T18:00:00Z',
};
const pickup: PickupLabelModel = {
  kind: 'pickup_label',
  orderNumber: 1043,
  customerName: 'João Conceição',
  locationName: 'Tienda Providencia',
  reference: 'AT1043',
  readyAt: '2025-03-05T14:00:00Z',
  expiresAt: '2025-03-08T14:00:00Z',
  units: 3,
};
const ret: ReturnLabelModel = {
  kind: 'return_label',
  returnCode: 'RT-1043-01',
  orderNumber: 1043,
  from: long('María José'),
  to: long('Bodega Devoluciones'),
  carrier: null,
  trackingNumber: null,
  expiresAt: null,
};

/** The bottom edge of an element, generously: text by its lines, barcodes with their human-readable line. */
function bottom(el: LabelElement): number {
  if (el.type === 'text') return el.y + el.height * (el.lines ?? 1) * 1.2;
  if (el.type === 'box') return el.y + Math.max(el.height, el.thickness);
  if (el.type === 'code128') return el.y + el.height + 40;
  return el.y + 33 * el.magnification; // up to a version 4 QR: 33 modules
}

describe('4×6 label layouts', () => {
  for (const [name, elements] of [
    ['shipping', shippingLabelLayout(shipping, 'es')],
    ['pickup', pickupLabelLayout(pickup, 'pt')],
    ['return', returnLabelLayout(ret, 'en')],
  ] as const) {
    it(`${name}: every element stays on the 812×1218 label, even with long addresses`, () => {
      for (const el of elements) {
        expect(el.x).toBeGreaterThanOrEqual(0);
        expect(el.y).toBeGreaterThanOrEqual(0);
        if (el.type === 'text' || el.type === 'box') expect(el.x + el.width).toBeLessThanOrEqual(812);
        expect(bottom(el)).toBeLessThanOrEqual(1218);
      }
    });
  }

  it('shipping: a large Code128 of the parcel code and a QR of order reference|parcel code', () => {
    const els = shippingLabelLayout(shipping, 'es');
    expect(els).toContainEqual(expect.objectContaining({ type: 'code128', value: 'AT1043-1', module: 4 }));
    expect(els).toContainEqual(expect.objectContaining({ type: 'qr', value: 'AT1043|AT1043-1' }));
  });

  it('pickup: QR and Code128 of the reference; return: Code128 of the return code', () => {
    expect(
      pickupLabelLayout(pickup, 'es')
        .filter((e) => e.type === 'qr' || e.type === 'code128')
        .map((e) => (e as { value: string }).value),
    ).toEqual(['AT1043', 'AT1043']);
    expect(returnLabelLayout(ret, 'es')).toContainEqual(expect.objectContaining({ type: 'code128', value: 'RT-1043-01' }));
  });

  it('as ZPL: the same label at 203 and 300 dpi, accents escaped, texts in the language asked', () => {
    const z203 = labelToZpl(shippingLabelLayout(shipping, 'es'), 203);
    const z300 = labelToZpl(shippingLabelLayout(shipping, 'es'), 300);
    expect(z203.startsWith('^XA\n^CI28\n^PW812\n^LL1218')).toBe(true);
    expect(z300.startsWith('^XA\n^CI28\n^PW1200\n^LL1800')).toBe(true);
    expect(z203).toContain('Mar_C3_ADa Jos_C3_A9');
    expect(z203).toContain('Pedido #1043');
    expect(labelToZpl(pickupLabelLayout(pickup, 'pt'), 203)).toContain('RETIRADA NA LOJA');
    expect(labelToZpl(returnLabelLayout(ret, 'es'), 203)).toContain('DEVOLUCI_C3_93N');
    // Empty optional fields (no carrier, no tracking) print nothing rather than an empty field.
    expect(labelToZpl(returnLabelLayout(ret, 'en'), 203)).not.toContain('^FD^FS');
  });
});
