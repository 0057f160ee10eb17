import type { Db } from '../../db/data-source';
import { holdSent, type HeldMessage } from './messages.store';

/** A message recorded sent: `committed` is its group's COMMIT (wrapped, so awaiting the hold does not wait for it). */
export interface Held {
  committed: Promise<void>;
}

/**
 * Group commit for messages at their point of no return. Each e-mail waits at its end-of-data dot
 * until it is recorded sent; instead of a transaction each, the messages that reach their dots
 * while a group is being written wait together and are written as the next group: one
 * transaction, one statement, however many connections are sending. A group's COMMIT is sent in
 * the same turn as its messages' dots are released (see {@link holdSent}).
 */
export class SentGroups {
  private waiting: { message: HeldMessage; resolve: (held: Held) => void; reject: (e: Error) => void }[] = [];
  private writing = false;

  constructor(private readonly ds: Db) {}

  /**
   * Answers once the message is recorded sent in a transaction whose COMMIT has been sent (`committed`
   * settles when the COMMIT does); refuses when another node took the message over.
   */
  hold(message: HeldMessage): Promise<Held> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ message, resolve, reject });
      if (!this.writing) this.writeNext();
    });
  }

  private writeNext(): void {
    const group = this.waiting;
    this.waiting = [];
    if (!group.length) {
      this.writing = false;
      return;
    }
    this.writing = true;
    holdSent(
      this.ds,
      group.map((g) => g.message),
    ).then(
      ({ held, commit }) => {
        // The COMMIT first, then the dots, in this one turn.
        const committed = commit();
        committed.catch(() => undefined);
        for (const g of group)
          if (held.has(g.message.id)) g.resolve({ committed });
          else g.reject(new Error('another node took this message over (its lease ran out)'));
        this.writeNext();
      },
      (e: unknown) => {
        for (const g of group) g.reject(e instanceof Error ? e : new Error(String(e)));
        this.writeNext();
      },
    );
  }
}
