/**
 * Background work the engine hands off: one named job kind per workflow step ("source-order",
 * "process-inbox", …). A job carries only a key (an order id, an inbox row id); the worker reads
 * the rest from the database, so a job lost or run twice is harmless.
 */
export interface JobQueue {
  readonly backend: 'redis' | 'postgres';
  /**
   * Enqueues `kind` for `key`. While a job for the same kind and key is still waiting, enqueueing
   * again is a no-op (the key de-duplicates). `delayMs` runs it later (retries with backoff, TTLs).
   */
  enqueue(kind: string, key: string, opts?: { delayMs?: number }): Promise<void>;
  /**
   * For a sweeper that found `key`'s work still undone: a job still live (waiting, delayed, running)
   * is left alone (`live`); one that failed for good (its attempts used up) or finished is replaced
   * by a new job with fresh attempts (`retried`); with no job at all (lost), one is queued (`queued`).
   */
  requeue(kind: string, key: string): Promise<RequeueOutcome>;
  /** Enqueue sourcing for an order (kind "source-order"). */
  enqueueSourcing(orderId: string): Promise<void>;
  /** Jobs waiting to run over all kinds, or null when the backend cannot tell. */
  waiting(): Promise<number | null>;
  /** Drains in-flight jobs and closes connections. */
  close(): Promise<void>;
}

/** What {@link JobQueue.requeue} did. */
export type RequeueOutcome = 'queued' | 'retried' | 'live';

/** What a worker runs for one job kind: the key it was enqueued with. Throwing retries with backoff. */
export type JobProcessor = (key: string) => Promise<void>;

export const SOURCE_ORDER_JOB = 'source-order';
