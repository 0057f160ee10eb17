import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessCalendar } from './business-calendar';
import { defaultTransitDays, handlingEnds, promiseDate, sourcedOrderPromise } from './promise-date';

const ba = (local: string) => new Date(`${local}-03:00`);
const calendar = businessCalendar('AR');
const promise = (from: string, handlingHours: number, cutoff: string | null, transitDays: number) => {
  const r = promiseDate({ from: ba(from), handlingHours, cutoff, transitDays, calendar });
  return { handOverAt: r.handOverAt.toISOString(), deliverBy: r.deliverBy.toISOString() };
};

describe('promise date (Buenos Aires, no daylight saving)', () => {
  it('handling skips Independence Day; the parcel leaves at the next cut-off; transit skips the weekend', () => {
    // Wed 8 Jul 10:00 + 24 h of handling: 14 h on Wednesday, Thursday is a holiday, 10 h on Friday.
    expect(promise('2026-07-08T10:00', 24, '16:00', 1)).toEqual({
      handOverAt: ba('2026-07-10T16:00').toISOString(),
      deliverBy: ba('2026-07-13T23:59:59.999').toISOString(),
    });
  });

  it('packed after the cut-off leaves the next business day, and transit days skip the holiday', () => {
    // Mon 6 Jul 15:00 + 2 h = 17:00, after 16:00: Tue 7 Jul; +2 business days: Wed 8, (Thu 9 holiday), Fri 10.
    expect(promise('2026-07-06T15:00', 2, '16:00', 2)).toEqual({
      handOverAt: '2026-07-07T19:00:00.000Z',
      deliverBy: '2026-07-11T02:59:59.999Z',
    });
    // Packed at 16:00 sharp: the truck has left.
    expect(promise('2026-07-06T14:00', 2, '16:00', 0).handOverAt).toBe(ba('2026-07-07T16:00').toISOString());
    expect(promise('2026-07-06T13:59', 2, '16:00', 0).handOverAt).toBe(ba('2026-07-06T16:00').toISOString());
  });

  it('Christmas: 24 December is a working day, the 25th and the weekend are not', () => {
    expect(promise('2026-12-23T14:00', 4, '16:00', 1)).toEqual({
      handOverAt: ba('2026-12-24T16:00').toISOString(),
      deliverBy: ba('2026-12-28T23:59:59.999').toISOString(),
    });
  });

  it('an order on Saturday is handled from Monday', () => {
    expect(promise('2026-12-12T10:00', 0, '16:00', 2)).toEqual({
      handOverAt: ba('2026-12-14T16:00').toISOString(),
      deliverBy: ba('2026-12-16T23:59:59.999').toISOString(),
    });
  });

  it('without a cut-off, hands over when packed; transit 0 delivers the same day', () => {
    // Fri 18 Dec 20:00 + 8 h: 4 h on Friday, 4 h from Monday 00:00.
    expect(promise('2026-12-18T20:00', 8, null, 0)).toEqual({
      handOverAt: ba('2026-12-21T04:00').toISOString(),
      deliverBy: ba('2026-12-21T23:59:59.999').toISOString(),
    });
    // Handling that ends exactly at midnight before a Saturday ends on Monday's first moment.
    expect(handlingEnds(ba('2026-12-18T20:00'), 4, calendar)).toEqual(ba('2026-12-21T00:00'));
  });

  it('January and July have the same offset (UTC−3): the 16:00 cut-off is 19:00Z both times', () => {
    expect(promise('2026-01-14T09:00', 1, '16:00', 1).handOverAt).toBe('2026-01-14T19:00:00.000Z');
    expect(promise('2026-07-14T09:00', 1, '16:00', 1).handOverAt).toBe('2026-07-14T19:00:00.000Z');
  });

  it('rejects a bad cut-off, negative handling and fractional transit days with the fix', () => {
    expect(() => promise('2026-07-06T10:00', 2, '4pm', 1)).toThrow(/HH:MM/);
    expect(() => promise('2026-07-06T10:00', -1, '16:00', 1)).toThrow(/handling hours/);
    expect(() => promise('2026-07-06T10:00', 2, '16:00', 1.5)).toThrow(/transit days/);
  });

  it('hands over at a cut-off on a business day after handling, and delivers at the end of a business day no sooner than that', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-06-01'), max: new Date('2028-06-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 72 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 6 }),
        (from, handlingHours, mins, transitDays) => {
          const cutoff = `${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;
          const r = promiseDate({ from, handlingHours, cutoff, transitDays, calendar });
          expect(r.handOverAt.getTime()).toBeGreaterThan(from.getTime());
          expect(r.handOverAt.getTime()).toBeGreaterThan(handlingEnds(from, handlingHours, calendar).getTime() - 1);
          expect(calendar.isBusinessDay(r.handOverAt)).toBe(true);
          // At the cut-off, local time (UTC−3).
          expect(((r.handOverAt.getUTCHours() + 21) % 24) * 60 + r.handOverAt.getUTCMinutes()).toBe(mins);
          expect(calendar.isBusinessDay(r.deliverBy)).toBe(true);
          expect(r.deliverBy).toEqual(calendar.endOfLocalDay(r.deliverBy));
          expect(calendar.businessDaysBetween(calendar.endOfLocalDay(r.handOverAt), r.deliverBy)).toBe(transitDays);
          const slower = promiseDate({ from, handlingHours, cutoff, transitDays: transitDays + 1, calendar });
          expect(slower.deliverBy.getTime()).toBeGreaterThan(r.deliverBy.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('default transit days', () => {
  it('grows with distance', () => {
    expect([0, 30, 30.1, 300, 300.5, 1000, 1000.5, 3000].map(defaultTransitDays)).toEqual([1, 1, 2, 2, 3, 3, 5, 5]);
    expect(() => defaultTransitDays(-1)).toThrow(/0 km or more/);
    expect(() => defaultTransitDays(Number.NaN)).toThrow(/0 km or more/);
  });
});

describe('the promise of a sourced order', () => {
  const palermo = { lat: -34.5889, lng: -58.4306, carrierCutoff: '16:00' };
  const cordoba = { lat: -31.4135, lng: -64.1811, carrierCutoff: null };
  const shipTo = { lat: -34.588, lng: -58.41 };

  it('home delivery: the location cut-off and transit by distance; the latest location of a split wins', () => {
    const from = ba('2026-12-14T10:00'); // Monday
    // Palermo, 2 km away: 4 h handling, 16:00 cut-off Monday, 1 day → Tuesday.
    expect(sourcedOrderPromise({ from, handlingHours: 4, calendar, shipTo, origins: [palermo] })).toEqual({
      homeDelivery: ba('2026-12-15T23:59:59.999'),
      storePickup: ba('2026-12-14T23:59:59.999'),
    });
    // Córdoba is ~650 km away: 3 business days after hand-over at 14:00 Monday → Thursday.
    expect(sourcedOrderPromise({ from, handlingHours: 4, calendar, shipTo, origins: [palermo, cordoba] }).homeDelivery).toEqual(
      ba('2026-12-17T23:59:59.999'),
    );
    expect(() => sourcedOrderPromise({ from, handlingHours: 4, calendar, shipTo, origins: [] })).toThrow(/at least one location/);
  });
});
