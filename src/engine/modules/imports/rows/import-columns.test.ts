import { describe, expect, it } from 'vitest';
import { normaliseHeader, resolveHeader } from './import-columns';

describe('import header', () => {
  it('matches names case- and accent-insensitively, with Spanish aliases', () => {
    expect(normaliseHeader(' Código Postal ')).toBe('codigo_postal');
    const r = resolveHeader([
      'Pedido',
      'Cliente',
      'Dirección',
      'Ciudad',
      'País',
      'SKU',
      'Cantidad',
      'Precio unitario',
      'Código postal',
      'Latitud',
      'Longitud',
      'Color favorito',
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.columns).toEqual([
      'order_id',
      'customer_name',
      'address_line1',
      'city',
      'country',
      'sku',
      'quantity',
      'unit_price',
      'postal_code',
      'lat',
      'lng',
      null,
    ]);
    expect(r.ignored).toEqual(['Color favorito']);
  });

  it('names every missing required column and how else it may be spelled', () => {
    const r = resolveHeader(['order_id', 'sku']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const c of ['customer_name', 'address_line1', 'city', 'country', 'quantity']) expect(r.error).toContain(c);
    expect(r.error).toContain('cantidad');
  });

  it('refuses two headers that mean the same column', () => {
    const r = resolveHeader(['order_id', 'pedido', 'customer_name', 'address_line1', 'city', 'country', 'sku', 'quantity']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/"order_id" and "pedido" both mean order_id/);
  });
});
