/**
 * A queue operation that did not finish in time: Redis (or the queue's database) is away. ioredis
 * keeps the command and sends it once it reconnects, and what the job was for is committed in the
 * database first (the sweepers queue it again), so nothing is lost; the caller is told now instead
 * of waiting for the outage to end. Mapped to UNAVAILABLE (503, Retry-After) by kernel/unavailable.ts.
 */
export class QueueUnavailableError extends Error {
  constructor(what: string, ms: number) {
    super(`the job queue did not answer ${what} within ${ms} ms`);
    this.name = 'QueueUnavailableError';
  }
}

/** Longest a caller waits for the queue to take a job or answer a count. */
export const QUEUE_DEADLINE_MS = 5_000;

/** `op`, or {@link QueueUnavailableError} when it has not settled within `ms`; `op` may still finish later. */
export function withinDeadline<T>(op: Promise<T>, what: string, ms = QUEUE_DEADLINE_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Settled later (Redis back): nothing waits for it any more, and a late failure is not unhandled.
      op.catch(() => undefined);
      reject(new QueueUnavailableError(what, ms));
    }, ms);
    timer.unref?.();
    op.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
