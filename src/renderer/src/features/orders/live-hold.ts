import type { OrderPage, QueueOrder } from '../../../../shared';

/**
 * Rows that do not move under the planner's cursor. While the planner is working the list, a live
 * refetch that would insert, remove or reorder rows is held back; the rows already shown take
 * their new facts (status, location…) in place, and a bar offers the held page.
 */

/** Whether two pages show the same orders in the same order (so the newer one can simply replace the other). */
export function sameRowOrder(a: readonly QueueOrder[], b: readonly QueueOrder[]): boolean {
  return a.length === b.length && a.every((r, i) => r.id === b[i]!.id);
}

/**
 * The newer page with each row that did not change kept as the very object already shown, so a
 * row re-renders only when its order changed (at 200 events a second most refetches change a few
 * rows of fifty). Rows are compared by their JSON: small, flat objects from the same endpoint.
 */
export function keepUnchangedRows(shown: OrderPage | null, newer: OrderPage): OrderPage {
  if (!shown) return newer;
  const before = new Map(shown.rows.map((r) => [r.id, r]));
  let kept = 0;
  const rows = newer.rows.map((r) => {
    const old = before.get(r.id);
    if (old && JSON.stringify(old) === JSON.stringify(r)) {
      kept++;
      return old;
    }
    return r;
  });
  return kept === 0 ? newer : { ...newer, rows };
}

/** The rows on screen, each updated with its facts from the newer page when it is still there; none added, removed or moved. */
export function updateInPlace(shown: readonly QueueOrder[], newer: readonly QueueOrder[]): QueueOrder[] {
  const byId = new Map(newer.map((r) => [r.id, r]));
  return shown.map((r) => byId.get(r.id) ?? r);
}

/**
 * The orders the held page would bring: those it adds, and among the orders live events named
 * (`heard`), those it drops or moves relative to the others. A row pushed off the page by an
 * insertion, or shifted by one, is not itself a change. Never empty when the pages differ.
 */
export function heldChanges(shown: readonly QueueOrder[], held: readonly QueueOrder[], heard: Iterable<string>): string[] {
  const shownIds = new Set(shown.map((r) => r.id));
  const heldIds = new Set(held.map((r) => r.id));
  const heardIds = new Set(heard);
  const out = new Set<string>();
  for (const id of heldIds) if (!shownIds.has(id)) out.add(id);
  for (const id of shownIds) if (!heldIds.has(id) && heardIds.has(id)) out.add(id);
  // Relative order among the rows on both pages, without the heard ones: a heard row moved if it sits elsewhere among them.
  const steady = shown.filter((r) => heldIds.has(r.id) && !heardIds.has(r.id)).map((r) => r.id);
  const rank = (rows: readonly QueueOrder[]) => {
    const at = new Map<string, number>();
    let seen = 0;
    for (const r of rows) {
      if (steady[seen] === r.id) seen++;
      else at.set(r.id, seen);
    }
    return at;
  };
  const before = rank(shown);
  const after = rank(held);
  for (const id of heardIds) if (shownIds.has(id) && heldIds.has(id) && before.get(id) !== after.get(id)) out.add(id);
  if (out.size === 0 && !sameRowOrder(shown, held))
    for (const r of held) if (!shownIds.has(r.id) || shown.findIndex((s) => s.id === r.id) !== held.indexOf(r)) out.add(r.id);
  return [...out];
}

/** What a live refetch does to the page on screen. */
export type LiveOutcome = { kind: 'replace'; page: OrderPage } | { kind: 'hold'; page: OrderPage; held: OrderPage; changed: string[] };

/**
 * A live refetch's result: replace the page when the planner is not working the list or when
 * nothing would move; otherwise keep the rows where they are (facts updated in place, counts new)
 * and hold the newer page. `heard` accumulates the orders named by events since the last apply.
 */
export function reconcileLive(shown: OrderPage | null, newer: OrderPage, engaged: boolean, heard: Iterable<string>): LiveOutcome {
  if (!shown || !engaged || sameRowOrder(shown.rows, newer.rows)) return { kind: 'replace', page: newer };
  const changed = heldChanges(shown.rows, newer.rows, heard);
  return {
    kind: 'hold',
    page: { ...shown, rows: updateInPlace(shown.rows, newer.rows), ...(newer.counts ? { counts: newer.counts } : {}) },
    held: newer,
    changed,
  };
}
