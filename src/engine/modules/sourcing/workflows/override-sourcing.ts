import { randomUUID } from 'node:crypto';
import { AppError, type OutputOf, type OverrideOption, type ParsedInputOf } from '../../../../shared';
import { distanceKm } from '../../../core/geo';
import { inTransaction } from '../../../db/data-source';
import { openParts, type OpenPart } from '../backorder.store';
import { auditNote } from '../../../kernel/audit';
import { getOrder, lockOrder } from '../../orders/order.store';
import {
  cancelOpenFulfilments,
  lastEngineDecision,
  loadExclusions,
  orderLines,
  recordOverride,
  releaseLines,
  reserveLinesAt,
  reservedAt,
  settleSplit,
  stockOfSkus,
} from '../sourcing-ops.store';
import { releaseReservations, reserveAndAssign } from '../../inventory/stock.store';
import type { Tx } from '../../../db/data-source';
import type { SourcingLocation } from '../../../core/sourcing/nearest-full-fill';
import type { Actor, Order } from '../../../../shared';
import type { WorkflowDeps } from '../../../kernel/context';
import { sourcingLocations } from '../../locations/location-cache';

/** Statuses in which a supervisor may move an order: not yet picked. */
const OVERRIDABLE = ['received', 'unfillable', 'sourced'] as const;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Pure: ranks the override options — the engine's candidates in its order first, then by distance. */
export function rankOptions(options: OverrideOption[]): OverrideOption[] {
  return [...options].sort(
    (a, b) =>
      Number(b.canFill) - Number(a.canFill) ||
      (a.engineRank ?? Infinity) - (b.engineRank ?? Infinity) ||
      a.distanceKm - b.distanceKm ||
      (a.locationId < b.locationId ? -1 : 1),
  );
}

/**
 * What the override dialog lists: the engine's ranked candidates and every other active location
 * with stock for the order's lines, with its distance to the customer and what it has available.
 */
export async function overrideOptions(deps: WorkflowDeps, orderId: string): Promise<OutputOf<'sourcing.overrideOptions'>> {
  const m = deps.ds.manager;
  const order = await getOrder(m, orderId);
  if (!order) throw new AppError('NOT_FOUND', `No order with id ${orderId}`);
  const lines = await orderLines(m, orderId);
  const engine = await lastEngineDecision(m, orderId);
  const ranked = engine?.candidates ?? [];
  const stock = await stockOfSkus(
    m,
    lines.map((l) => l.sku),
    ranked.map((c) => c.locationId),
    order.channel,
  );
  const exclusions = await loadExclusions(m, orderId);
  const options: OverrideOption[] = stock
    .filter((s) => s.active)
    .map((s) => {
      const perLine = lines.map((l) => ({ sku: l.sku, needed: l.quantity, available: Math.max(0, s.available.get(l.sku) ?? 0) }));
      const rank = ranked.findIndex((c) => c.locationId === s.locationId);
      return {
        locationId: s.locationId,
        locationName: s.locationName,
        kind: s.kind,
        city: s.city,
        distanceKm: round1(distanceKm(order.shipTo, s)),
        engineRank: rank < 0 ? null : rank + 1,
        available: Math.min(...perLine.map((p) => p.available)),
        lines: perLine,
        canFill: perLine.every((p) => p.available >= p.needed) && s.locationId !== order.locationId,
        current: s.locationId === order.locationId,
        excludedReason: exclusions.get(s.locationId) ?? null,
      };
    });
  const chosen = engine?.chosen ? (ranked.find((c) => c.locationId === engine.chosen) ?? null) : null;
  return {
    orderId,
    status: order.status,
    currentLocationId: order.locationId,
    engineChoice: chosen ? { locationId: chosen.locationId, locationName: chosen.locationName } : null,
    options: rankOptions(options),
  };
}

/**
 * A supervisor moves an order to another location, in one transaction: the reservation where it
 * is now is released, the order is reserved at the new location with the same guarded statement
 * the engine uses (never more than is available — if the stock is gone, nothing changes and the
 * supervisor is told), and the override is audited beside the engine's own choice.
 */
export async function overrideSourcing(
  deps: WorkflowDeps,
  input: ParsedInputOf<'sourcing.override'>,
  actor: Actor,
): Promise<OutputOf<'sourcing.override'>> {
  const locations = await sourcingLocations(deps);
  const target = locations.find((l) => l.id === input.locationId);
  if (!target)
    throw new AppError('VALIDATION_FAILED', `No location ${input.locationId}`, [
      { path: 'locationId', message: 'unknown location; pick one of the locations the override dialog lists' },
    ]);
  if (!target.active)
    throw new AppError('VALIDATION_FAILED', `${target.name} is paused`, [
      { path: 'locationId', message: `${target.name} is paused; resume it first or pick another location` },
    ]);
  return inTransaction(deps.ds, async (m) => {
    const head = await lockOrder(m, input.orderId);
    if (!head) throw new AppError('NOT_FOUND', `No order with id ${input.orderId}`);
    if (!(OVERRIDABLE as readonly string[]).includes(head.status)) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `Order #${head.number} is "${head.status}": only an order not yet picked (${OVERRIDABLE.join(', ')}) can be moved to another location`,
      );
    }
    const partsBefore = await openParts(m, input.orderId);
    auditNote({ locationId: input.locationId, before: whereItIs(head, partsBefore) });
    const picked = partsBefore.filter((p) => p.status === 'picked');
    if (picked.length) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `Part of order #${head.number} is already picked at ${picked.map((p) => p.locationId).join(', ')}: an order whose picking has started cannot be moved`,
      );
    }
    const lines = await orderLines(m, input.orderId);
    const moving = input.skus ? lines.filter((l) => input.skus!.includes(l.sku)) : lines;
    if (input.skus) {
      const unknown = input.skus.filter((sku) => !lines.some((l) => l.sku === sku));
      if (unknown.length)
        throw new AppError('VALIDATION_FAILED', `Order #${head.number} has no line with SKU ${unknown.join(', ')}`, [
          { path: 'skus', message: `use SKUs of the order: ${lines.map((l) => l.sku).join(', ')}` },
        ]);
    }
    if (moving.length < lines.length) return moveLines(m, { head, target, moving, reason: input.reason, actor, orderId: input.orderId });
    if (head.locationId === input.locationId) {
      throw new AppError('VALIDATION_FAILED', `Order #${head.number} is already at ${target.name}`, [
        { path: 'locationId', message: 'the order is already assigned there; pick another location' },
      ]);
    }
    const engine = await lastEngineDecision(m, input.orderId);
    const engineChoice = engine?.chosen
      ? (engine.candidates.find((c) => c.locationId === engine.chosen) ?? {
          locationId: engine.chosen,
          locationName: engine.chosen,
          distanceKm: null,
        })
      : null;
    const order = (await getOrder(m, input.orderId))!;
    const released = head.status === 'sourced' ? await releaseReservations(m, input.orderId, actor) : 0;
    if (head.status === 'sourced') await cancelOpenFulfilments(m, input.orderId);
    const overrideTo = { locationId: target.id, locationName: target.name, distanceKm: round1(distanceKm(order.shipTo, target)) };
    const data = { engineChoice, override: overrideTo, previousLocationId: head.locationId, released };
    await recordOverride(m, {
      orderId: input.orderId,
      from: head.locationId,
      to: target.id,
      engine: engineChoice?.locationId ?? null,
      reason: input.reason,
      actor,
      data,
    });
    const candidates = [...(engine?.candidates ?? []).slice(0, 5)];
    if (!candidates.some((c) => c.locationId === target.id)) candidates.push(overrideTo);
    const ok = await reserveAndAssign(m, {
      locationId: target.id,
      orderId: input.orderId,
      fromStatus: head.status,
      fulfilmentOrderId: randomUUID(),
      lines,
      actor,
      decision: {
        strategy: 'supervisor-override',
        chosen: target.id,
        engineChoice: engineChoice?.locationId ?? null,
        reason: input.reason,
        candidates,
        excluded: [],
        excludedCount: 0,
      },
    });
    if (!ok) {
      // Throwing rolls back the release too: the order stays where it was, with its stock.
      throw new AppError(
        'VALIDATION_FAILED',
        `${target.name} no longer has every line of order #${head.number} available; nothing was changed`,
        [{ path: 'locationId', message: `${target.name} cannot fill the order now; reopen the dialog and pick a location with stock` }],
      );
    }
    return notedAfter(m, {
      order: (await getOrder(m, input.orderId))!,
      engineChoice: engineChoice ? { locationId: engineChoice.locationId, locationName: engineChoice.locationName } : null,
      previousLocationId: head.locationId,
    });
  });
}

/** For the audit log: where the order's fulfilment orders are and what each holds. */
const whereItIs = (o: { status: string; locationId: string | null }, parts: readonly OpenPart[]) => ({
  status: o.status,
  locationId: o.locationId,
  parts: parts.map((p) => ({ locationId: p.locationId, status: p.status, lines: p.lines })),
});

/** Notes the order's fulfilment orders after the move (before the commit: what the command made). */
async function notedAfter<T extends { order: Order }>(m: Tx, result: T): Promise<T> {
  auditNote({ after: whereItIs(result.order, await openParts(m, result.order.id)) });
  return result;
}

/**
 * Part of an order moves: these lines are released wherever they are reserved and reserved at the
 * target (its open fulfilment order there, or a new one), the rest stays. A fulfilment order left
 * empty is cancelled and the order's location follows its largest part. Only a sourced order can
 * be split; all or nothing, like the whole move.
 */
async function moveLines(
  m: Tx,
  p: {
    orderId: string;
    head: { status: string; locationId: string | null; number: number };
    target: SourcingLocation;
    moving: { sku: string; quantity: number }[];
    reason: string;
    actor: Actor;
  },
): Promise<OutputOf<'sourcing.override'>> {
  const { orderId, head, target, moving, actor } = p;
  if (head.status !== 'sourced') {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `Order #${head.number} is "${head.status}": only a sourced order can have part of it moved; move the whole order instead`,
    );
  }
  const where = await reservedAt(m, orderId);
  // A line split across locations moves whole to the target, even when part of it is there already.
  const already = moving.filter((l) => {
    const at = where.get(l.sku);
    return at?.size === 1 && at.has(target.id);
  });
  if (already.length) {
    throw new AppError('VALIDATION_FAILED', `${already.map((l) => l.sku).join(', ')} already ship from ${target.name}`, [
      { path: 'skus', message: `leave out the lines already at ${target.name}` },
    ]);
  }
  const order = (await getOrder(m, orderId))!;
  const engine = await lastEngineDecision(m, orderId);
  const engineChoice = engine?.chosen
    ? (engine.candidates.find((c) => c.locationId === engine.chosen) ?? {
        locationId: engine.chosen,
        locationName: engine.chosen,
        distanceKm: null,
      })
    : null;
  const released = await releaseLines(
    m,
    orderId,
    moving.map((l) => l.sku),
    actor,
  );
  const from = released[0]?.locationId ?? head.locationId;
  const ok = await reserveLinesAt(m, { orderId, locationId: target.id, newFulfilmentOrderId: randomUUID(), lines: moving, actor });
  if (!ok) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${target.name} does not have ${moving.map((l) => `${l.quantity} × ${l.sku}`).join(', ')} available now; nothing was changed`,
      [{ path: 'locationId', message: `${target.name} cannot take these lines now; pick a location with stock for them` }],
    );
  }
  const overrideTo = { locationId: target.id, locationName: target.name, distanceKm: round1(distanceKm(order.shipTo, target)) };
  const data = { engineChoice, override: overrideTo, previousLocationId: from, released: released.length, lines: moving, partial: true };
  await recordOverride(m, {
    orderId,
    from: from === target.id ? null : from,
    to: target.id,
    engine: engineChoice?.locationId ?? null,
    reason: p.reason,
    actor,
    data,
  });
  await settleSplit(m, orderId);
  return notedAfter(m, {
    order: (await getOrder(m, orderId))!,
    engineChoice: engineChoice ? { locationId: engineChoice.locationId, locationName: engineChoice.locationName } : null,
    previousLocationId: head.locationId,
  });
}
