import { AppError } from '../../../shared';

/** A pickup's units per SKU: what it hands over (fixed when made ready) and what was collected so far. */
export interface PickupUnits {
  lines: Readonly<Record<string, number>>;
  collected: Readonly<Record<string, number>>;
}

export interface SkuUnits {
  sku: string;
  quantity: number;
}

/** What one hand-over does: the units committed now, the pickup's status after, and what goes back to stock. */
export interface HandoverPlan {
  take: SkuUnits[];
  /** Units declined now (`declineRest`): released and cancelled on the order. */
  decline: SkuUnits[];
  status: 'collected' | 'partially_collected';
  collected: Record<string, number>;
}

/** Units still to hand over, per SKU (SKUs with none left are left out), in SKU order. */
export function unitsLeft(p: PickupUnits): SkuUnits[] {
  return Object.keys(p.lines)
    .sort()
    .map((sku) => ({ sku, quantity: (p.lines[sku] ?? 0) - (p.collected[sku] ?? 0) }))
    .filter((l) => l.quantity > 0);
}

const total = (l: readonly SkuUnits[]) => l.reduce((s, x) => s + x.quantity, 0);

/**
 * Decides a hand-over before anything moves: the units taken (absent = all that is left) must be in
 * the pickup and not more than is left of each SKU; a partial hand-over needs the policy's
 * `allowPartial`. With `declineRest` whatever is not taken now is declined and the pickup closes.
 * Throws VALIDATION_FAILED naming the line and the fix.
 */
export function planHandover(
  p: PickupUnits,
  req: { lines?: readonly SkuUnits[]; declineRest: boolean },
  policy: { allowPartial: boolean },
): HandoverPlan {
  const left = unitsLeft(p);
  const leftOf = new Map(left.map((l) => [l.sku, l.quantity]));
  const wanted = new Map<string, number>();
  if (req.lines) {
    req.lines.forEach((l, i) => {
      if (!(l.sku in p.lines)) {
        throw new AppError('VALIDATION_FAILED', `SKU ${l.sku} is not in this pickup; it holds ${Object.keys(p.lines).sort().join(', ')}`, [
          { path: `lines.${i}.sku`, message: 'use a SKU of this pickup' },
        ]);
      }
      const sum = (wanted.get(l.sku) ?? 0) + l.quantity;
      const can = leftOf.get(l.sku) ?? 0;
      if (sum > can) {
        const taken = p.collected[l.sku] ?? 0;
        throw new AppError(
          'VALIDATION_FAILED',
          `only ${can} of SKU ${l.sku} ${can === 1 ? 'is' : 'are'} left to hand over (${taken} of ${p.lines[l.sku]} collected already)`,
          [{ path: `lines.${i}.quantity`, message: `at most ${can}` }],
        );
      }
      wanted.set(l.sku, sum);
    });
  }
  const take = req.lines ? [...wanted].sort(([a], [b]) => (a < b ? -1 : 1)).map(([sku, quantity]) => ({ sku, quantity })) : left;
  const rest = left
    .map((l) => ({ sku: l.sku, quantity: l.quantity - (wanted.get(l.sku) ?? (req.lines ? 0 : l.quantity)) }))
    .filter((l) => l.quantity > 0);
  if (rest.length && !policy.allowPartial) {
    throw new AppError(
      'VALIDATION_FAILED',
      `this pickup is handed over whole (pickup policy): take all ${total(left)} units left — leave lines out — or ask a supervisor to allow partial pickups`,
      [{ path: 'lines', message: 'leave lines out to hand over everything' }],
    );
  }
  const collected = { ...p.collected };
  for (const t of take) collected[t.sku] = (collected[t.sku] ?? 0) + t.quantity;
  const closes = !rest.length || req.declineRest;
  return { take, decline: req.declineRest ? rest : [], status: closes ? 'collected' : 'partially_collected', collected };
}

/** How a closing pickup leaves its order: delivered with what was taken, or cancelled when nothing was. */
export function orderOutcome(collected: Readonly<Record<string, number>>): 'delivered' | 'cancelled' {
  return Object.values(collected).some((q) => q > 0) ? 'delivered' : 'cancelled';
}
