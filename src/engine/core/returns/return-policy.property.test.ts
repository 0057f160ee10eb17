import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEM_CONDITIONS, ReturnPolicySettingsSchema } from '../../../shared';
import { decideReturn, type ReturnLineFacts } from './return-policy';

/**
 * Whatever the facts: the return is rejected exactly when every line is, its value is the sum over
 * the lines that go on, and it goes to a person exactly when a line or the value asks for one.
 */

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
/** Requests fall in the 40 days from here; deliveries in the 40 days before it and up to the request. */
const REQUESTS = START + 300 * DAY;
const SKUS = ['A', 'B', 'C', 'D'];
const CATEGORIES = ['shoes', 'underwear', 'toys'];

const lineArb: fc.Arbitrary<ReturnLineFacts> = fc
  .record({
    sku: fc.constantFrom(...SKUS),
    category: fc.option(fc.constantFrom(...CATEGORIES), { nil: null }),
    quantity: fc.integer({ min: 1, max: 3 }),
    cents: fc.integer({ min: 0, max: 4_000_000 }),
    condition: fc.constantFrom(...ITEM_CONDITIONS),
    deliveredAt: fc.option(fc.integer({ min: REQUESTS - 40 * DAY, max: REQUESTS + 40 * DAY }), { nil: null, freq: 8 }),
    deliveredQuantity: fc.integer({ min: 0, max: 6 }),
    alreadyReturned: fc.integer({ min: 0, max: 2 }),
    refunded: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
  })
  .map(({ cents, deliveredAt, ...l }) => ({
    ...l,
    unitPrice: cents / 100,
    deliveredAt: deliveredAt === null ? null : new Date(deliveredAt),
  }));

const settingsArb = fc
  .record({
    defaultWindowDays: fc.integer({ min: 0, max: 60 }),
    windowDaysByCategory: fc.dictionary(fc.constantFrom(...CATEGORIES), fc.integer({ min: 0, max: 90 })),
    finalSaleSkus: fc.subarray(SKUS),
    finalSaleCategories: fc.subarray(CATEGORIES),
    autoApproveUpTo: fc.integer({ min: 0, max: 200_000 }),
    reviewConditions: fc.subarray([...ITEM_CONDITIONS]),
  })
  .map((s) => ReturnPolicySettingsSchema.parse(s));

const requestArb = fc.record({
  country: fc.constantFrom('AR', 'BR', 'CL', 'MX', 'UY'),
  requestedAt: fc.integer({ min: REQUESTS, max: REQUESTS + 40 * DAY }).map((t) => new Date(t)),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
});

describe('return policy, for any request', () => {
  it('rejects exactly when every line is rejected, and values only the lines that go on', () => {
    fc.assert(
      fc.property(requestArb, settingsArb, (facts, settings) => {
        const d = decideReturn(facts, settings);
        expect(d.lines.map((l) => l.sku)).toEqual(facts.lines.map((l) => l.sku));
        const kept = facts.lines.filter((_, i) => d.lines[i]!.verdict !== 'reject');
        expect(d.verdict === 'reject').toBe(kept.length === 0);
        const sum = kept.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
        expect(d.value).toBeCloseTo(sum, 2);

        if (kept.length > 0) {
          const needsPerson = d.lines.some((l) => l.verdict === 'review') || d.value > settings.autoApproveUpTo;
          expect(d.verdict).toBe(needsPerson ? 'review' : 'approve');
        }
        // Every line has a reason, a rejected one exactly one; the legal flag follows the lines.
        for (const l of d.lines) expect(l.reasons.length).toBeGreaterThanOrEqual(l.verdict === 'review' ? 2 : 1);
        for (const l of d.lines.filter((x) => x.verdict === 'reject')) expect(l.reasons).toHaveLength(1);
        const legal = d.lines.some((l) => l.verdict !== 'reject' && l.reasons[0]!.code === 'legal_withdrawal');
        expect(d.legalWithdrawal).toBe(legal);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic: the same facts give the same decision', () => {
    fc.assert(
      fc.property(requestArb, settingsArb, (facts, settings) => {
        expect(decideReturn(facts, settings)).toEqual(decideReturn(facts, settings));
      }),
      { numRuns: 100 },
    );
  });
});
