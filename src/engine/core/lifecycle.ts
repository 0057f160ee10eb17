import {
  AppError,
  FULFILMENT_STATUSES,
  FULFILMENT_TRANSITIONS,
  INBOX_STATUSES,
  INBOX_TRANSITIONS,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  type OrderStatus,
  RETURN_ITEM_STATES,
  RETURN_ITEM_TRANSITIONS,
  RETURN_STATUSES,
  RETURN_TRANSITIONS,
} from '../../shared';

/**
 * Checks a transition table once at start-up (Vendure's validate-transition-definition): every
 * target is a known state, every state is reachable from the initial one, and the terminal states
 * are exactly those with no way out. A broken table stops the engine before it touches an order.
 */
export function validateTransitions<S extends string>(
  states: readonly S[],
  table: Readonly<Record<S, readonly S[]>>,
  initial: S | readonly S[],
): void {
  const known = new Set<string>(states);
  for (const from of states) {
    const targets = table[from];
    if (!targets) throw new Error(`Lifecycle: state "${from}" has no entry in the transition table`);
    for (const to of targets) if (!known.has(to)) throw new Error(`Lifecycle: "${from}" → "${to}" names an unknown state`);
  }
  const initials: readonly S[] = typeof initial === 'string' ? [initial as S] : (initial as readonly S[]);
  const seen = new Set<S>(initials);
  const frontier: S[] = [...initials];
  while (frontier.length) {
    const s = frontier.pop() as S;
    for (const t of table[s]) {
      if (!seen.has(t)) {
        seen.add(t);
        frontier.push(t);
      }
    }
  }
  const unreachable = states.filter((s) => !seen.has(s));
  if (unreachable.length) throw new Error(`Lifecycle: unreachable states from "${initials.join('", "')}": ${unreachable.join(', ')}`);
}

/** Validates the order lifecycle. */
export function validateOrderLifecycle(): void {
  validateTransitions(ORDER_STATUSES, ORDER_TRANSITIONS, 'received');
}

/** Validates every lifecycle (order, fulfilment order, inbox row, return and its items); called when the engine starts. */
export function validateLifecycles(): void {
  validateOrderLifecycle();
  validateTransitions(FULFILMENT_STATUSES, FULFILMENT_TRANSITIONS, 'assigned');
  // A delivery enters as received, or as held when its channel is paused.
  validateTransitions(INBOX_STATUSES, INBOX_TRANSITIONS, ['received', 'held']);
  validateTransitions(RETURN_STATUSES, RETURN_TRANSITIONS, 'requested');
  validateTransitions(RETURN_ITEM_STATES, RETURN_ITEM_TRANSITIONS, 'expected');
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Throws ILLEGAL_TRANSITION naming both states and what is allowed instead. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (canTransition(from, to)) return;
  const allowed = ORDER_TRANSITIONS[from];
  throw new AppError(
    'ILLEGAL_TRANSITION',
    `An order in status "${from}" cannot move to "${to}"` + (allowed.length ? `; allowed next: ${allowed.join(', ')}` : '; it is final'),
  );
}
