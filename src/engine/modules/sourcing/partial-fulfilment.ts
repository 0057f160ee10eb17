import { randomUUID } from 'node:crypto';
import { releaseSavepoint, rollbackToSavepoint, savepoint, type Tx } from '../../db/data-source';
import type { BackorderPolicy, OrderType, SourcingProfile } from '../../../shared';
import { decide } from '../../core/sourcing/decide';
import { decisionRecord } from '../../core/sourcing/decision-record';
import { partialFill, unitsByLine } from '../../core/sourcing/partial-fill';
import type { NetworkLocation, OrderLineToSource, ProfileDecision, SourcingOption } from '../../core/sourcing/types';
import { cancelUnits, createBackorder } from './backorder.store';
import { recordOrderEvent } from '../orders/order.store';
import { pickProfile } from './profile.store';
import { loadExclusions, orderLines, reserveLinesAt, settleSplit } from './sourcing-ops.store';
import { atpForOrder, loadOrderFacts } from './sourcing.store';
import type { Actor } from '../../../shared';

/** How many ranked options to try when concurrent orders take the stock first. */
const MAX_ATTEMPTS = 5;

export const POLICY_TEXT: Record<BackorderPolicy, string> = {
  hold: 'ship complete: the order waits until every unit can be sourced',
  ship_available: 'ship what is available; the rest waits on a backorder',
  cancel_unavailable: 'ship what is available; units no location has are cancelled',
};

export type ShortfallOutcome = { kind: 'backordered'; backorder: { id: string; number: number } } | { kind: 'cancelled' };

/**
 * Units no location can supply, under a policy that ships the rest: `ship_available` moves them to
 * a backorder order (unfillable, filled by the unroutable queue when stock arrives);
 * `cancel_unavailable` cancels them on the order's lines. Same transaction as the reservation of
 * the rest: nothing half-applied.
 */
export async function settleShortfall(
  m: Tx,
  s: { orderId: string; policy: Exclude<BackorderPolicy, 'hold'>; missing: { sku: string; quantity: number }[]; why: string; actor: Actor },
): Promise<ShortfallOutcome> {
  const lines = unitsByLine(await orderLines(m, s.orderId), s.missing);
  const what = s.missing.map((x) => `${x.quantity} × ${x.sku}`).join(', ');
  if (s.policy === 'ship_available') {
    const backorder = await createBackorder(m, { parentId: s.orderId, lines, reason: `${what} backordered: ${s.why}`, actor: s.actor });
    return { kind: 'backordered', backorder };
  }
  await cancelUnits(m, {
    orderId: s.orderId,
    lines,
    reason: `${what} cancelled: ${s.why} (backorder policy: cancel what no location has)`,
    actor: s.actor,
  });
  return { kind: 'cancelled' };
}

/**
 * When no option fills every line: the lines as far as one eligible location can supply each, and
 * what is missing — or null when nothing at all can be sourced now (the order waits whatever the
 * policy: there is nothing to ship yet).
 */
export function partialOf(
  profile: SourcingProfile,
  order: { channel: string; orderType: OrderType; shipTo: { lat: number; lng: number }; lines: readonly OrderLineToSource[] },
  network: readonly NetworkLocation[],
  atp: (loc: string, sku: string) => number,
  ctx: { now: Date; exclusions: ReadonlyMap<string, string> },
  full: ProfileDecision,
): { decision: ProfileDecision; missing: { sku: string; quantity: number }[] } | null {
  // Locations left out only for stock may still hold part of a line; those that passed every filter come first.
  const eligible = full.explainEligible().map((e) => e.locationId);
  const shortOnly = full
    .explainExcluded()
    .filter((e) => e.why.code === 'no-stock')
    .map((e) => e.locationId);
  for (const pool of [[...eligible, ...shortOnly], eligible]) {
    const { fillable, missing } = partialFill(order.lines, pool, atp);
    if (!fillable.length || !missing.length) continue;
    const decision = decide(profile.spec, { ...order, lines: fillable }, network, atp, ctx);
    if (decision.options.length) return { decision, missing };
  }
  return null;
}

export type RemainderOutcome =
  | { kind: 'sourced'; locationIds: string[] }
  | { kind: 'backordered'; locationIds: string[]; backorder: { id: string; number: number } }
  | { kind: 'cancelled'; locationIds: string[] }
  | { kind: 'hold'; reason: string };

/**
 * Sources units of an order that is already under way (a short pick's remainder) as new parts,
 * leaving the parts it has where they are: the profile decides among locations not excluded for the
 * order, each part is reserved behind the usual guard (a savepoint per option, so a concurrent order
 * taking the stock falls through to the next one), and the decision goes on the timeline. When no
 * location can take all of it, the profile's backorder policy decides: `hold` gives up (the caller
 * re-sources the whole order), the others ship what can be sourced and backorder or cancel the rest.
 */
export async function sourceRemainder(
  m: Tx,
  r: {
    orderId: string;
    remainder: { sku: string; quantity: number }[];
    profiles: readonly SourcingProfile[];
    network: readonly NetworkLocation[];
    shipTo: { lat: number; lng: number };
    actor: Actor;
    why: string;
  },
): Promise<RemainderOutcome> {
  const facts = await loadOrderFacts(m, r.orderId);
  if (!facts) return { kind: 'hold', reason: 'the order is gone' };
  const profile = pickProfile(r.profiles, facts.channel, facts.orderType);
  if (!profile) return { kind: 'hold', reason: `no active sourcing profile applies to channel ${facts.channel}` };
  const lines: OrderLineToSource[] = r.remainder.map((x) => {
    const f = facts.lines.find((l) => l.sku === x.sku);
    return { sku: x.sku, quantity: x.quantity, unitPrice: f?.unitPrice ?? null, weightGrams: f?.weightGrams ?? 0 };
  });
  const atpMap = await atpForOrder(
    m,
    r.orderId,
    lines.map((l) => l.sku),
  );
  const atp = (loc: string, sku: string) => atpMap.get(loc)?.get(sku) ?? 0;
  const ctx = { now: new Date(), exclusions: await loadExclusions(m, r.orderId) };
  const order = { channel: facts.channel, orderType: facts.orderType, shipTo: r.shipTo, lines };
  const ref = { id: profile.id, key: profile.key, version: profile.version };
  const full = decide(profile.spec, order, r.network, atp, ctx);
  const done = await reserveNewParts(m, r.orderId, full, r.actor);
  if (done) {
    await recordOrderEvent(m, {
      orderId: r.orderId,
      type: 'order.remainder_sourced',
      actor: r.actor,
      reason: r.why,
      data: { ...decisionRecord(full, done, ref), remainder: r.remainder },
    });
    await settleSplit(m, r.orderId);
    return { kind: 'sourced', locationIds: done.parts.map((p) => p.locationId) };
  }
  const policy = profile.spec.backorder;
  if (policy === 'hold') return { kind: 'hold', reason: 'no location can take the remainder, and the profile ships complete orders only' };
  const partial = partialOf(profile, order, r.network, atp, ctx, full);
  let locationIds: string[] = [];
  let missing = r.remainder;
  if (partial) {
    const got = await reserveNewParts(m, r.orderId, partial.decision, r.actor);
    if (got) {
      locationIds = got.parts.map((p) => p.locationId);
      missing = partial.missing;
      await recordOrderEvent(m, {
        orderId: r.orderId,
        type: 'order.remainder_sourced',
        actor: r.actor,
        reason: r.why,
        data: { ...decisionRecord(partial.decision, got, ref), remainder: r.remainder, partial: { policy, missing } },
      });
      await settleSplit(m, r.orderId);
    }
  }
  const settled = await settleShortfall(m, { orderId: r.orderId, policy, missing, why: 'no location has them now', actor: r.actor });
  return settled.kind === 'backordered'
    ? { kind: 'backordered', locationIds, backorder: settled.backorder }
    : { kind: 'cancelled', locationIds };
}

/** Reserves the first option that still fits, each part under the order's open fulfilment order at that location or a new one. */
async function reserveNewParts(m: Tx, orderId: string, decision: ProfileDecision, actor: Actor): Promise<SourcingOption | null> {
  for (const option of decision.options.slice(0, MAX_ATTEMPTS)) {
    await savepoint(m, 'remainder_attempt');
    let ok = true;
    for (const part of option.parts) {
      ok = await reserveLinesAt(m, { orderId, locationId: part.locationId, newFulfilmentOrderId: randomUUID(), lines: part.lines, actor });
      if (!ok) break;
    }
    if (ok) {
      await releaseSavepoint(m, 'remainder_attempt');
      return option;
    }
    await rollbackToSavepoint(m, 'remainder_attempt');
  }
  return null;
}
