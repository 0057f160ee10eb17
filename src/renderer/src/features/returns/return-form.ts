import type { InputOf, ItemCondition, OrderDetail, Resolution, Return, ReturnMethod } from '../../../../shared';

/** One order line in the request form. */
export interface ReturnFormLine {
  sku: string;
  productName: string | null;
  /** Units the customer still has that may come back (delivered, not in an earlier return). */
  returnable: number;
  chosen: boolean;
  quantity: number;
  reason: string;
  condition: ItemCondition;
}

/** The call centre's return request, as it is being filled. */
export interface ReturnForm {
  lines: ReturnFormLine[];
  method: ReturnMethod;
  resolution: Resolution;
  /** Where it is dropped off or received; '' = not decided yet. */
  locationId: string;
  notes: string;
}

export type ReturnFormProblem = 'returns.form.problem.lines' | 'returns.form.problem.quantity' | 'returns.form.problem.reason';

/** Units of each SKU already on a return that still counts (not rejected, cancelled or expired). */
export function unitsOnReturns(returns: readonly Pick<Return, 'status' | 'lines'>[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const r of returns)
    if (r.status !== 'rejected' && r.status !== 'cancelled' && r.status !== 'expired')
      for (const l of r.lines) units.set(l.sku, (units.get(l.sku) ?? 0) + l.quantity);
  return units;
}

/**
 * A fresh form for an order: each line the customer got (ordered, less cancelled or backordered,
 * less what earlier returns took), none chosen; dropped off at the store that sent it.
 */
export function newReturnForm(
  order: Pick<OrderDetail, 'lines' | 'locationId'>,
  returns: readonly Pick<Return, 'status' | 'lines'>[],
): ReturnForm {
  const taken = unitsOnReturns(returns);
  const lines = order.lines.map((l) => {
    const returnable = Math.max(0, l.quantity - l.cancelledQuantity - l.backorderedQuantity - (taken.get(l.sku) ?? 0));
    return {
      sku: l.sku,
      productName: l.productName,
      returnable,
      chosen: false,
      quantity: Math.min(1, returnable),
      reason: '',
      condition: 'unopened' as const,
    };
  });
  // One item only: it is what is being returned.
  if (lines.length === 1 && lines[0]!.returnable > 0) lines[0]!.chosen = true;
  return { lines, method: 'store_drop_off', resolution: 'refund', locationId: order.locationId ?? '', notes: '' };
}

/** What keeps the form from being sent, as message keys (none: it may go). */
export function returnFormProblems(form: ReturnForm): ReturnFormProblem[] {
  const chosen = form.lines.filter((l) => l.chosen);
  if (!chosen.length) return ['returns.form.problem.lines'];
  const problems: ReturnFormProblem[] = [];
  if (chosen.some((l) => !Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > l.returnable))
    problems.push('returns.form.problem.quantity');
  if (chosen.some((l) => !l.reason)) problems.push('returns.form.problem.reason');
  return problems;
}

/** The form as `returns.request` takes it. */
export function toReturnRequest(orderId: string, form: ReturnForm): InputOf<'returns.request'> {
  const notes = form.notes.trim();
  return {
    orderId,
    lines: form.lines.filter((l) => l.chosen).map((l) => ({ sku: l.sku, quantity: l.quantity, reason: l.reason, condition: l.condition })),
    method: form.method,
    resolution: form.resolution,
    ...(form.locationId ? { locationId: form.locationId } : {}),
    ...(notes ? { notes } : {}),
    photos: [],
  };
}

/** The form with one line changed. */
export const withLine = (form: ReturnForm, sku: string, change: Partial<ReturnFormLine>): ReturnForm => ({
  ...form,
  lines: form.lines.map((l) => (l.sku === sku ? { ...l, ...change } : l)),
});
