import { describe, expect, it } from 'vitest';
import { ipWaitSeconds, userKey, userWaitSeconds } from './throttle';

describe('sign-in throttling', () => {
  it('lets a name try until its fifth failure, then waits 30 s from the last, doubling per failure up to 15 min', () => {
    expect(userWaitSeconds(4, 0)).toBe(0);
    expect(userWaitSeconds(5, 0)).toBe(30);
    expect(userWaitSeconds(5, 10.2)).toBe(20);
    expect(userWaitSeconds(5, 30)).toBe(0);
    expect(userWaitSeconds(6, 0)).toBe(60);
    expect(userWaitSeconds(7, 0)).toBe(120);
    expect(userWaitSeconds(10, 0)).toBe(900);
    expect(userWaitSeconds(500, 0)).toBe(900);
  });

  it('lets an address try until 30 failures in the window, then until the 30th newest leaves it', () => {
    expect(ipWaitSeconds(29, null)).toBe(0);
    expect(ipWaitSeconds(30, 100)).toBe(800);
    expect(ipWaitSeconds(45, 899.5)).toBe(1);
    expect(ipWaitSeconds(30, 900)).toBe(0);
  });

  it('counts a name however it was typed', () => {
    expect(userKey('  Ana.Perez ')).toBe('user:ana.perez');
  });
});
