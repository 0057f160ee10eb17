import { AppError } from '../../../shared';
import { inTransaction, type Db } from '../../db/data-source';
import { clearFailures, deleteFailures, failureStats, insertFailures, lockThrottleKeys } from './throttle.store';

/**
 * Sign-in throttling, held in the database so that every desk and node on it counts the same
 * attempts. Per user name: after 5 failures within 15 minutes, every attempt — even with the right
 * password, or the guess would tell — waits 30 s after the last failure, doubling with each further
 * failure, at most 15 minutes. Per address: 30 failures within 15 minutes, then wait until the
 * oldest of them leaves the window. A success clears the name's counter.
 */
export const THROTTLE = {
  windowSeconds: 15 * 60,
  userLimit: 5,
  ipLimit: 30,
  firstWaitSeconds: 30,
  maxWaitSeconds: 15 * 60,
} as const;

/** Seconds a name must still wait after `count` failures in the window, the newest `newestAgeSeconds` ago (0: it may try). */
export function userWaitSeconds(count: number, newestAgeSeconds: number): number {
  if (count < THROTTLE.userLimit) return 0;
  const wait = Math.min(THROTTLE.firstWaitSeconds * 2 ** (count - THROTTLE.userLimit), THROTTLE.maxWaitSeconds);
  return Math.max(0, Math.ceil(wait - newestAgeSeconds));
}

/** Seconds an address must still wait: until the failure that made the limit leaves the window. */
export function ipWaitSeconds(count: number, limitNthAgeSeconds: number | null): number {
  if (count < THROTTLE.ipLimit || limitNthAgeSeconds === null) return 0;
  return Math.max(0, Math.ceil(THROTTLE.windowSeconds - limitNthAgeSeconds));
}

export const userKey = (username: string) => `user:${username.trim().toLowerCase().slice(0, 120)}`;

/** An attempt under way: counted as a failure until {@link attemptSucceeded} takes it back. */
export interface Attempt {
  userKey: string;
  rowIds: string[];
}

/**
 * Checks both counters and records the attempt as a failure in one locked step, before the
 * password is verified: parallel guesses at one name (from many desks) cannot all slip in under
 * the limit while each spends its 100 ms hashing. RATE_LIMITED when the name or address must wait.
 */
export async function beginAttempt(ds: Db, username: string, ip: string | undefined): Promise<Attempt> {
  const uKey = userKey(username);
  const keys = ip ? [uKey, `ip:${ip}`] : [uKey];
  return inTransaction(ds, async (m) => {
    await lockThrottleKeys(m, keys);
    const stats = await failureStats(m, keys, THROTTLE.windowSeconds, THROTTLE.ipLimit);
    const u = stats.find((s) => s.key === uKey);
    const a = stats.find((s) => s.key !== uKey);
    const userWait = u ? userWaitSeconds(u.count, u.newestAgeSeconds) : 0;
    if (userWait > 0)
      throw new AppError('RATE_LIMITED', `Too many failed sign-ins for this name: try again in ${userWait} s`, undefined, userWait);
    const ipWait = a ? ipWaitSeconds(a.count, a.nthNewestAgeSeconds) : 0;
    if (ipWait > 0)
      throw new AppError('RATE_LIMITED', `Too many failed sign-ins from this address: try again in ${ipWait} s`, undefined, ipWait);
    return { userKey: uKey, rowIds: await insertFailures(m, keys) };
  });
}

/** The attempt was right: the name's counter is cleared and the address's row taken back. */
export async function attemptSucceeded(ds: Db, attempt: Attempt): Promise<void> {
  await inTransaction(ds, async (m) => {
    await clearFailures(m, attempt.userKey);
    await deleteFailures(m, attempt.rowIds);
  });
}
