/** Crash-restart limits: a crash now and then is survived; a crash loop is stopped and shown. */
export interface RestartLimits {
  /** Crashes counted within this window… */
  windowMs: number;
  /** …beyond this many, stop restarting. */
  maxCrashes: number;
  /** First delay; doubles with each recent crash, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_LIMITS: RestartLimits = { windowMs: 60_000, maxCrashes: 5, baseDelayMs: 1_000, maxDelayMs: 10_000 };

export type RestartDecision = { restart: true; delayMs: number; recentCrashes: number[] } | { restart: false; recentCrashes: number[] };

/**
 * Decides what to do after the engine process crashed at `now`, given earlier crash times.
 * Pure, so the supervisor's policy is unit-tested without Electron.
 */
export function afterCrash(
  earlierCrashes: readonly number[],
  now: number,
  limits: RestartLimits = DEFAULT_RESTART_LIMITS,
): RestartDecision {
  const recentCrashes = [...earlierCrashes.filter((t) => now - t < limits.windowMs), now];
  if (recentCrashes.length > limits.maxCrashes) return { restart: false, recentCrashes };
  const delayMs = Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** (recentCrashes.length - 1));
  return { restart: true, delayMs, recentCrashes };
}
