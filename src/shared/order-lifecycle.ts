/**
 * The order lifecycle as data (Vendure's `Transitions<State>` pattern): the table is the single
 * source of truth for which status may follow which; the engine validates it at start-up and
 * refuses any other move with a named error.
 */
export const ORDER_STATUSES = ['received', 'unfillable', 'sourced', 'picked', 'packed', 'shipped', 'delivered', 'cancelled'] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  received: ['sourced', 'unfillable', 'cancelled'],
  unfillable: ['sourced', 'cancelled'],
  // sourced → received: re-sourcing — the store rejected it or the pick came up short, or the channel
  // changed lines or destination before picking; it waits to be sourced again.
  sourced: ['picked', 'cancelled', 'received'],
  picked: ['packed', 'cancelled'],
  // packed → delivered: a store-pickup order handed over at the counter (it never ships).
  packed: ['shipped', 'delivered', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** Statuses a planner moves an order into by hand from the desk (the floor's steps). */
export const PLANNER_STEPS: readonly OrderStatus[] = ['picked', 'packed', 'shipped', 'delivered'];

/** Statuses in which the order still holds reserved stock. */
export const HOLDS_RESERVATION: readonly OrderStatus[] = ['sourced', 'picked', 'packed'];

/** The next floor step from a status, if there is one. */
export function nextPlannerStep(status: OrderStatus): OrderStatus | undefined {
  return ORDER_TRANSITIONS[status].find((s) => PLANNER_STEPS.includes(s));
}
