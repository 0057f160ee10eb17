/** Background work the engine hands off: one named job kind per workflow step. */
export interface JobQueue {
  readonly backend: 'redis' | 'postgres';
  /** Enqueue sourcing for an order; the order id de-duplicates. */
  enqueueSourcing(orderId: string): Promise<void>;
  /** Jobs waiting to run, or null when the backend cannot tell. */
  waiting(): Promise<number | null>;
  /** Drains in-flight jobs and closes connections. */
  close(): Promise<void>;
}
