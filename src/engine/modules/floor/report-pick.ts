import { AppError, type OutputOf, type ParsedInputOf } from '../../../shared';
import { inTransaction } from '../../db/data-source';
import { keepFound, openParts, partsToPick, settlePart, type OpenPart } from '../sourcing/backorder.store';
import { recordOrderEvent } from '../orders/order.store';
import { getOrder, lockOrder, recordTransition } from '../orders/order.store';
import { activeProfiles } from '../sourcing/profile.store';
import { addExclusion, cancelOpenFulfilments, correctStock } from '../sourcing/sourcing-ops.store';
import { cachedNetwork } from '../sourcing/sourcing.store';
import { releaseReservations } from '../inventory/stock.store';
import type { Actor } from '../../../shared';
import type { WorkflowDeps } from '../../kernel/context';
import { sourceRemainder, type RemainderOutcome } from '../sourcing/partial-fulfilment';
import { assertRejectable, ownParts, partToPick, REJECTION_TEXT, requeue } from './workflows/reject-fulfilment';
import { assertWorksAt } from '../../kernel/location-scope';

export type PickReport = ParsedInputOf<'fulfilment.shortPick'>;
export type PickResult = OutputOf<'fulfilment.shortPick'>;
type Shortfall = PickResult['shortfall'];

/** Compares what was picked with what this location holds for the order; throws naming the line when the report does not match. */
export function shortfallOf(lines: { sku: string; quantity: number }[], picked: PickReport['picked'], where = 'this location'): Shortfall {
  const bySku = new Map<string, number>();
  picked.forEach((p, i) => {
    if (bySku.has(p.sku))
      throw new AppError('VALIDATION_FAILED', `SKU ${p.sku} is reported twice`, [
        { path: `picked.${i}.sku`, message: 'report each SKU once, with the units found' },
      ]);
    const line = lines.find((l) => l.sku === p.sku);
    if (!line)
      throw new AppError('VALIDATION_FAILED', `SKU ${p.sku} is not picked at ${where}`, [
        { path: `picked.${i}.sku`, message: `use one of ${lines.map((l) => l.sku).join(', ')}` },
      ]);
    if (p.quantity > line.quantity) {
      throw new AppError(
        'VALIDATION_FAILED',
        `More units of ${p.sku} picked (${p.quantity}) than ${where} holds for the order (${line.quantity})`,
        [{ path: `picked.${i}.quantity`, message: `at most ${line.quantity}, the quantity to pick here` }],
      );
    }
    bySku.set(p.sku, p.quantity);
  });
  const missing = lines.filter((l) => !bySku.has(l.sku));
  if (missing.length) {
    throw new AppError('VALIDATION_FAILED', `The pick report leaves out ${missing.map((l) => l.sku).join(', ')}`, [
      {
        path: 'picked',
        message: `report every line to pick at ${where} (0 when none was found): missing ${missing.map((l) => l.sku).join(', ')}`,
      },
    ]);
  }
  return lines.filter((l) => bySku.get(l.sku)! < l.quantity).map((l) => ({ sku: l.sku, ordered: l.quantity, picked: bySku.get(l.sku)! }));
}

const WHOLE_ORDER_NOTE =
  'Nothing of the order could be kept here, so the whole order is being sourced again; the units found go back on the shelf.';
const HOLD_NOTE =
  'No other location can supply the units not found and the sourcing profile ships complete orders only, so the whole order is being sourced again; the units found go back on the shelf.';

/**
 * A picker reports the units found for every line their location holds for the order.
 *
 * All found: this part is picked; when no other part waits, the order is `picked`.
 *
 * Some short, in one transaction: this part keeps the units found (the rest of its reservation is
 * released), the units not found leave on hand (ledger reason `short_pick`), the location is
 * excluded for the order, and only the remainder is sourced — as new parts elsewhere, while the
 * part here stays picked. If no location can take the remainder, the profile's backorder policy
 * decides: `ship_available` moves it to a backorder order, `cancel_unavailable` cancels it, and
 * `hold` (ship complete) sends the whole order back to sourcing. Nothing found at all, with no
 * other part under way: the whole order is sourced again, as before.
 */
export async function reportPick(deps: WorkflowDeps, input: PickReport, actor: Actor): Promise<PickResult> {
  const [profiles, network] = await Promise.all([activeProfiles(deps.ds), cachedNetwork(deps.ds)]);
  const result = await inTransaction(deps.ds, async (m) => {
    const head = await lockOrder(m, input.orderId);
    if (!head) throw new AppError('NOT_FOUND', `No order with id ${input.orderId}`);
    const main = assertRejectable(head.status, head.locationId, 'picked');
    const parts = await openParts(m, input.orderId);
    const locationId = input.locationId ?? partToPick(ownParts(parts, actor), main);
    assertWorksAt(actor, locationId);
    const part = parts.find((p) => p.locationId === locationId && p.status === 'assigned');
    if (!part) {
      const waiting = parts.filter((p) => p.status === 'assigned').map((p) => p.locationId);
      throw new AppError('VALIDATION_FAILED', `Order #${head.number} has nothing waiting to be picked at ${locationId}`, [
        {
          path: 'locationId',
          message: waiting.length ? `its parts to pick are at ${waiting.join(', ')}` : 'every part of it is picked already',
        },
      ]);
    }
    const shortfall = shortfallOf(part.lines, input.picked, locationId);
    if (shortfall.length === 0) {
      await settlePart(m, part.id);
      return { ...(await partPicked(m, input.orderId, locationId, actor)), shortfall };
    }
    return shortPicked(m, { orderId: input.orderId, part, parts, shortfall, actor, profiles, network });
  });
  if (result.outcome === 'resourcing') await requeue(deps, input.orderId);
  return result;
}

/** This part is picked: the order is `picked` when no part waits any more, otherwise the timeline notes the part. */
async function partPicked(
  m: Parameters<typeof openParts>[0],
  orderId: string,
  locationId: string,
  actor: Actor,
): Promise<Omit<PickResult, 'shortfall'>> {
  if ((await partsToPick(m, orderId)) === 0) {
    await recordTransition(m, { orderId, from: 'sourced', to: 'picked', type: 'order.picked', actor });
    return { order: (await getOrder(m, orderId))!, outcome: 'picked', remainderAt: [], backorder: null, note: null };
  }
  await recordOrderEvent(m, { orderId, type: 'order.part_picked', actor, data: { locationId } });
  return { order: (await getOrder(m, orderId))!, outcome: 'part_picked', remainderAt: [], backorder: null, note: null };
}

async function shortPicked(
  m: Parameters<typeof openParts>[0],
  s: {
    orderId: string;
    part: OpenPart;
    parts: OpenPart[];
    shortfall: Shortfall;
    actor: Actor;
    profiles: Awaited<ReturnType<typeof activeProfiles>>;
    network: Awaited<ReturnType<typeof cachedNetwork>>;
  },
): Promise<PickResult> {
  const { orderId, part, shortfall, actor } = s;
  const at = part.locationId;
  const what = shortfall.map((x) => `${x.sku} ${x.picked}/${x.ordered}`).join(', ');
  const reason = `${REJECTION_TEXT.short_pick}: ${what}`;
  const found = part.lines.map((l) => ({ sku: l.sku, quantity: shortfall.find((x) => x.sku === l.sku)?.picked ?? l.quantity }));
  const othersUnderWay = s.parts.some((p) => p.id !== part.id);
  // The units not found leave on hand wherever this ends; the location is not asked again.
  const released = await keepFound(m, {
    orderId,
    fulfilmentOrderId: part.id,
    keep: found.filter((f) => shortfall.some((x) => x.sku === f.sku)),
    actor,
  });
  const stock = await correctStock(m, {
    locationId: at,
    items: shortfall.map((x) => ({ sku: x.sku, remove: x.ordered - x.picked })),
    reason: 'short_pick',
    orderId,
    actor,
  });
  await addExclusion(m, { orderId, locationId: at, code: 'short_pick', reason, actor });
  const nothingKept = found.every((f) => f.quantity === 0);

  let remainder: RemainderOutcome = { kind: 'hold', reason: 'nothing was found here' };
  if (!(nothingKept && !othersUnderWay)) {
    await recordOrderEvent(m, {
      orderId,
      type: 'order.short_picked',
      actor,
      reason,
      data: { rejectedAt: at, shortfall, released, stock, resourcing: 'remainder' },
    });
    const order = (await getOrder(m, orderId))!;
    remainder = await sourceRemainder(m, {
      orderId,
      remainder: shortfall.map((x) => ({ sku: x.sku, quantity: x.ordered - x.picked })),
      profiles: s.profiles,
      network: s.network,
      shipTo: order.shipTo,
      actor,
      why: `remainder of a short pick at ${at}`,
    });
  }
  if (remainder.kind === 'hold') {
    // Ship complete (or nothing kept): every part goes back and the whole order is sourced again.
    const note = nothingKept && !othersUnderWay ? WHOLE_ORDER_NOTE : HOLD_NOTE;
    const all = await releaseReservations(m, orderId, actor);
    await cancelOpenFulfilments(m, orderId);
    await recordTransition(m, {
      orderId,
      from: 'sourced',
      to: 'received',
      type: nothingKept && !othersUnderWay ? 'order.short_picked' : 'order.resourcing',
      actor,
      reason: nothingKept && !othersUnderWay ? reason : note,
      locationId: null,
      data: { rejectedAt: at, shortfall, released: all, stock, resourcing: 'whole-order', note },
    });
    return { order: (await getOrder(m, orderId))!, outcome: 'resourcing', shortfall, remainderAt: [], backorder: null, note };
  }
  if ((await settlePart(m, part.id)) === 'picked' && (await partsToPick(m, orderId)) === 0) {
    // The remainder went nowhere new (backordered or cancelled) and nothing else waits: the order is picked.
    await recordTransition(m, { orderId, from: 'sourced', to: 'picked', type: 'order.picked', actor });
  }
  const order = (await getOrder(m, orderId))!;
  const base = { order, shortfall, remainderAt: remainder.locationIds, backorder: null };
  const where = remainder.locationIds.length ? `sourced from ${remainder.locationIds.join(', ')}` : '';
  switch (remainder.kind) {
    case 'sourced':
      return { ...base, outcome: 'remainder_sourced', note: `The units found stay picked here; the remainder is ${where}.` };
    case 'backordered':
      return {
        ...base,
        outcome: 'remainder_backordered',
        backorder: remainder.backorder,
        note: `The units found stay picked here; ${where ? `part of the remainder is ${where}, the rest` : 'the remainder'} waits for stock on backorder #${remainder.backorder.number}.`,
      };
    case 'cancelled':
      return {
        ...base,
        outcome: 'remainder_cancelled',
        note: `The units found stay picked here; ${where ? `part of the remainder is ${where}, the rest` : 'the units no location has'} were cancelled (backorder policy).`,
      };
  }
}
