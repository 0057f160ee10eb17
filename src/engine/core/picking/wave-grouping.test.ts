import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCandidates, dayMonth, groupWaves, nextCutoff, tierPriority, type WaveCandidate } from './wave-grouping';

const BA = 'America/Argentina/Buenos_Aires';
const at = (iso: string) => new Date(iso);

function cand(id: string, over: Partial<WaveCandidate> = {}): WaveCandidate {
  return {
    fulfilmentOrderId: id,
    deliveryType: 'home_delivery',
    promisedAt: null,
    priority: 4,
    assignedAt: at('2026-06-12T12:00:00Z'),
    units: 1,
    ...over,
  };
}

describe('carrier cut-off', () => {
  it("is today's cut-off (local time) while it has not passed, else the next day's", () => {
    // 10:00 in Buenos Aires (UTC−3): today's 16:00 is 19:00 UTC.
    expect(nextCutoff(at('2026-06-12T13:00:00Z'), '16:00', BA).toISOString()).toBe('2026-06-12T19:00:00.000Z');
    // 16:00 sharp has passed (the truck left): tomorrow's.
    expect(nextCutoff(at('2026-06-12T19:00:00Z'), '16:00', BA).toISOString()).toBe('2026-06-13T19:00:00.000Z');
    // 23:30 local on the 12th is already the 13th in UTC; the next cut-off is still the 13th, local.
    expect(nextCutoff(at('2026-06-13T02:30:00Z'), '16:00', BA).toISOString()).toBe('2026-06-13T19:00:00.000Z');
    expect(() => nextCutoff(new Date(), '4pm')).toThrow(/HH:MM/);
  });

  it('follows a zone with daylight saving (wall-clock cut-off on both sides of the change)', () => {
    // Madrid moves to summer time on 29 March 2026.
    expect(nextCutoff(at('2026-03-28T17:00:00Z'), '17:00', 'Europe/Madrid').toISOString()).toBe('2026-03-29T15:00:00.000Z');
  });

  it('is always after now and within a day and a bit', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2020-01-01'), max: at('2035-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 1439 }),
        (now, mins) => {
          const hhmm = `${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;
          const c = nextCutoff(now, hhmm, BA);
          expect(c.getTime()).toBeGreaterThan(now.getTime());
          expect(c.getTime() - now.getTime()).toBeLessThanOrEqual(86_400_000);
        },
      ),
    );
  });

  it('writes days as DD/MM in local time', () => {
    expect(dayMonth(at('2026-06-13T02:30:00Z'), BA)).toBe('12/06');
  });
});

describe('wave grouping', () => {
  const now = at('2026-06-12T13:00:00Z');

  it('ranks by promised date, then tier priority, then age', () => {
    expect([tierPriority('vip'), tierPriority('gold'), tierPriority('silver'), tierPriority('standard'), tierPriority(null)]).toEqual([
      1, 2, 3, 4, 4,
    ]);
    const list = [
      cand('old-standard', { assignedAt: at('2026-06-11T10:00:00Z') }),
      cand('vip', { priority: 1 }),
      cand('promised', { promisedAt: at('2026-06-13T00:00:00Z') }),
      cand('gold', { priority: 2 }),
    ];
    expect([...list].sort(compareCandidates).map((c) => c.fulfilmentOrderId)).toEqual(['promised', 'vip', 'gold', 'old-standard']);
  });

  it('puts home deliveries under the cut-off, store pickups on their own, at most maxOrders per wave', () => {
    const list = [
      cand('h1'),
      cand('p1', { deliveryType: 'store_pickup' }),
      cand('h2', { priority: 1 }),
      cand('h3'),
      cand('p2', { deliveryType: 'store_pickup' }),
    ];
    const waves = groupWaves(list, { now, carrierCutoff: '16:00', maxOrders: 2, timeZone: BA });
    expect(waves.map((w) => [w.groupedBy, w.orders.map((o) => o.fulfilmentOrderId)])).toEqual([
      ['cut-off 16:00', ['h2', 'h1']],
      ['cut-off 16:00', ['h3']],
      ['store pickup', ['p1', 'p2']],
    ]);
    expect(waves[0]!.cutoffAt!.toISOString()).toBe('2026-06-12T19:00:00.000Z');
    expect(waves[2]!.cutoffAt).toBeNull();
    const late = groupWaves([cand('h1')], { now: at('2026-06-12T20:00:00Z'), carrierCutoff: '16:00', maxOrders: 5, timeZone: BA });
    expect(late[0]).toMatchObject({ groupedBy: 'cut-off 16:00 tomorrow' });
  });

  it('groups home deliveries by promised day when the location has no cut-off', () => {
    const waves = groupWaves([cand('a', { promisedAt: at('2026-06-12T15:00:00Z') }), cand('b')], {
      now,
      carrierCutoff: null,
      maxOrders: 5,
      timeZone: BA,
    });
    expect(waves.map((w) => w.groupedBy)).toEqual(['promised 12/06', 'home delivery']);
  });

  it('places every candidate in exactly one wave, none over maxOrders, pickups never with home deliveries', () => {
    const arb = fc.array(
      fc.record({
        pickup: fc.boolean(),
        priority: fc.integer({ min: 1, max: 4 }),
        promised: fc.option(fc.integer({ min: 0, max: 5 })),
        age: fc.nat(1000),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 7 }), fc.option(fc.constantFrom('09:00', '16:00', '23:59')), (raw, max, cutoff) => {
        const list = raw.map((r, i) =>
          cand(`fo-${i}`, {
            deliveryType: r.pickup ? 'store_pickup' : 'home_delivery',
            priority: r.priority,
            promisedAt: r.promised === null ? null : new Date(now.getTime() + r.promised * 86_400_000),
            assignedAt: new Date(now.getTime() - r.age * 60_000),
          }),
        );
        const waves = groupWaves(list, { now, carrierCutoff: cutoff, maxOrders: max, timeZone: BA });
        const ids = waves.flatMap((w) => w.orders.map((o) => o.fulfilmentOrderId));
        expect([...ids].sort()).toEqual(list.map((c) => c.fulfilmentOrderId).sort());
        for (const w of waves) {
          expect(w.orders.length).toBeGreaterThan(0);
          expect(w.orders.length).toBeLessThanOrEqual(max);
          expect(new Set(w.orders.map((o) => o.deliveryType)).size).toBe(1);
          for (let i = 1; i < w.orders.length; i++) expect(compareCandidates(w.orders[i - 1]!, w.orders[i]!)).toBeLessThan(0);
        }
      }),
    );
  });
});
