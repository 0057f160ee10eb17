import type { SourcingProfileSpec } from '../../../shared/sourcing.contract';
import { placementCost, placementsFit, type Placement } from './assignment-cost';
import { compareCost } from './cost-tie';
import { decide } from './decide';
import type { StockIndex } from './stock-index';
import type { NetworkLocation, OrderToSource, ProfileDecision, SourcingOption } from './types';

/** An order of the unreleased backlog: where its units are held now, and the profile that decides it. */
export interface BacklogOrder {
  id: string;
  order: OrderToSource;
  spec: SourcingProfileSpec;
  /** The share by which a move must lower the cost (the profile's re-optimisation threshold). */
  threshold: number;
  exclusions?: ReadonlyMap<string, string>;
  parts: Placement[];
  /** Examined in this pass (it may move on its own); false: loaded only because it holds stock a focus order could use. */
  focus: boolean;
}

export interface JointMove {
  orderId: string;
  before: { parts: Placement[]; cost: number };
  after: { parts: Placement[]; cost: number; decision: ProfileDecision; option: SourcingOption };
  /** The other orders moved in the same step: a move that frees stock for another, or takes what another freed. */
  with: string[];
  /** Moves of one group are applied together (all or none). */
  group: number;
}

export interface JointResult {
  moves: JointMove[];
  groups: number;
  costBefore: number;
  costAfter: number;
  shipmentsBefore: number;
  shipmentsAfter: number;
}

export interface JointOptions {
  now: Date;
  /** Stop after this many orders moved. */
  maxMoves: number;
  /** Most orders that may give way for one order in a step. */
  partners?: number;
  /** Rounds over the focus orders (a round that moves nothing ends the search). */
  rounds?: number;
}

interface State {
  o: BacklogOrder;
  parts: Placement[];
  cost: number;
}

const shipments = (parts: readonly Placement[]) => parts.length;

/**
 * Re-assigns the unreleased backlog together against the same stock (a local search from the
 * current assignment, so it is never worse). Free stock is `free` (what no order of the backlog
 * holds); each order's own units count as available to it.
 *
 * 1. **Alone**: each focus order is decided again with its own units freed; it moves when the new
 *    option is cheaper by its profile's threshold, or has fewer shipments and costs no more.
 * 2. **Together**: for a focus order whose ideal option — decided as if the units held by the
 *    other backlog orders were free — is better, the orders holding the units it lacks (at most
 *    `partners`) are released and decided again after it takes its ideal; the step is kept when
 *    the group's total cost falls by the threshold (or its shipments fall and its cost does not
 *    rise). This is what undoes a split caused by the order in which orders arrived.
 *
 * Each accepted step lowers the total, so the search ends; `rounds` and `maxMoves` bound it.
 * Capacity: an order's own locations count one fulfilment order less while it is decided again.
 * Pure: `free` and the network are copied, never changed.
 */
export function reoptimiseJointly(
  backlog: readonly BacklogOrder[],
  network: readonly NetworkLocation[],
  freeStock: StockIndex,
  opts: JointOptions,
): JointResult {
  const free = freeStock.clone();
  const net = network.map((l) => ({ ...l }));
  const byId = new Map(net.map((l) => [l.id, l]));
  /** Who holds what: "location\u0000sku" → order id → units. */
  const holders = new Map<string, Map<string, number>>();
  const key = (loc: string, sku: string) => loc + '\u0000' + sku;
  const states = new Map<string, State>();

  /** Units the backlog holds, per SKU and location (the decision's fast path reads the locations holding a SKU). */
  const heldBySku = new Map<string, Map<string, number>>();
  const noteHeld = (loc: string, sku: string, delta: number) => {
    let row = heldBySku.get(sku);
    if (!row) heldBySku.set(sku, (row = new Map()));
    const n = (row.get(loc) ?? 0) + delta;
    if (n > 0) row.set(loc, n);
    else row.delete(loc);
  };
  const hold = (id: string, parts: readonly Placement[], sign: 1 | -1) => {
    for (const p of parts) {
      const loc = byId.get(p.locationId);
      if (loc) loc.assignedToday += sign;
      for (const l of p.lines) {
        const k = key(p.locationId, l.sku);
        let row = holders.get(k);
        if (!row) holders.set(k, (row = new Map()));
        const n = (row.get(id) ?? 0) + sign * l.quantity;
        if (n > 0) row.set(id, n);
        else row.delete(id);
        noteHeld(p.locationId, l.sku, sign * l.quantity);
        free.set(p.locationId, l.sku, free.get(p.locationId, l.sku) - sign * l.quantity);
      }
    }
  };
  const costOf = (s: BacklogOrder, parts: readonly Placement[]) =>
    placementCost(s.spec.strategies[0]!, s.spec.rateCard, s.order, byId, (l, k) => free.get(l, k), parts) ?? Infinity;
  const freeAtp = (l: string, k: string) => free.get(l, k);
  const placementsOf = (o: SourcingOption): Placement[] => o.parts.map((p) => ({ locationId: p.locationId, lines: p.lines }));

  /** Free units, or (`withHeld`) free units plus those the other backlog orders hold, as the decision reads them. */
  const freeHolders = (sku: string) => free.holders(sku);
  const allHolders = (sku: string) => {
    const out = new Map(free.holders(sku));
    for (const [loc, q] of heldBySku.get(sku) ?? []) out.set(loc, (out.get(loc) ?? 0) + q);
    return out;
  };
  /** The order's best option under `atp` (its own units already released), by the re-optimisation's cost. */
  const best = (s: BacklogOrder, atp: (loc: string, sku: string) => number) => {
    const holders = atp === freeAtp ? freeHolders : allHolders;
    const d = decide(s.spec, s.order, net, atp, { now: opts.now, exclusions: s.exclusions, topK: 3, holders });
    let pick: { option: SourcingOption; parts: Placement[]; cost: number } | null = null;
    for (const option of d.options) {
      const parts = placementsOf(option);
      const cost = costOf(s, parts);
      if (!pick || compareCost(cost, pick.cost) < 0 || (compareCost(cost, pick.cost) === 0 && parts.length < pick.parts.length))
        pick = { option, parts, cost };
    }
    return pick && { ...pick, decision: d };
  };
  const better = (after: number, afterShip: number, before: number, beforeShip: number, threshold: number) =>
    after < before * (1 - threshold) || (afterShip < beforeShip && compareCost(after, before) <= 0);

  // The backlog's units are held already (not in `free`), and counted in each location's capacity.
  for (const o of backlog)
    for (const p of o.parts)
      for (const l of p.lines) {
        const k = key(p.locationId, l.sku);
        let row = holders.get(k);
        if (!row) holders.set(k, (row = new Map()));
        row.set(o.id, (row.get(o.id) ?? 0) + l.quantity);
        noteHeld(p.locationId, l.sku, l.quantity);
      }
  let costBefore = 0;
  let shipmentsBefore = 0;
  for (const o of backlog) {
    // Read as when it is decided again: its own units free to it, its own fulfilment orders not counted.
    hold(o.id, o.parts, -1);
    const cost = costOf(o, o.parts);
    hold(o.id, o.parts, 1);
    states.set(o.id, { o, parts: o.parts, cost });
    costBefore += cost;
    shipmentsBefore += shipments(o.parts);
  }

  const moves: JointMove[] = [];
  let groups = 0;
  const focus = backlog.filter((o) => o.focus).map((o) => states.get(o.id)!);

  /** Tries to move one order alone. */
  const alone = (s: State): boolean => {
    hold(s.o.id, s.parts, -1);
    const b = best(s.o, freeAtp);
    if (b && !samePlacement(b.parts, s.parts) && better(b.cost, shipments(b.parts), s.cost, shipments(s.parts), s.o.threshold)) {
      hold(s.o.id, b.parts, 1);
      moves.push({ orderId: s.o.id, before: { parts: s.parts, cost: s.cost }, after: { ...b }, with: [], group: groups++ });
      s.parts = b.parts;
      s.cost = b.cost;
      return true;
    }
    hold(s.o.id, s.parts, 1);
    return false;
  };

  /** Tries to move one order to its ideal placement, moving the orders holding what it lacks. */
  const together = (s: State): boolean => {
    hold(s.o.id, s.parts, -1);
    const withHeld = (l: string, k: string) => {
      let n = free.get(l, k);
      for (const q of holders.get(key(l, k))?.values() ?? []) n += q;
      return n;
    };
    const ideal = best(s.o, withHeld);
    if (!ideal || samePlacement(ideal.parts, s.parts) || !better(ideal.cost, shipments(ideal.parts), s.cost, shipments(s.parts), 0)) {
      hold(s.o.id, s.parts, 1);
      return false;
    }
    // The orders holding the units the ideal lacks, largest holding first.
    const partners = new Set<string>();
    for (const p of ideal.parts)
      for (const l of p.lines) {
        let short = l.quantity - free.get(p.locationId, l.sku);
        const held = [...(holders.get(key(p.locationId, l.sku)) ?? new Map<string, number>())].sort(
          (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
        );
        for (const [id, q] of held) {
          if (short <= 0) break;
          partners.add(id);
          short -= q;
        }
      }
    const others = [...partners].map((id) => states.get(id)!);
    if (others.length === 0 || others.length > (opts.partners ?? 2)) {
      hold(s.o.id, s.parts, 1);
      return false;
    }
    for (const q of others) hold(q.o.id, q.parts, -1);
    const undo = (placed: { st: State; parts: Placement[] }[]) => {
      for (const p of placed) hold(p.st.o.id, p.parts, -1);
      hold(s.o.id, s.parts, 1);
      for (const q of others) hold(q.o.id, q.parts, 1);
      return false;
    };
    if (!placementsFit(free, ideal.parts)) return undo([]);
    hold(s.o.id, ideal.parts, 1);
    const placed: { st: State; parts: Placement[]; b: NonNullable<ReturnType<typeof best>> }[] = [];
    for (const q of others) {
      const b = best(q.o, freeAtp);
      if (!b) return undo([{ st: s, parts: ideal.parts }, ...placed]);
      hold(q.o.id, b.parts, 1);
      placed.push({ st: q, parts: b.parts, b });
    }
    const before = s.cost + others.reduce((t, q) => t + q.cost, 0);
    const after = ideal.cost + placed.reduce((t, p) => t + p.b.cost, 0);
    const shipBefore = shipments(s.parts) + others.reduce((t, q) => t + shipments(q.parts), 0);
    const shipAfter = shipments(ideal.parts) + placed.reduce((t, p) => t + shipments(p.parts), 0);
    if (!better(after, shipAfter, before, shipBefore, s.o.threshold)) return undo([{ st: s, parts: ideal.parts }, ...placed]);
    const group = groups++;
    const ids = [s.o.id, ...others.map((q) => q.o.id)];
    const step = [{ st: s, b: ideal }, ...placed.map((p) => ({ st: p.st, b: p.b }))];
    for (const { st, b } of step) {
      if (!samePlacement(b.parts, st.parts))
        moves.push({
          orderId: st.o.id,
          before: { parts: st.parts, cost: st.cost },
          after: { ...b },
          with: ids.filter((id) => id !== st.o.id),
          group,
        });
      st.parts = b.parts;
      st.cost = b.cost;
    }
    return true;
  };

  for (let round = 0; round < (opts.rounds ?? 3); round++) {
    let moved = false;
    for (const s of focus) {
      if (moves.length >= opts.maxMoves) break;
      if (alone(s)) moved = true;
    }
    for (const s of focus) {
      if (moves.length >= opts.maxMoves) break;
      if (together(s)) moved = true;
    }
    if (!moved || moves.length >= opts.maxMoves) break;
  }

  let costAfter = 0;
  let shipmentsAfter = 0;
  for (const s of states.values()) {
    costAfter += s.cost;
    shipmentsAfter += shipments(s.parts);
  }
  return { moves: collapse(moves), groups, costBefore, costAfter, shipmentsBefore, shipmentsAfter };
}

/**
 * One move per order: an order moved twice keeps its first "before" and its last "after", and the
 * groups it moved in become one (applied together, since each step took what the other freed).
 */
function collapse(moves: JointMove[]): JointMove[] {
  const parent = new Map<number, number>();
  const root = (g: number): number => {
    const p = parent.get(g) ?? g;
    return p === g ? g : root(p);
  };
  const byOrder = new Map<string, JointMove>();
  for (const m of moves) {
    const prior = byOrder.get(m.orderId);
    if (prior) parent.set(root(m.group), root(prior.group));
    byOrder.set(m.orderId, prior ? { ...m, before: prior.before, with: [...new Set([...prior.with, ...m.with])] } : m);
  }
  return [...byOrder.values()].filter((m) => !samePlacement(m.before.parts, m.after.parts)).map((m) => ({ ...m, group: root(m.group) }));
}

/** The same units at the same locations. */
export function samePlacement(a: readonly Placement[], b: readonly Placement[]): boolean {
  const flat = (ps: readonly Placement[]) =>
    ps
      .flatMap((p) => p.lines.map((l) => `${p.locationId}\u0000${l.sku}\u0000${l.quantity}`))
      .sort()
      .join('\u0001');
  return flat(a) === flat(b);
}
