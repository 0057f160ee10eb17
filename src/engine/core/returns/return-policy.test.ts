import { describe, expect, it } from 'vitest';
import { ReturnPolicySettingsSchema, type ReturnPolicySettingsInput } from '../../../shared';
import { decideReturn, type ReturnLineFacts, type ReturnRequestFacts } from './return-policy';

const defaults = ReturnPolicySettingsSchema.parse({});
const policy = (over: ReturnPolicySettingsInput) => ReturnPolicySettingsSchema.parse(over);

/** Delivered 2 March 2026 at 15:00 in Buenos Aires. */
const DELIVERED_AR = new Date('2026-03-02T18:00:00Z');

function line(over: Partial<ReturnLineFacts> = {}): ReturnLineFacts {
  return {
    sku: 'SKU-1',
    category: 'shoes',
    quantity: 1,
    unitPrice: 20000,
    condition: 'unopened',
    deliveredAt: DELIVERED_AR,
    deliveredQuantity: 1,
    alreadyReturned: 0,
    refunded: false,
    ...over,
  };
}

const request = (country: string, requestedAt: string, lines: ReturnLineFacts[]): ReturnRequestFacts => ({
  country,
  requestedAt: new Date(requestedAt),
  lines,
});

describe('legal right of withdrawal', () => {
  it('AR: day 10 in Buenos Aires is in time, day 11 is not', () => {
    // 23:30 on 12 March in Buenos Aires is 02:30 UTC on the 13th: still the tenth day.
    const inTime = decideReturn(request('AR', '2026-03-13T02:30:00Z', [line()]), defaults);
    expect(inTime.verdict).toBe('approve');
    expect(inTime.legalWithdrawal).toBe(true);
    expect(inTime.reasons).toEqual([
      { code: 'legal_withdrawal', sku: 'SKU-1', params: { country: 'AR', days: 10, kind: 'calendar', lastDay: '2026-03-12' } },
    ]);

    // Midnight of the 13th: past the law's ten days, inside the shop's default thirty.
    const day11 = request('AR', '2026-03-13T03:00:00Z', [line()]);
    const shop = decideReturn(day11, defaults);
    expect(shop.verdict).toBe('approve');
    expect(shop.legalWithdrawal).toBe(false);
    expect(shop.reasons).toEqual([{ code: 'within_window', sku: 'SKU-1', params: { days: 30, lastDay: '2026-04-01' } }]);

    // With a shop window shorter than the law's, day 11 is past every window; the law's window stayed open longest.
    const late = decideReturn(day11, policy({ defaultWindowDays: 7 }));
    expect(late.verdict).toBe('reject');
    expect(late.reasons).toEqual([
      { code: 'window_passed', sku: 'SKU-1', params: { days: 10, kind: 'calendar', lastDay: '2026-03-12', deliveredAt: '2026-03-02' } },
    ]);
  });

  it('BR: seven calendar days in São Paulo', () => {
    const short = policy({ defaultWindowDays: 0 });
    const l = line({ deliveredAt: new Date('2026-03-02T15:00:00Z') });
    const lastMinute = decideReturn(request('BR', '2026-03-10T02:59:00Z', [l]), short);
    expect(lastMinute.verdict).toBe('approve');
    expect(lastMinute.reasons[0]).toMatchObject({ code: 'legal_withdrawal', params: { country: 'BR', days: 7, lastDay: '2026-03-09' } });
    const late = decideReturn(request('BR', '2026-03-10T03:00:00Z', [l]), short);
    expect(late.reasons[0]).toMatchObject({ code: 'window_passed', params: { days: 7, lastDay: '2026-03-09' } });
  });

  it('CL: ten calendar days in Santiago', () => {
    const l = line({ deliveredAt: new Date('2026-03-02T15:00:00Z') });
    const d = decideReturn(request('CL', '2026-03-12T20:00:00Z', [l]), policy({ defaultWindowDays: 0 }));
    expect(d.reasons[0]).toMatchObject({ code: 'legal_withdrawal', params: { country: 'CL', days: 10, lastDay: '2026-03-12' } });
  });

  it('MX: five business days, past a weekend and Benito Juárez day', () => {
    const short = policy({ defaultWindowDays: 3 });
    // Delivered Friday 13 March; the fifth business day is Monday 23 March (Monday 16th is a holiday).
    const l = line({ deliveredAt: new Date('2026-03-13T18:00:00Z') });
    const lastDay = decideReturn(request('MX', '2026-03-24T05:59:00Z', [l]), short); // 23:59 on the 23rd, UTC−6
    expect(lastDay.legalWithdrawal).toBe(true);
    expect(lastDay.reasons[0]).toEqual({
      code: 'legal_withdrawal',
      sku: 'SKU-1',
      params: { country: 'MX', days: 5, kind: 'business', lastDay: '2026-03-23' },
    });
    const late = decideReturn(request('MX', '2026-03-24T06:00:00Z', [l]), short);
    expect(late.reasons[0]).toEqual({
      code: 'window_passed',
      sku: 'SKU-1',
      params: { days: 5, kind: 'business', lastDay: '2026-03-23', deliveredAt: '2026-03-13' },
    });
  });

  it('applies no legal window where the settings name none, and reads the country in any case', () => {
    const uy = decideReturn(request('UY', '2026-03-04T12:00:00Z', [line()]), defaults);
    expect(uy.reasons[0]!.code).toBe('within_window');
    expect(uy.legalWithdrawal).toBe(false);
    expect(decideReturn(request('ar', '2026-03-04T12:00:00Z', [line()]), defaults).legalWithdrawal).toBe(true);
  });
});

describe('final sale', () => {
  const finalSale = policy({ finalSaleSkus: ['SKU-1'], finalSaleCategories: ['underwear'] });

  it('is overridden by the legal withdrawal inside its window', () => {
    const d = decideReturn(request('AR', '2026-03-10T12:00:00Z', [line()]), finalSale);
    expect(d.verdict).toBe('approve');
    expect(d.legalWithdrawal).toBe(true);
  });

  it("is rejected outside it, even inside the shop's window", () => {
    const d = decideReturn(request('AR', '2026-03-13T12:00:00Z', [line()]), finalSale);
    expect(d.verdict).toBe('reject');
    expect(d.reasons).toEqual([{ code: 'final_sale', sku: 'SKU-1', params: { sku: 'SKU-1' } }]);
  });

  it('by category, and anywhere without a legal window', () => {
    const d = decideReturn(request('UY', '2026-03-03T12:00:00Z', [line({ sku: 'B-7', category: 'underwear' })]), finalSale);
    expect(d.reasons).toEqual([{ code: 'final_sale', sku: 'B-7', params: { sku: 'B-7' } }]);
  });
});

describe("the shop's window", () => {
  it("takes the SKU's window, else the category's, else the default", () => {
    const windows = policy({ defaultWindowDays: 30, windowDaysByCategory: { shoes: 60 }, windowDaysBySku: { 'SKU-1': 15 } });
    const at = (l: ReturnLineFacts) => decideReturn(request('UY', '2026-03-05T12:00:00Z', [l]), windows).reasons[0]!.params;
    expect(at(line())).toEqual({ days: 15, lastDay: '2026-03-17' });
    expect(at(line({ sku: 'SKU-2' }))).toEqual({ days: 60, lastDay: '2026-05-01' });
    expect(at(line({ sku: 'SKU-2', category: null }))).toEqual({ days: 30, lastDay: '2026-04-01' });
    expect(at(line({ sku: 'constructor', category: 'toString' }))).toEqual({ days: 30, lastDay: '2026-04-01' });
  });
});

describe('lines that cannot be returned', () => {
  const at = '2026-03-04T12:00:00Z';

  it('not delivered', () => {
    const d = decideReturn(request('AR', at, [line({ deliveredAt: null, deliveredQuantity: 0 })]), defaults);
    expect(d).toEqual({
      verdict: 'reject',
      legalWithdrawal: false,
      value: 0,
      reasons: [{ code: 'not_delivered', sku: 'SKU-1', params: { sku: 'SKU-1' } }],
      lines: [{ sku: 'SKU-1', verdict: 'reject', reasons: [{ code: 'not_delivered', sku: 'SKU-1', params: { sku: 'SKU-1' } }] }],
    });
  });

  it('more units than were delivered and not already returned', () => {
    const l = line({ quantity: 2, deliveredQuantity: 3, alreadyReturned: 2 });
    expect(decideReturn(request('AR', at, [l]), defaults).reasons).toEqual([
      { code: 'quantity_exceeds', sku: 'SKU-1', params: { sku: 'SKU-1', asked: 2, returnable: 1 } },
    ]);
    expect(decideReturn(request('AR', at, [{ ...l, quantity: 1 }]), defaults).verdict).toBe('approve');
  });

  it('already refunded', () => {
    const d = decideReturn(request('AR', at, [line({ refunded: true })]), defaults);
    expect(d.verdict).toBe('reject');
    expect(d.reasons).toEqual([{ code: 'already_refunded', sku: 'SKU-1', params: { sku: 'SKU-1' } }]);
  });

  it('refuses facts no request can have', () => {
    expect(() => decideReturn(request('AR', at, []), defaults)).toThrow(/at least one line/);
    expect(() => decideReturn(request('AR', at, [line({ quantity: 0 })]), defaults)).toThrow(RangeError);
  });
});

describe('review by a person', () => {
  const at = '2026-03-04T12:00:00Z';

  it('for a declared condition in the review list', () => {
    const d = decideReturn(request('AR', at, [line({ condition: 'used' })]), defaults);
    expect(d.verdict).toBe('review');
    expect(d.legalWithdrawal).toBe(true);
    expect(d.lines[0]!.verdict).toBe('review');
    expect(d.reasons.map((r) => r.code)).toEqual(['legal_withdrawal', 'condition_review']);
    expect(d.reasons[1]).toEqual({ code: 'condition_review', sku: 'SKU-1', params: { sku: 'SKU-1', condition: 'used' } });
    expect(decideReturn(request('AR', at, [line({ condition: 'opened' })]), defaults).verdict).toBe('approve');
    expect(decideReturn(request('AR', at, [line({ condition: 'used' })]), policy({ reviewConditions: [] })).verdict).toBe('approve');
  });

  it('for a value above what is approved without a person', () => {
    const two = [line({ unitPrice: 60000 }), line({ sku: 'SKU-2', unitPrice: 40000.01 })];
    const d = decideReturn(request('AR', at, two), defaults);
    expect(d.verdict).toBe('review');
    expect(d.value).toBe(100000.01);
    expect(d.lines.map((l) => l.verdict)).toEqual(['approve', 'approve']);
    expect(d.reasons.at(-1)).toEqual({ code: 'value_review', sku: null, params: { value: 100000.01, threshold: 100000 } });
    // Exactly the threshold is approved.
    expect(decideReturn(request('AR', at, [line({ quantity: 2, deliveredQuantity: 2, unitPrice: 50000 })]), defaults).verdict).toBe(
      'approve',
    );
  });
});

describe('a partial return', () => {
  it('goes on with the lines that may be returned and lists the others as rejected', () => {
    const lines = [line({ sku: 'GONE', refunded: true, unitPrice: 500000 }), line({ sku: 'OK', quantity: 2, deliveredQuantity: 2 })];
    const d = decideReturn(request('AR', '2026-03-04T12:00:00Z', lines), defaults);
    expect(d.verdict).toBe('approve');
    expect(d.value).toBe(40000); // the refunded line's value counts for nothing
    expect(d.lines.map((l) => [l.sku, l.verdict])).toEqual([
      ['GONE', 'reject'],
      ['OK', 'approve'],
    ]);
    expect(d.reasons.map((r) => [r.sku, r.code])).toEqual([
      ['GONE', 'already_refunded'],
      ['OK', 'legal_withdrawal'],
    ]);
  });
});
