import { describe, expect, it } from 'vitest';
import { basePollSeconds, DEFAULT_POLL_SECONDS, MAX_POLL_MS, nextPoll, pollingOver, STOP_POLLING_DAYS } from './poll-schedule';

const NOW = new Date('2026-03-10T12:00:00Z');
const DAY = 86_400_000;
const flat = () => 0.5;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const base = { now: NOW, baseSeconds: 60, status: 'in_transit' as const, createdAt: new Date(NOW.getTime() - DAY), random: flat };

describe('the polling schedule', () => {
  it('polls at the base interval after a change, doubling while nothing moves up to 16× the base', () => {
    expect(nextPoll({ ...base, lastEventAt: NOW, attempts: 3, changed: true })).toEqual({ nextPollAt: at(60_000), pollAttempts: 0 });
    const waits = [0, 1, 2, 3, 4, 5, 9].map(
      (attempts) => nextPoll({ ...base, lastEventAt: NOW, attempts, changed: false }).nextPollAt!.getTime() - NOW.getTime(),
    );
    expect(waits).toEqual([120_000, 240_000, 480_000, 960_000, 960_000, 960_000, 960_000]);
    expect(nextPoll({ ...base, lastEventAt: NOW, attempts: 2, changed: false }).pollAttempts).toBe(3);
  });

  it('never waits more than six hours for a live shipment, and never less than the carrier asks', () => {
    const slow = nextPoll({ ...base, baseSeconds: DEFAULT_POLL_SECONDS, lastEventAt: NOW, attempts: 10, changed: false });
    expect(slow.nextPollAt!.getTime() - NOW.getTime()).toBe(MAX_POLL_MS);
    const limited = nextPoll({ ...base, lastEventAt: NOW, attempts: 0, changed: false, retryAfterMs: 600_000 });
    expect(limited.nextPollAt).toEqual(at(600_000));
  });

  it("a carrier whose calls are paused (breaker open) does not make the shipment's backoff grow", () => {
    expect(nextPoll({ ...base, lastEventAt: NOW, attempts: 2, changed: false, paused: true })).toEqual({
      nextPollAt: at(240_000),
      pollAttempts: 2,
    });
  });

  it('jitters by at most ±10 %', () => {
    const lo = nextPoll({ ...base, lastEventAt: NOW, attempts: 0, changed: true, random: () => 0 }).nextPollAt!.getTime() - NOW.getTime();
    const hi = nextPoll({ ...base, lastEventAt: NOW, attempts: 0, changed: true, random: () => 1 }).nextPollAt!.getTime() - NOW.getTime();
    expect([lo, hi]).toEqual([54_000, 66_000]);
  });

  it('stops on a final status and 90 days after the last event (or the creation when there is none)', () => {
    for (const status of ['delivered', 'returned', 'lost', 'cancelled'] as const)
      expect(nextPoll({ ...base, status, lastEventAt: NOW, attempts: 0, changed: true }).nextPollAt).toBeNull();
    const quiet = new Date(NOW.getTime() - STOP_POLLING_DAYS * DAY);
    expect(nextPoll({ ...base, lastEventAt: quiet, attempts: 0, changed: false }).nextPollAt).toBeNull();
    expect(nextPoll({ ...base, lastEventAt: new Date(quiet.getTime() + 60_000), attempts: 0, changed: false }).nextPollAt).not.toBeNull();
    expect(pollingOver({ status: 'ready', lastEventAt: null, createdAt: quiet }, NOW)).toBe(true);
    expect(pollingOver({ status: 'ready', lastEventAt: NOW, createdAt: quiet }, NOW)).toBe(false);
  });

  it("takes the account's pollSeconds, the simulator's step, or half an hour", () => {
    expect(basePollSeconds('andreani', { pollSeconds: '120' })).toBe(120);
    expect(basePollSeconds('andreani', { pollSeconds: 'soon' })).toBe(DEFAULT_POLL_SECONDS);
    expect(basePollSeconds('simulator', { stepSeconds: '20' })).toBe(20);
    expect(basePollSeconds('simulator', { stepSeconds: '20', pollSeconds: '5' })).toBe(5);
    expect(basePollSeconds('simulator', {})).toBe(60);
  });
});
