import { describe, expect, it } from 'vitest';
import { nextBusinessDay } from './carrier-labels';

describe('a courier pickup’s day', () => {
  it('is the next day from Monday to Friday', () => {
    expect(nextBusinessDay(new Date('2026-12-07T15:00:00Z'))).toBe('2026-12-08'); // Monday → Tuesday
    expect(nextBusinessDay(new Date('2026-12-11T15:00:00Z'))).toBe('2026-12-14'); // Friday → Monday
    expect(nextBusinessDay(new Date('2026-12-12T15:00:00Z'))).toBe('2026-12-14'); // Saturday → Monday
    expect(nextBusinessDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
