import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessCalendar, knownHolidayCountry } from './business-calendar';

// Buenos Aires is UTC−3 all year (no daylight saving): local 10:00 is 13:00Z.
const ba = (local: string) => new Date(`${local}-03:00`);
const AR = businessCalendar('AR');

describe('business calendar (Argentina, 2026)', () => {
  it('skips weekends and public holidays, not optional "días no laborables"', () => {
    expect(AR.isBusinessDay(ba('2026-07-08T12:00'))).toBe(true); // Wednesday
    expect(AR.isBusinessDay(ba('2026-07-09T12:00'))).toBe(false); // Independence Day
    expect(AR.isBusinessDay(ba('2026-07-10T12:00'))).toBe(true); // optional bridge day: carriers work
    expect(AR.isBusinessDay(ba('2026-07-11T12:00'))).toBe(false); // Saturday
    expect(AR.isBusinessDay(ba('2026-07-12T12:00'))).toBe(false); // Sunday
    expect(AR.isBusinessDay(ba('2026-12-24T12:00'))).toBe(true);
    expect(AR.isBusinessDay(ba('2026-12-25T12:00'))).toBe(false);
    expect(AR.holidays(2026)).toEqual(expect.arrayContaining(['2026-07-09', '2026-12-25', '2026-12-08', '2026-02-16']));
    expect(AR.holidays(2026)).not.toContain('2026-07-10');
    expect(AR.holidaysKnown).toBe(true);
  });

  it('reads the day in local time, not UTC', () => {
    // 01:00Z on 10 July is still 22:00 on the 9th (the holiday) in Buenos Aires.
    expect(AR.isBusinessDay(new Date('2026-07-10T01:00:00Z'))).toBe(false);
    expect(AR.endOfLocalDay(new Date('2026-07-10T01:00:00Z')).toISOString()).toBe('2026-07-10T02:59:59.999Z');
  });

  it('adds business days at the same local time, over holidays and weekends', () => {
    expect(AR.addBusinessDays(ba('2026-07-08T10:00'), 0)).toEqual(ba('2026-07-08T10:00'));
    expect(AR.addBusinessDays(ba('2026-07-08T10:00'), 1)).toEqual(ba('2026-07-10T10:00'));
    expect(AR.addBusinessDays(ba('2026-07-08T10:00'), 2)).toEqual(ba('2026-07-13T10:00'));
    expect(AR.addBusinessDays(ba('2026-12-23T18:30'), 2)).toEqual(ba('2026-12-28T18:30'));
  });

  it('from a weekend or holiday, counts from the start of the next business day', () => {
    expect(AR.addBusinessDays(ba('2026-07-11T10:00'), 0)).toEqual(ba('2026-07-13T00:00'));
    expect(AR.addBusinessDays(ba('2026-07-11T10:00'), 1)).toEqual(ba('2026-07-14T00:00'));
    expect(AR.addBusinessDays(ba('2026-07-09T15:00'), 0)).toEqual(ba('2026-07-10T00:00'));
    expect(() => AR.addBusinessDays(ba('2026-07-08T10:00'), -1)).toThrow(/whole number ≥ 0/);
    expect(() => AR.addBusinessDays(ba('2026-07-08T10:00'), 1.5)).toThrow(/whole number ≥ 0/);
  });

  it('counts whole business days between two instants', () => {
    const wed = ba('2026-07-08T10:00');
    expect(AR.businessDaysBetween(wed, ba('2026-07-10T09:59'))).toBe(0);
    expect(AR.businessDaysBetween(wed, ba('2026-07-10T10:00'))).toBe(1);
    expect(AR.businessDaysBetween(wed, ba('2026-07-13T09:59'))).toBe(1);
    expect(AR.businessDaysBetween(wed, ba('2026-07-13T10:00'))).toBe(2);
    expect(AR.businessDaysBetween(ba('2026-07-13T10:00'), wed)).toBe(0);
    // A Saturday scan: a whole business day has passed once Monday is over.
    expect(AR.businessDaysBetween(ba('2026-07-11T10:00'), ba('2026-07-13T23:59'))).toBe(0);
    expect(AR.businessDaysBetween(ba('2026-07-11T10:00'), ba('2026-07-14T00:00'))).toBe(1);
  });

  it('keeps the wall-clock time across a daylight-saving change (Madrid, 29 March 2026)', () => {
    const es = businessCalendar('ES', 'Europe/Madrid');
    // Friday 17:00 CET (16:00Z) + 1 business day = Monday 17:00 CEST (15:00Z).
    expect(es.addBusinessDays(new Date('2026-03-27T16:00:00Z'), 1).toISOString()).toBe('2026-03-30T15:00:00.000Z');
    expect(es.endOfLocalDay(new Date('2026-03-29T12:00:00Z')).toISOString()).toBe('2026-03-29T21:59:59.999Z');
  });

  it('knows which countries it has holidays for', () => {
    expect(knownHolidayCountry('ar')).toBe(true);
    expect(knownHolidayCountry('BR')).toBe(true);
    expect(knownHolidayCountry('ZZ')).toBe(false);
    const zz = businessCalendar('ZZ');
    expect(zz.holidaysKnown).toBe(false);
    expect(zz.isBusinessDay(ba('2026-07-09T12:00'))).toBe(true);
    expect(zz.isBusinessDay(ba('2026-07-11T12:00'))).toBe(false);
    expect(businessCalendar('MX', 'America/Mexico_City').isBusinessDay(new Date('2026-09-16T18:00:00Z'))).toBe(false);
  });

  it('adding n business days lands on a business day exactly n whole business days later', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 40 }),
        (at, n) => {
          const later = AR.addBusinessDays(at, n);
          expect(AR.isBusinessDay(later)).toBe(true);
          expect(later.getTime()).toBeGreaterThanOrEqual(at.getTime());
          expect(AR.businessDaysBetween(at, later)).toBe(n);
          expect(AR.businessDaysBetween(at, new Date(later.getTime() - 1))).toBe(Math.max(0, n - 1));
        },
      ),
      { numRuns: 300 },
    );
  });
});
