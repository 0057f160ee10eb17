import { AppError, type Order, type ParsedInputOf } from '../../shared';
import { inTransaction } from '../adapters/db/data-source';
import { getOrder, lockOrder, recordTransition } from '../adapters/db/order-store';
import { addExclusion, cancelOpenFulfilments, correctStock, orderLines, reservedAt } from '../adapters/db/sourcing-ops-store';
import { releaseReservations } from '../adapters/db/stock-store';
import type { Actor } from '../engine.types';
import { transitionOrder } from './advance-order';
import type { WorkflowDeps } from './deps';
import { assertRejectable, REJECTION_TEXT, requeue } from './reject-fulfilment';

export type PickReport = ParsedInputOf<'fulfilment.shortPick'>;
export interface PickResult {
  order: Order;
  outcome: 'picked' | 'resourcing';
  shortfall: { sku: string; ordered: number; picked: number }[];
  note: string | null;
}

/**
 * Today's model keeps one fulfilment order, at one location, per order: a remainder cannot be
 * sourced elsewhere while the picked part ships from here. So a short pick re-sources the whole
 * order and says so; the picked units go back on the shelf.
 */
export const WHOLE_ORDER_NOTE =
  'The whole order was re-sourced: an order ships from one location today, so the remainder could not be sent from elsewhere; the units picked go back on the shelf.';

/** Compares what was picked with what was ordered; throws naming the line when the report does not match the order. */
export function shortfallOf(lines: { sku: string; quantity: number }[], picked: PickReport['picked']): PickResult['shortfall'] {
  const bySku = new Map<string, number>();
  picked.forEach((p, i) => {
    if (bySku.has(p.sku)) throw new AppError('VALIDATION_FAILED', `SKU ${p.sku} is reported twice`, [{ path: `picked.${i}.sku`, message: 'report each SKU once, with the units found' }]);
    const line = lines.find((l) => l.sku === p.sku);
    if (!line) throw new AppError('VALIDATION_FAILED', `SKU ${p.sku} is not on the order`, [{ path: `picked.${i}.sku`, message: `use one of ${lines.map((l) => l.sku).join(', ')}` }]);
    if (p.quantity > line.quantity) {
      throw new AppError('VALIDATION_FAILED', `More units of ${p.sku} picked (${p.quantity}) than ordered (${line.quantity})`, [
        { path: `picked.${i}.quantity`, message: `at most ${line.quantity}, the quantity ordered` },
      ]);
    }
    bySku.set(p.sku, p.quantity);
  });
  const missing = lines.filter((l) => !bySku.has(l.sku));
  if (missing.length) {
    throw new AppError('VALIDATION_FAILED', `The pick report leaves out ${missing.map((l) => l.sku).join(', ')}`, [
      { path: 'picked', message: `report every line of the order (0 when none was found): missing ${missing.map((l) => l.sku).join(', ')}` },
    ]);
  }
  return lines.filter((l) => bySku.get(l.sku)! < l.quantity).map((l) => ({ sku: l.sku, ordered: l.quantity, picked: bySku.get(l.sku)! }));
}

/**
 * A picker reports the units found for every line. All found: the order moves to `picked`. Any
 * line short: in one transaction the reservation is released, the units not found leave on hand
 * (a ledger adjustment `short_pick`), the location is excluded for this order, and the order goes
 * back to `received`; after commit it is queued for sourcing elsewhere.
 */
export async function reportPick(deps: WorkflowDeps, input: PickReport, actor: Actor): Promise<PickResult> {
  const checked = await inTransaction(deps.ds, async (m) => {
    const head = await lockOrder(m, input.orderId);
    if (!head) throw new AppError('NOT_FOUND', `No order with id ${input.orderId}`);
    const main = assertRejectable(head.status, head.locationId, 'picked');
    const lines = await orderLines(m, input.orderId);
    const shortfall = shortfallOf(lines, input.picked);
    if (shortfall.length === 0) return { shortfall, order: null };
    // Where each short line was reserved (an order split by a supervisor ships from several places).
    const where = await reservedAt(m, input.orderId);
    const released = await releaseReservations(m, input.orderId, actor);
    await cancelOpenFulfilments(m, input.orderId);
    const what = shortfall.map((s) => `${s.sku} ${s.picked}/${s.ordered}`).join(', ');
    const stock: { sku: string; onHandDelta: number }[] = [];
    const at = [...new Set(shortfall.map((s) => where.get(s.sku) ?? main))].sort();
    for (const locationId of at) {
      const here = shortfall.filter((s) => (where.get(s.sku) ?? main) === locationId);
      stock.push(...(await correctStock(m, { locationId, items: here.map((s) => ({ sku: s.sku, remove: s.ordered - s.picked })), reason: 'short_pick', orderId: input.orderId, actor })));
      await addExclusion(m, { orderId: input.orderId, locationId, code: 'short_pick', reason: `${REJECTION_TEXT.short_pick}: ${what}`, actor });
    }
    await recordTransition(m, {
      orderId: input.orderId, from: head.status, to: 'received', type: 'order.short_picked', actor, reason: `${REJECTION_TEXT.short_pick}: ${what}`, locationId: null,
      data: { rejectedAt: at.length === 1 ? at[0] : at, shortfall, released, stock, resourcing: 'whole-order', note: WHOLE_ORDER_NOTE },
    });
    return { shortfall, order: (await getOrder(m, input.orderId))! };
  });
  if (!checked.order) {
    // Everything was found: the ordinary floor step (its own transaction re-checks the status).
    return { order: await transitionOrder(deps, input.orderId, 'picked', actor), outcome: 'picked', shortfall: [], note: null };
  }
  await requeue(deps, input.orderId);
  return { order: checked.order, outcome: 'resourcing', shortfall: checked.shortfall, note: WHOLE_ORDER_NOTE };
}
