import { describe, expect, it } from 'vitest';
import { inQuietHours, quietUntil } from './quiet-hours';

const BA = 'America/Argentina/Buenos_Aires'; // UTC−3, no DST
const night = { from: '21:00', to: '08:00' };

describe('quiet hours', () => {
  it('knows a window that crosses midnight, on the local clock', () => {
    expect(inQuietHours(new Date('2026-12-07T01:30:00Z'), night, BA)).toBe(true); // 22:30 local
    expect(inQuietHours(new Date('2026-12-07T10:59:00Z'), night, BA)).toBe(true); // 07:59 local
    expect(inQuietHours(new Date('2026-12-07T11:00:00Z'), night, BA)).toBe(false); // 08:00 local
    expect(inQuietHours(new Date('2026-12-07T15:00:00Z'), night, BA)).toBe(false); // 12:00 local
    expect(inQuietHours(new Date('2026-12-07T15:00:00Z'), { from: '12:00', to: '14:00' }, BA)).toBe(true);
    expect(inQuietHours(new Date('2026-12-07T15:00:00Z'), { from: '10:00', to: '10:00' }, BA)).toBe(false);
  });

  it('holds a message until the window ends, and lets one outside it go at once', () => {
    expect(quietUntil(new Date('2026-12-07T01:30:00Z'), night, BA).toISOString()).toBe('2026-12-07T11:00:00.000Z');
    const noon = new Date('2026-12-07T15:00:00Z');
    expect(quietUntil(noon, night, BA)).toBe(noon);
    expect(quietUntil(new Date('2026-12-07T01:30:00Z'), null, BA).toISOString()).toBe('2026-12-07T01:30:00.000Z');
  });

  it('follows the customer’s time zone across a daylight-saving change', () => {
    // São Paulo has no DST now; New York does: 2026-03-08 02:00 local jumps to 03:00.
    const ny = 'America/New_York';
    const end = quietUntil(new Date('2026-03-08T06:30:00Z'), { from: '01:00', to: '07:00' }, ny); // 01:30 EST
    expect(end.toISOString()).toBe('2026-03-08T11:00:00.000Z'); // 07:00 EDT
  });
});
