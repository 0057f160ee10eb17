import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { ReturnPolicySettingsSchema } from '../../../shared';
import { inTime, localDate, returnWindow, timeZoneOf } from './return-windows';

const settings = ReturnPolicySettingsSchema.parse({});
const AR = 'America/Argentina/Buenos_Aires';
const MX = 'America/Mexico_City';

describe('return windows', () => {
  it('counts calendar days from the local delivery date, whatever the UTC date', () => {
    // 23:30 on 2 March in Buenos Aires is already 3 March in UTC.
    const late = returnWindow(new Date('2026-03-03T02:30:00Z'), 10, 'calendar', 'AR', AR);
    expect(late).toEqual({ days: 10, kind: 'calendar', deliveredOn: '2026-03-02', lastDay: '2026-03-12' });
    expect(returnWindow(new Date('2026-03-31T12:00:00Z'), 0, 'calendar', 'AR', AR).lastDay).toBe('2026-03-31');
  });

  it('ends at the end of the last local day', () => {
    const w = returnWindow(new Date('2026-03-02T18:00:00Z'), 10, 'calendar', 'AR', AR);
    expect(inTime(new Date('2026-03-13T02:59:59.999Z'), w, AR)).toBe(true); // 23:59:59.999 on the 12th
    expect(inTime(new Date('2026-03-13T03:00:00Z'), w, AR)).toBe(false); // midnight, the 13th
  });

  it('holds across a clock change (Chile leaves summer time on 5 April 2026)', () => {
    const tz = 'America/Santiago';
    const w = returnWindow(new Date('2026-03-30T15:00:00Z'), 10, 'calendar', 'CL', tz);
    expect(w.lastDay).toBe('2026-04-09');
    expect(localDate(new Date('2026-04-10T03:30:00Z'), tz)).toBe('2026-04-09'); // 23:30 at UTC−4
    expect(inTime(new Date('2026-04-10T03:30:00Z'), w, tz)).toBe(true);
    expect(inTime(new Date('2026-04-10T04:00:00Z'), w, tz)).toBe(false);
  });

  it('counts Mexican business days past a weekend and a public holiday', () => {
    // The third Monday of March 2026 is Benito Juárez's day, a public holiday in date-holidays.
    const mxHolidays = new Holidays('MX').getHolidays(2026).filter((h) => h.type === 'public');
    expect(mxHolidays.map((h) => h.date.slice(0, 10))).toContain('2026-03-16');
    // Delivered Friday 13th: Tue 17, Wed 18, Thu 19, Fri 20, (weekend), Mon 23 is the fifth.
    const w = returnWindow(new Date('2026-03-13T18:00:00Z'), 5, 'business', 'MX', MX);
    expect(w).toEqual({ days: 5, kind: 'business', deliveredOn: '2026-03-13', lastDay: '2026-03-23' });
    // Without a holiday the fifth business day after Friday 6th is Friday 13th.
    expect(returnWindow(new Date('2026-03-06T18:00:00Z'), 5, 'business', 'MX', MX).lastDay).toBe('2026-03-13');
    // A Saturday delivery counts from the Monday after.
    expect(returnWindow(new Date('2026-03-07T18:00:00Z'), 5, 'business', 'MX', MX).lastDay).toBe('2026-03-13');
  });

  it("takes the country's time zone, else the fallback", () => {
    expect(timeZoneOf('mx', settings)).toBe(MX);
    expect(timeZoneOf('UY', settings)).toBe(AR);
  });

  it('refuses a window that is not a whole number of days', () => {
    expect(() => returnWindow(new Date(), -1, 'calendar', 'AR', AR)).toThrow(RangeError);
    expect(() => returnWindow(new Date(), 1.5, 'business', 'MX', MX)).toThrow(/whole number/);
  });
});
