/**
 * The lifecycles of what the engine moves besides the order (order-lifecycle.ts): a fulfilment
 * order (one location's part of an order) and an inbox row (one delivery from a channel). Each is
 * a transition table, validated when the engine starts; the stores derive the status guards of
 * their SQL from these tables (`statusesInto`), so a move the table does not allow is never written.
 */

export const FULFILMENT_STATUSES = ['assigned', 'picked', 'packed', 'shipped', 'delivered', 'cancelled'] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

export const FULFILMENT_TRANSITIONS: Readonly<Record<FulfilmentStatus, readonly FulfilmentStatus[]>> = {
  // A location's part is picked (a short pick keeps what was found), given back (rejected,
  // re-optimised, moved by a supervisor, the order cancelled) …
  assigned: ['picked', 'cancelled'],
  // … and follows its order along the floor; a picked part can still be given back before packing.
  picked: ['packed', 'cancelled'],
  // packed → delivered: handed over at a store counter (store pickup).
  packed: ['shipped', 'delivered', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

export const PRINT_JOB_TRANSITIONS = {
  // A sender claims a queued job; it is cancelled by a person before it prints.
  queued: ['sending', 'cancelled'],
  // Printed (done); the printer could not take it now (back to queued, with backoff); it failed
  // for good (a bad document, a printer removed, interrupted mid-send: it may have printed).
  sending: ['done', 'queued', 'failed'],
  // A person retries a failed job (the same job) or cancels it; a reprint is a new job.
  failed: ['queued', 'cancelled'],
  done: [],
  cancelled: [],
} as const satisfies Record<string, readonly string[]>;

export const WAVE_TRANSITIONS = {
  released: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
} as const satisfies Record<string, readonly string[]>;

export const INBOX_STATUSES = ['received', 'processed', 'ignored', 'quarantined', 'discarded', 'exception', 'held'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

export const INBOX_TRANSITIONS: Readonly<Record<InboxStatus, readonly InboxStatus[]>> = {
  // A delivery is processed into an order or a change, ignored (nothing to do), quarantined (a
  // person must fix the payload) or made an exception (a change too late for the floor).
  received: ['processed', 'ignored', 'quarantined', 'exception'],
  // A paused channel's deliveries wait as held until it resumes, or are discarded.
  held: ['received', 'discarded'],
  // A person fixes and replays, or discards with a reason.
  quarantined: ['received', 'discarded'],
  exception: ['received', 'discarded'],
  processed: [],
  ignored: [],
  discarded: [],
};

/** The statuses a table allows to move into `to`: the guard of a statement that sets `to`. */
export function statusesInto<S extends string>(table: Readonly<Record<S, readonly S[]>>, to: S): S[] {
  return (Object.keys(table) as S[]).filter((from) => table[from].includes(to));
}
