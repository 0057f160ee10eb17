import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateOptionSchema } from '../../../shared';
import { businessCalendar } from './business-calendar';
import { daysLate, rankRates, rateLabel, type RateCandidate } from './rate-shop';

// Buenos Aires is UTC−3 all year: 15 Dec 2026 is a Tuesday; "end of the day" is 02:59:59.999Z the next day.
const eod = (day: string) => new Date(`${day}T23:59:59.999-03:00`);
const PROMISE = eod('2026-12-16'); // Wed 16 Dec

function cand(over: Partial<RateCandidate> & Pick<RateCandidate, 'carrierAccountId'>): RateCandidate {
  return {
    carrier: 'simulator',
    carrierName: 'Correo Simulado',
    service: 'standard',
    serviceName: 'standard',
    price: { amount: 2310, currency: 'ARS' },
    transitDays: 2,
    etaAt: eod('2026-12-15'),
    onTimeRate: null,
    excluded: null,
    ...over,
  };
}

const ctx = { promisedAt: PROMISE, lateDayCost: 1000, minOnTimeRate: 0 };

describe('rate shopping', () => {
  it('chooses the cheapest on-time option and says what the runner-up costs more', () => {
    const r = rankRates(
      [
        cand({
          carrierAccountId: 'express',
          carrierName: 'Express Simulado',
          serviceName: 'Express Simulado',
          price: { amount: 3760, currency: 'ARS' },
        }),
        cand({ carrierAccountId: 'correo' }),
      ],
      ctx,
    );
    expect(r.chosen?.carrierAccountId).toBe('correo');
    expect(r.options.map((o) => o.score)).toEqual([2310, 3760]);
    expect(r.explanation).toBe(
      'Correo Simulado standard: $2,310, arrives Tue 15 Dec (promise Wed 16 Dec); Express Simulado costs $1,450 more.',
    );
    for (const o of r.options) expect(RateOptionSchema.parse(o)).toEqual(o);
    expect(r.chosen?.etaAt).toBe('2026-12-16T02:59:59.999Z');
    expect(r.chosen?.meetsPromise).toBe(true);
  });

  it('pays more to keep the promise when a late day costs more than the difference', () => {
    const r = rankRates(
      [
        cand({
          carrierAccountId: 'oca',
          carrierName: 'OCA',
          serviceName: 'Estándar',
          price: { amount: 1900, currency: 'ARS' },
          etaAt: eod('2026-12-18'),
        }),
        cand({ carrierAccountId: 'andreani', carrierName: 'Andreani', serviceName: 'Estándar', price: { amount: 2500, currency: 'ARS' } }),
      ],
      ctx,
    );
    expect(r.chosen?.carrierAccountId).toBe('andreani');
    // Fri 18 Dec is two days after Wed 16 Dec: 1900 + 2 × 1000.
    expect(r.options[1]).toMatchObject({ carrierAccountId: 'oca', score: 3900, meetsPromise: false });
    expect(r.explanation).toBe(
      'Andreani Estándar: $2,500, arrives Tue 15 Dec (promise Wed 16 Dec); the cheaper OCA Estándar arrives 2 days after the promise.',
    );
  });

  it('takes the cheap late option when lateness weighs little, and says what keeping the promise would cost', () => {
    const r = rankRates(
      [
        cand({
          carrierAccountId: 'oca',
          carrierName: 'OCA',
          serviceName: 'Estándar',
          price: { amount: 1900, currency: 'ARS' },
          etaAt: eod('2026-12-17'),
        }),
        cand({ carrierAccountId: 'andreani', carrierName: 'Andreani', serviceName: 'Estándar', price: { amount: 2500, currency: 'ARS' } }),
      ],
      { ...ctx, lateDayCost: 100 },
    );
    expect(r.chosen?.carrierAccountId).toBe('oca');
    expect(r.explanation).toBe(
      'OCA Estándar: $1,900, arrives Thu 17 Dec, 1 day after the promise (Wed 16 Dec); Andreani Estándar keeps the promise but costs $600 more (a late day is weighed at $100).',
    );
  });

  it('counts business days late with a calendar (a weekend is not late days)', () => {
    const calendar = businessCalendar('AR');
    // Fri 18 Dec → Mon 21 Dec: one business day late, three calendar days.
    expect(daysLate(eod('2026-12-21'), eod('2026-12-18'), calendar)).toBe(1);
    expect(daysLate(eod('2026-12-21'), eod('2026-12-18'))).toBe(3);
    expect(daysLate(eod('2026-12-18'), eod('2026-12-18'))).toBe(0);
    // Christmas (Fri 25 Dec) is not a late day either: Thu 24 → Mon 28 is one.
    expect(daysLate(eod('2026-12-28'), eod('2026-12-24'), calendar)).toBe(1);
    // Late by hours (the same day, or just past midnight) is a day late.
    expect(daysLate(new Date(PROMISE.getTime() - 60_000), new Date(PROMISE.getTime() - 3_600_000), calendar)).toBe(1);
    expect(daysLate(new Date(PROMISE.getTime() + 60_000), new Date(PROMISE.getTime() - 3_600_000), calendar)).toBe(1);
    const r = rankRates([cand({ carrierAccountId: 'x', etaAt: eod('2026-12-21') })], { ...ctx, promisedAt: eod('2026-12-18'), calendar });
    expect(r.chosen).toMatchObject({ score: 3310, meetsPromise: false });
    expect(r.explanation).toBe(
      'Correo Simulado standard: $2,310, arrives Mon 21 Dec, 1 day after the promise (Fri 18 Dec); no option keeps the promise.',
    );
    expect(daysLate(null, PROMISE)).toBe(0);
    expect(daysLate(eod('2026-12-18'), null)).toBe(0);
  });

  it('weighs a carrier that is often late in the region, and leaves out one below the minimum', () => {
    const r = rankRates(
      [
        cand({
          carrierAccountId: 'a',
          carrierName: 'Andreani',
          serviceName: 'Estándar',
          price: { amount: 2000, currency: 'ARS' },
          onTimeRate: 0.6,
        }),
        cand({
          carrierAccountId: 'b',
          carrierName: 'OCA',
          serviceName: 'Estándar',
          price: { amount: 2200, currency: 'ARS' },
          onTimeRate: 0.95,
        }),
        cand({
          carrierAccountId: 'c',
          carrierName: 'Envia',
          serviceName: 'Ground',
          price: { amount: 1000, currency: 'ARS' },
          onTimeRate: 0.4,
        }),
      ],
      { ...ctx, minOnTimeRate: 0.5 },
    );
    // 2000 + 0.4 × 1000 = 2400 against 2200 + 0.05 × 1000 = 2250.
    expect(r.options.map((o) => [o.carrierAccountId, o.score])).toEqual([
      ['b', 2250],
      ['a', 2400],
      ['c', null],
    ]);
    expect(r.options[2]!.excluded).toBe('on time 40% of the time in this region, below the 50% minimum');
    expect(r.explanation).toBe(
      'OCA Estándar: $2,200, arrives Tue 15 Dec (promise Wed 16 Dec); the cheaper Andreani Estándar is on time only 60% of the time in this region.',
    );
  });

  it('says why nothing was chosen, and what to do', () => {
    const r = rankRates(
      [
        cand({
          carrierAccountId: 'a',
          carrierName: 'Andreani',
          serviceName: 'Estándar',
          price: null,
          excluded: 'failed to answer (timeout); try again later',
        }),
        cand({ carrierAccountId: 'b', carrierName: 'OCA', serviceName: 'Estándar', price: null }),
      ],
      ctx,
    );
    expect(r.chosen).toBeNull();
    expect(r.options.map((o) => o.excluded)).toEqual(['failed to answer (timeout); try again later', 'no quote']);
    expect(r.explanation).toMatch(
      /^No carrier can take it: Andreani Estándar — failed to answer .*; OCA Estándar — no quote\. .*choose a carrier by hand\.$/,
    );
    expect(rankRates([], ctx)).toEqual({ options: [], chosen: null, explanation: expect.stringMatching(/enable a carrier account/) });
  });

  it('without a promise, ranks by price and does not judge lateness', () => {
    const r = rankRates([cand({ carrierAccountId: 'x', etaAt: eod('2027-01-30') })], { ...ctx, promisedAt: null });
    expect(r.chosen).toMatchObject({ score: 2310, meetsPromise: null });
    expect(r.explanation).toBe('Correo Simulado standard: $2,310, arrives Sat 30 Jan; the only carrier that quoted.');
  });

  it('breaks ties by price, then transit days, then account and service; the order does not depend on the input order', () => {
    const tied = [
      cand({ carrierAccountId: 'z', transitDays: 1 }),
      cand({ carrierAccountId: 'b', transitDays: 3 }),
      cand({ carrierAccountId: 'a', transitDays: 3 }),
      cand({
        carrierAccountId: 'a',
        service: 'express',
        serviceName: 'express',
        transitDays: 3,
        price: { amount: 2000, currency: 'ARS' },
        onTimeRate: 0.69,
      }),
    ];
    // The express service scores 2000 + 310 = 2310 too, but is cheaper: first.
    expect(rankRates(tied, ctx).options.map((o) => `${o.carrierAccountId}/${o.service}`)).toEqual([
      'a/express',
      'z/standard',
      'a/standard',
      'b/standard',
    ]);
    fc.assert(
      fc.property(fc.shuffledSubarray(tied, { minLength: tied.length, maxLength: tied.length }), (order) => {
        expect(rankRates(order, ctx)).toEqual(rankRates(tied, ctx));
      }),
    );
  });

  it('sorts by score, never scores below the price, and never ranks a dearer option above a cheaper one that arrives no later with no worse record', () => {
    const arb = fc.record({
      price: fc.integer({ min: 0, max: 100_000 }),
      lateDays: fc.integer({ min: -3, max: 5 }),
      onTime: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(arb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 5000 }), (rows, lateDayCost) => {
        const cands = rows.map((r, i) =>
          cand({
            carrierAccountId: `c${i}`,
            price: { amount: r.price, currency: 'ARS' },
            etaAt: new Date(PROMISE.getTime() + r.lateDays * 86_400_000),
            onTimeRate: r.onTime,
          }),
        );
        const { options, chosen } = rankRates(cands, { promisedAt: PROMISE, lateDayCost, minOnTimeRate: 0 });
        expect(chosen).toBe(options[0]);
        for (let i = 1; i < options.length; i++) expect(options[i]!.score!).toBeGreaterThanOrEqual(options[i - 1]!.score!);
        for (const o of options) expect(o.score!).toBeGreaterThanOrEqual(o.price!.amount);
        const row = (id: string) => rows[Number(id.slice(1))]!;
        for (let i = 0; i < options.length; i++) {
          for (let j = i + 1; j < options.length; j++) {
            const a = row(options[i]!.carrierAccountId);
            const b = row(options[j]!.carrierAccountId);
            const bDominates =
              b.price < a.price && Math.max(0, b.lateDays) <= Math.max(0, a.lateDays) && (b.onTime ?? 1) >= (a.onTime ?? 1);
            expect(bDominates).toBe(false);
          }
        }
      }),
    );
  });

  it('names a service once when it already carries the carrier name', () => {
    expect(rateLabel({ carrierName: 'OCA', serviceName: 'OCA Express' })).toBe('OCA Express');
    expect(rateLabel({ carrierName: 'OCA', serviceName: 'Express' })).toBe('OCA Express');
  });
});
