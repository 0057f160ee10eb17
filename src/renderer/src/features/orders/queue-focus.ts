/**
 * Keyboard focus in the queue, by order id: the rows are found in the DOM by their
 * `data-order-id`, so the detail panel can hand focus back to the row it was opened from.
 */
const rowSelector = (id: string) => `[data-testid=order-row][data-order-id="${CSS.escape(id)}"]`;

/** Focuses the row of an order if it is on the page, else the first row; false when the queue shows none. */
export function focusQueueRow(id?: string | null): boolean {
  const row =
    (id ? document.querySelector<HTMLElement>(rowSelector(id)) : null) ?? document.querySelector<HTMLElement>('[data-testid=order-row]');
  if (!row) return false;
  row.focus();
  return true;
}

/** The row next to the focused one (`step` rows away, held at the ends); null when focus is not on a row. */
export function neighbourRow(from: Element | null, step: 1 | -1): HTMLElement | null {
  const row = from?.closest<HTMLElement>('[data-testid=order-row]');
  if (!row) return null;
  const next = step === 1 ? row.nextElementSibling : row.previousElementSibling;
  return next instanceof HTMLElement && next.dataset.testid === 'order-row' ? next : row;
}
