import { randomUUID } from 'node:crypto';
import type { Reoptimisation, SourcingProfile } from '../../../../shared/sourcing.contract';
import type { Placement } from '../../../core/sourcing/assignment-cost';
import { decisionRecord } from '../../../core/sourcing/decision-record';
import { reoptimiseJointly, type BacklogOrder, type JointMove } from '../../../core/sourcing/joint-reopt';
import { StockIndex } from '../../../core/sourcing/stock-index';
import { inTransaction } from '../../../db/data-source';
import { SYSTEM_ACTOR, type WorkflowDeps } from '../../../kernel/context';
import { startPeriodic } from '../../../kernel/periodic';
import { releaseReservations } from '../../inventory/stock.store';
import { activeProfiles, pickProfile } from '../profile.store';
import { loadBacklog, loadFreePool, lockForMove, takeReoptimisable, type BacklogRow } from '../reopt.store';
import { cancelAssignedFulfilment, loadNetwork, reserveParts } from '../sourcing.store';

export interface PassOptions {
  /** Orders examined per pass (the fair cursor's batch). */
  limit: number;
  /** Only orders unchanged for this long. */
  minAgeMs: number;
  /** Most orders moved per pass (default: the largest `maxMovesPerPass` of the active profiles). */
  maxMoves?: number;
}

/** Raised inside a move's transaction when what it planned on changed meanwhile: the move rolls back. */
class MoveConflict extends Error {}

/**
 * One pass of joint re-optimisation: takes the next `limit` orders of the unreleased backlog (never
 * examined first, then examined longest ago — see `takeReoptimisable`: successive passes walk the
 * whole backlog), loads beside them the movable orders holding units of the same SKUs, and
 * re-assigns them together in memory (`reoptimiseJointly`). The moves are then applied in one
 * transaction — each order locked and checked unchanged since it was read, its reservations
 * released and its assigned fulfilment orders cancelled, the new ones reserved with the guarded
 * UPDATE and `order.reoptimised` recorded with what it was, what it is, and which other orders
 * made it possible. If anything changed meanwhile, the moves are applied group by group instead,
 * and a group whose stock was taken rolls back (its orders keep their assignment).
 * Orders whose profile has re-optimisation off are examined but never moved.
 */
export async function reoptimisePass(deps: WorkflowDeps, opts: PassOptions): Promise<{ examined: number; changed: number }> {
  const m = deps.ds.manager;
  const profiles = await activeProfiles(deps.ds);
  const ids = await takeReoptimisable(m, opts.limit, opts.minAgeMs);
  if (!ids.length) return { examined: 0, changed: 0 };
  const rows = await loadBacklog(m, ids, opts.limit * 2, opts.minAgeMs);
  const profileOf = new Map<string, SourcingProfile>();
  const backlog: BacklogOrder[] = [];
  for (const r of rows) {
    const p = pickProfile(profiles, r.channel, r.orderType);
    if (!p?.spec.reoptimisation.enabled) continue;
    profileOf.set(r.id, p);
    backlog.push({
      id: r.id,
      order: { channel: r.channel, orderType: r.orderType, shipTo: r.shipTo, lines: r.lines },
      spec: p.spec,
      threshold: p.spec.reoptimisation.threshold,
      exclusions: r.exclusions,
      parts: r.parts,
      focus: r.focus,
    });
  }
  if (!backlog.some((b) => b.focus)) return { examined: ids.length, changed: 0 };
  const pool = new StockIndex();
  for (const s of await loadFreePool(m, [...new Set(backlog.flatMap((b) => b.order.lines.map((l) => l.sku)))]))
    pool.set(s.location_id, s.sku, s.free);
  const network = await loadNetwork(m);
  const plan = reoptimiseJointly(backlog, network, pool, {
    now: new Date(),
    maxMoves: opts.maxMoves ?? Math.max(...[...profileOf.values()].map((p) => p.spec.reoptimisation.maxMovesPerPass)),
  });
  if (!plan.moves.length) return { examined: ids.length, changed: 0 };
  const byId = new Map(rows.map((r) => [r.id, r]));
  const names = new Map(network.map((l) => [l.id, l.name]));
  const apply = (moves: JointMove[]) => applyMoves(deps, moves, { rows: byId, profileOf, names });
  try {
    return { examined: ids.length, changed: await apply(plan.moves) };
  } catch (err) {
    if (!(err instanceof MoveConflict)) throw err;
  }
  let changed = 0;
  const groups = [...new Set(plan.moves.map((mv) => mv.group))].sort((a, b) => a - b);
  for (const g of groups) {
    try {
      changed += await apply(plan.moves.filter((mv) => mv.group === g));
    } catch (err) {
      if (!(err instanceof MoveConflict)) throw err;
    }
  }
  if (changed < plan.moves.length)
    deps.log.info({ planned: plan.moves.length, changed }, 're-optimisation: some moves found their stock taken');
  return { examined: ids.length, changed };
}

const locationsOf = (parts: readonly Placement[]) => parts.map((p) => p.locationId);
const cents = (n: number) => Math.round(n * 100) / 100;

/** Applies moves in one transaction (all or none); MoveConflict when an order or its stock changed since the plan read them. */
async function applyMoves(
  deps: WorkflowDeps,
  moves: readonly JointMove[],
  read: { rows: ReadonlyMap<string, BacklogRow>; profileOf: ReadonlyMap<string, SourcingProfile>; names: ReadonlyMap<string, string> },
): Promise<number> {
  const { rows, profileOf, names } = read;
  const side = (parts: readonly Placement[], cost: number) => {
    const locations = locationsOf(parts).sort();
    return { locations, names: locations.map((id) => names.get(id) ?? id), shipments: parts.length, cost: cents(cost) };
  };
  return inTransaction(deps.ds, async (m) => {
    const seen = await lockForMove(
      m,
      moves.map((mv) => mv.orderId),
    );
    if (!seen || moves.some((mv) => seen.get(mv.orderId) !== rows.get(mv.orderId)?.fingerprint)) throw new MoveConflict();
    for (const mv of moves) {
      await releaseReservations(m, mv.orderId, SYSTEM_ACTOR);
      await cancelAssignedFulfilment(m, mv.orderId);
    }
    for (const mv of moves) {
      const p = profileOf.get(mv.orderId)!;
      const ok = await reserveParts(m, {
        orderId: mv.orderId,
        fromStatus: 'sourced',
        actor: SYSTEM_ACTOR,
        mode: 'reassign',
        parts: mv.after.parts.map((part) => ({ locationId: part.locationId, fulfilmentOrderId: randomUUID(), lines: [...part.lines] })),
        decision: {
          ...decisionRecord(mv.after.decision, mv.after.option, { id: p.id, key: p.key, version: p.version }),
          reoptimised: {
            before: side(mv.before.parts, mv.before.cost),
            after: side(mv.after.parts, mv.after.cost),
            threshold: p.spec.reoptimisation.threshold,
            with: mv.with.map((id) => ({ id, number: rows.get(id)?.number ?? null })),
          },
        },
      });
      if (!ok) throw new MoveConflict();
    }
    return moves.length;
  });
}

/** The pass settings of the active profiles with re-optimisation on: the most eager of each (null when none has it on). */
export function passSettings(profiles: readonly SourcingProfile[]): Reoptimisation | null {
  const on = profiles.map((p) => p.spec.reoptimisation).filter((r) => r.enabled);
  if (!on.length) return null;
  return {
    enabled: true,
    periodSeconds: Math.min(...on.map((r) => r.periodSeconds)),
    minAgeSeconds: Math.min(...on.map((r) => r.minAgeSeconds)),
    threshold: Math.min(...on.map((r) => r.threshold)),
    maxMovesPerPass: Math.max(...on.map((r) => r.maxMovesPerPass)),
    batchSize: Math.max(...on.map((r) => r.batchSize)),
  };
}

/**
 * The periodic job on worker nodes: looks every `tickMs` at the active profiles' settings and runs
 * a pass when their period has passed since the last one (none while every profile has it off).
 */
export function startReoptimiser(deps: WorkflowDeps, tickMs = 5_000): { stop(): void } {
  // The first pass one period after start (as every periodic loop), not at once.
  let last = Date.now();
  return startPeriodic(deps.log, 're-optimisation', tickMs, async () => {
    const s = passSettings(await activeProfiles(deps.ds));
    if (!s || Date.now() - last < s.periodSeconds * 1000) return;
    last = Date.now();
    const r = await reoptimisePass(deps, { limit: s.batchSize, minAgeMs: s.minAgeSeconds * 1000, maxMoves: s.maxMovesPerPass });
    if (r.changed) deps.log.info(r, 're-optimisation moved orders');
  });
}
