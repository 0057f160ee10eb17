import { describe, expect, it } from 'vitest';
import { toPickup, seesPickupCode } from './pickup-view';
import type { PickupRow } from './pickup.store';

const row: PickupRow = {
  order_id: 'o-1',
  order_number: '1043',
  location_id: 'loc-palermo',
  customer_name: 'Lucía',
  status: 'partially_collected',
  code: '004211',
  lines: { B: 1, A: 3 },
  collected: { A: 2 },
  names: { A: 'Producto A' },
  wrong_codes: 5,
  ready_by: 'u-1',
  ready_at: new Date('2026-12-01T10:00:00Z'),
  expires_at: new Date('2026-12-08T10:00:00Z'),
  collected_at: null,
};

describe('toPickup', () => {
  it('shows the code and its QR only when told, and says a pickup with too many wrong codes is locked', () => {
    const hidden = toPickup(row, false);
    expect(hidden).toMatchObject({ orderNumber: 1043, code: null, qrSvg: null, locked: true, wrongCodes: 5 });
    expect(hidden.lines).toEqual([
      { sku: 'A', productName: 'Producto A', quantity: 3, collected: 2 },
      { sku: 'B', productName: null, quantity: 1, collected: 0 },
    ]);
    const shown = toPickup({ ...row, wrong_codes: 0 }, true);
    expect(shown).toMatchObject({ code: '004211', locked: false });
    expect(shown.qrSvg).toMatch(/^<svg/);
  });

  it('lets supervisors read codes, nobody else', () => {
    expect(seesPickupCode({ id: 's', name: 'S', role: 'supervisor' })).toBe(true);
    expect(seesPickupCode({ id: 'a', name: 'A', role: 'associate', locations: ['loc-palermo'] })).toBe(false);
    expect(seesPickupCode({ id: 'p', name: 'P', role: 'planner' })).toBe(false);
  });
});
