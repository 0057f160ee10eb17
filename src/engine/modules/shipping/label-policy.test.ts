import { describe, expect, it } from 'vitest';
import { labelBackoffMs, MAX_LABEL_BACKOFF_MS, mlShipmentIdOf, preferredLabelFormat, shipsWithMercadoEnvios } from './label-policy';

describe('label policy', () => {
  it('backs off 5 s doubling to 15 min, jittered ±20 %, never sooner than Retry-After', () => {
    expect(labelBackoffMs(0, undefined, () => 0.5)).toBe(5_000);
    expect(labelBackoffMs(3, undefined, () => 0.5)).toBe(40_000);
    expect(labelBackoffMs(40, undefined, () => 0.5)).toBe(MAX_LABEL_BACKOFF_MS);
    expect(labelBackoffMs(1, undefined, () => 0)).toBe(8_000);
    expect(labelBackoffMs(1, undefined, () => 1)).toBe(12_000);
    expect(labelBackoffMs(0, 90_000, () => 0.5)).toBe(90_000);
  });

  it('asks for ZPL for a ZPL printer and PDF for a PDF printer, else what the carrier makes', () => {
    expect(preferredLabelFormat({ labelFormats: ['pdf', 'zpl'] }, 'zpl')).toBe('zpl');
    expect(preferredLabelFormat({ labelFormats: ['pdf', 'zpl'] }, 'pdf')).toBe('pdf');
    expect(preferredLabelFormat({ labelFormats: ['pdf', 'zpl'] }, null)).toBe('zpl');
    expect(preferredLabelFormat({ labelFormats: ['pdf'] }, 'zpl')).toBe('pdf');
    expect(preferredLabelFormat({ labelFormats: ['zpl'] }, 'pdf')).toBe('zpl');
  });

  it("finds Mercado Libre's shipment id in the raw order or a tag, and nothing else", () => {
    expect(mlShipmentIdOf({ shipping: { id: 41234567890 } }, [])).toBe('41234567890');
    expect(mlShipmentIdOf({ shipping: { method: 'Normal' } }, ['pack:1', 'shipment:4400112233'])).toBe('4400112233');
    expect(mlShipmentIdOf({ shipping: { id: 'not a number' } }, [])).toBeUndefined();
    expect(mlShipmentIdOf(null, [])).toBeUndefined();
  });

  it('sends a Mercado Libre order with Mercado Envíos only when Mercado Libre made its shipment', () => {
    expect(shipsWithMercadoEnvios({ channel: 'mercadolibre', raw: {}, tags: ['shipment:4400112233'] })).toBe(true);
    expect(shipsWithMercadoEnvios({ channel: 'mercadolibre', raw: { shipping: { id: 41234567890 } }, tags: [] })).toBe(true);
    // The seller arranges the shipping (custom or "to agree"): any carrier.
    expect(shipsWithMercadoEnvios({ channel: 'mercadolibre', raw: {}, tags: [] })).toBe(false);
    expect(shipsWithMercadoEnvios({ channel: 'web', raw: {}, tags: ['shipment:4400112233'] })).toBe(false);
  });
});
