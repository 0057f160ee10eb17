import { SHIPMENT_FINAL, type ShipmentStatus } from '../../../shared';

/**
 * When a shipment's tracking is asked for next (pure; the poller and the webhook processor use it).
 * Sooner after a change (the base interval), slower while nothing moves (doubling up to 16× the base,
 * at most {@link MAX_POLL_MS}), never sooner than a carrier's Retry-After; no more polling once the
 * shipment is final or {@link STOP_POLLING_DAYS} days after its last event (or its creation).
 */

/** Polling stops this long after the last event: a parcel silent for three months is not coming. */
export const STOP_POLLING_DAYS = 90;
/** The base interval when the account sets none (`pollSeconds`): carriers update a few times a day. */
export const DEFAULT_POLL_SECONDS = 30 * 60;
/** The slowest a live shipment is polled. */
export const MAX_POLL_MS = 6 * 3600_000;
const DAY_MS = 86_400_000;

/** The account's base interval: its `pollSeconds` setting, the simulator's step, or the default. */
export function basePollSeconds(kind: string, settings: Readonly<Record<string, string>>): number {
  const given = Number(settings.pollSeconds);
  if (Number.isFinite(given) && given >= 1) return given;
  if (kind === 'simulator') {
    const step = Number(settings.stepSeconds);
    return Number.isFinite(step) && step >= 1 ? step : 60;
  }
  return DEFAULT_POLL_SECONDS;
}

export interface PollInput {
  now: Date;
  baseSeconds: number;
  status: ShipmentStatus;
  /** The newest event the carrier reported (or we had), or null. */
  lastEventAt: Date | null;
  createdAt: Date;
  /** Polls in a row that changed nothing, before this one. */
  attempts: number;
  /** Whether this poll brought something new. */
  changed: boolean;
  /** The carrier's calls are paused (its breaker is open): not the parcel's silence, so the backoff does not grow. */
  paused?: boolean;
  /** The carrier asked us to wait (429 Retry-After). */
  retryAfterMs?: number;
  /** 0–1; 0.5 = no jitter (tests). */
  random?: () => number;
}

export interface PollPlan {
  nextPollAt: Date | null;
  pollAttempts: number;
}

/** Whether a shipment is no longer polled: final, or {@link STOP_POLLING_DAYS} days without an event (since its creation when it has none). */
export function pollingOver(s: { status: ShipmentStatus; lastEventAt: Date | null; createdAt: Date }, now: Date): boolean {
  return SHIPMENT_FINAL.includes(s.status) || now.getTime() - (s.lastEventAt ?? s.createdAt).getTime() >= STOP_POLLING_DAYS * DAY_MS;
}

export function nextPoll(p: PollInput): PollPlan {
  const attempts = p.changed ? 0 : p.paused ? p.attempts : p.attempts + 1;
  if (pollingOver(p, p.now)) return { nextPollAt: null, pollAttempts: attempts };
  const base = p.baseSeconds * 1000;
  let delay = Math.min(base * 2 ** Math.min(attempts, 4), Math.max(MAX_POLL_MS, base));
  if (p.retryAfterMs !== undefined) delay = Math.max(delay, p.retryAfterMs);
  // ±10 % so the shipments of one busy minute do not all come due in the same second again.
  delay *= 0.9 + 0.2 * (p.random ?? Math.random)();
  return { nextPollAt: new Date(p.now.getTime() + Math.round(delay)), pollAttempts: attempts };
}
