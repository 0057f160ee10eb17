import { reasonText } from '../../../shared/reasons';
import type { SourcingProfileSpec, SourcingStrategy } from '../../../shared/sourcing.contract';
import type { EligibleLocation } from './candidate-filter';
import { compareCost, TIE_MARGIN } from './cost-tie';
import { materialiseChunks, type Chunk } from './materialise';
import { chunkTerms, locationCosts, shipmentPrice, type LocationCosts } from './part-cost';
import type { OrderToSource, ProfileDecision, SourcingOption } from './types';

/** A line with more holders than this looks at a short list of them for its chunks (the heuristic)… */
const POOL_NEAREST = 8;
/** …the nearest POOL_NEAREST plus the POOL_MOST holding the most of it (fewer chunks). */
const POOL_MOST = 4;
/** Per line, at most this many placements (whole or in chunks), fewest chunks first. */
const MAX_PLACEMENTS = 48;
/** The split search stops after this many nodes (deterministic: same inputs, same nodes). */
const NODE_BUDGET = 50_000;

/** One way to place a line: its units in chunks at distinct locations (one chunk = the line whole). */
interface Placement {
  chunks: { e: number; qty: number }[];
  /** Labour and stock-balance terms of its chunks plus the line-split penalty (no shipment terms). */
  terms: number;
  /** Location ids of its chunks, for a deterministic order among equals. */
  ids: string;
}

interface Found {
  key: string;
  total: number;
  parts: number;
  choice: Int32Array;
}

export interface SplitSearchResult {
  method: ProfileDecision['method'];
  options: SourcingOption[];
  failure: string;
}

/**
 * The search with line splitting, for an order some line of which no single eligible location can
 * fill: each line is placed whole at one location or in chunks at distinct locations (fewest
 * chunks first), never more than a location's ATP of it; chunk quantities go to the locations with
 * the lowest cost per unit first (labour and stock-balance terms are linear in units, so for a
 * given set of locations this is the cheapest distribution, shipping steps by the kilogram aside).
 * A line shipping from k locations adds (k − 1) × the line-split penalty × the split weight, on
 * top of the usual per-shipment split penalty; at most maxSplits locations in all. Branch and
 * bound as in `search`; exact when every line's holders and placements fit the lists and the node
 * budget, the heuristic otherwise. Pure and deterministic (ties: fewer shipments, then location id).
 */
export function splitSearch(
  eligible: readonly EligibleLocation[],
  order: OrderToSource,
  strategy: SourcingStrategy,
  rateCard: SourcingProfileSpec['rateCard'],
  topK: number,
): SplitSearchResult {
  const lines = order.lines;
  const n = lines.length;
  const costCache: (LocationCosts | undefined)[] = new Array(eligible.length);
  const costOf = (e: number): LocationCosts => (costCache[e] ??= locationCosts(eligible[e]!, order, strategy, rateCard));
  const idOf = (e: number) => eligible[e]!.loc.id;
  const byNear = (a: number, b: number) => eligible[a]!.h - eligible[b]!.h || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0);
  const linePenalty = strategy.weights.split * strategy.lineSplit.penalty;
  const shipPenalty = strategy.weights.split * strategy.splitPenalty;
  let complete = true;

  const placements: Placement[][] = [];
  for (let i = 0; i < n; i++) {
    const q = lines[i]!.quantity;
    const holders: number[] = [];
    let has = 0;
    for (let e = 0; e < eligible.length; e++) {
      const a = eligible[e]!.atp[i]!;
      if (a > 0) {
        holders.push(e);
        has += a;
      }
    }
    if (has < q) {
      return {
        method: 'exact',
        options: [],
        failure: reasonText('sourcing.line_short_total', { has, quantity: q, sku: lines[i]!.sku }),
      };
    }
    let pool = holders.sort(byNear);
    if (pool.length > POOL_NEAREST + POOL_MOST) {
      complete = false;
      const near = pool.slice(0, POOL_NEAREST);
      const most = pool
        .slice(POOL_NEAREST)
        .sort((a, b) => eligible[b]!.atp[i]! - eligible[a]!.atp[i]! || byNear(a, b))
        .slice(0, POOL_MOST);
      pool = [...near, ...most].sort(byNear);
    }
    const list = placementsOf(pool, i);
    if (list.length > MAX_PLACEMENTS) {
      complete = false;
      list.length = MAX_PLACEMENTS;
    }
    placements.push(list);
  }

  /** The pool locations that can fill the line whole; when none can, every set of at most maxSplits holding enough, each costed; fewest chunks, then cheapest first. */
  function placementsOf(pool: readonly number[], i: number): Placement[] {
    const q = lines[i]!.quantity;
    const out: (Placement & { k: number; est: number })[] = [];
    const most = Math.min(strategy.maxSplits, pool.length, q);
    const set: number[] = [];
    const visit = (from: number, k: number) => {
      if (set.length === k) {
        const p = placementAt(set, i);
        if (p) out.push({ ...p, k, est: p.terms + set.reduce((s, e) => s + costOf(e).fixedDistance + costOf(e).fixedCapacity, 0) });
        return;
      }
      // Enough placements of fewer chunks already: larger sets are cut (the list is trimmed to MAX_PLACEMENTS anyway).
      if (out.length > MAX_PLACEMENTS) return;
      for (let j = from; j < pool.length; j++) {
        set.push(pool[j]!);
        visit(j + 1, k);
        set.pop();
      }
    };
    // A line some location can fill whole is never split (the profile option splits only lines no single location can fill).
    for (let k = 1; k <= most && out.length <= MAX_PLACEMENTS && !(k > 1 && out.length > 0); k++) visit(0, k);
    return out.sort((a, b) => a.k - b.k || compareCost(a.est, b.est) || (a.ids < b.ids ? -1 : a.ids > b.ids ? 1 : 0));
  }

  /** The line's units over these locations: one each, the rest to the cheapest per unit first; null when they hold too few. */
  function placementAt(set: readonly number[], i: number): Placement | null {
    const q = lines[i]!.quantity;
    let has = 0;
    for (const e of set) has += eligible[e]!.atp[i]!;
    if (has < q) return null;
    const w = strategy.weights;
    const unit = (e: number) => w.labour * eligible[e]!.loc.labourCostPerUnit + (w.stockBalance * 100) / eligible[e]!.atp[i]!;
    const cheapFirst = [...set].sort(
      (a, b) => unit(a) - unit(b) || eligible[b]!.atp[i]! - eligible[a]!.atp[i]! || (idOf(a) < idOf(b) ? -1 : 1),
    );
    const qty = new Map(set.map((e) => [e, 1]));
    let rest = q - set.length;
    for (const e of cheapFirst) {
      const take = Math.min(eligible[e]!.atp[i]! - 1, rest);
      qty.set(e, qty.get(e)! + take);
      rest -= take;
    }
    const chunks = set.map((e) => ({ e, qty: qty.get(e)! }));
    let terms = linePenalty * (chunks.length - 1);
    for (const ch of chunks) {
      const t = chunkTerms(costOf(ch.e), eligible[ch.e]!, order, i, ch.qty, strategy);
      terms += t.labour + t.stock;
    }
    return { chunks, terms, ids: chunks.map((ch) => idOf(ch.e)).join('+') };
  }

  if (placements.some((p) => p.length === 0))
    return { method: 'exact', options: [], failure: reasonText('sourcing.too_many_splits', { maxSplits: strategy.maxSplits }) };

  const orderOfLines = lines.map((_, i) => i).sort((a, b) => placements[a]!.length - placements[b]!.length || a - b);
  const rest = new Float64Array(n + 1);
  for (let d = n - 1; d >= 0; d--) {
    const i = orderOfLines[d]!;
    rest[d] = rest[d + 1]! + Math.min(...placements[i]!.map((p) => p.terms));
  }
  const m = eligible.length;
  const partWeight = new Float64Array(m);
  const partValue = new Float64Array(m);
  const partLines = new Int32Array(m);
  const openParts: number[] = [];
  const choice = new Int32Array(n);
  const found: Found[] = [];
  const byKey = new Map<string, Found>();
  let tooCheap = false;
  let nodes = 0;
  const bound = () => (found.length < topK ? Infinity : found[topK - 1]!.total);
  const cmp = (a: Found, b: Found) => compareCost(a.total, b.total) || a.parts - b.parts || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

  const leaf = (total: number) => {
    if (openParts.length > 1 && strategy.minSplitPartValue > 0) {
      if (openParts.some((e) => partValue[e]! < strategy.minSplitPartValue)) {
        tooCheap = true;
        return;
      }
    }
    const key = openParts.map(idOf).sort().join('+');
    const prior = byKey.get(key);
    if (prior) {
      if (total < prior.total - 1e-9) {
        prior.total = total;
        prior.choice = choice.slice();
        found.sort(cmp);
      }
      return;
    }
    const f: Found = { key, total, parts: openParts.length, choice: choice.slice() };
    found.push(f);
    byKey.set(key, f);
    found.sort(cmp);
    if (found.length > topK) byKey.delete(found.pop()!.key);
  };

  const dfs = (depth: number, cost: number) => {
    if (depth === n) return leaf(cost);
    if (++nodes > NODE_BUDGET) {
      complete = false;
      return;
    }
    const i = orderOfLines[depth]!;
    const l = lines[i]!;
    const list = placements[i]!;
    for (let k = 0; k < list.length; k++) {
      const p = list[k]!;
      let opening = 0;
      for (const ch of p.chunks) if (partLines[ch.e] === 0) opening++;
      if (openParts.length + opening > strategy.maxSplits) continue;
      const before = openParts.length;
      let add = p.terms;
      for (const ch of p.chunks) {
        const c = costOf(ch.e);
        const w = l.weightGrams * ch.qty;
        if (partLines[ch.e] === 0) {
          add += c.fixedDistance + c.fixedCapacity + (openParts.length > 0 ? shipPenalty : 0);
          openParts.push(ch.e);
        } else add -= c.shippingWeight * shipmentPrice(c.zone, partWeight[ch.e]!);
        add += c.shippingWeight * shipmentPrice(c.zone, partWeight[ch.e]! + w);
        partWeight[ch.e] = partWeight[ch.e]! + w;
        partValue[ch.e] = partValue[ch.e]! + ch.qty * (l.unitPrice ?? 0);
        partLines[ch.e] = partLines[ch.e]! + 1;
      }
      const next = cost + add;
      if (next + rest[depth + 1]! <= bound() + TIE_MARGIN) {
        choice[i] = k;
        dfs(depth + 1, next);
      }
      for (const ch of p.chunks) {
        partLines[ch.e] = partLines[ch.e]! - 1;
        partValue[ch.e] = partValue[ch.e]! - ch.qty * (l.unitPrice ?? 0);
        partWeight[ch.e] = partWeight[ch.e]! - l.weightGrams * ch.qty;
      }
      openParts.length = before;
    }
  };
  dfs(0, 0);

  const options = found.map((f) => {
    const chunks: Chunk[] = [];
    for (let i = 0; i < n; i++) for (const ch of placements[i]![f.choice[i]!]!.chunks) chunks.push({ e: ch.e, i, qty: ch.qty });
    return materialiseChunks(chunks, f.total, eligible, costOf, order, strategy);
  });
  const failure = tooCheap
    ? reasonText('sourcing.split_under_minimum', { minimum: strategy.minSplitPartValue })
    : reasonText('sourcing.too_many_splits', { maxSplits: strategy.maxSplits });
  return { method: complete ? 'exact' : 'heuristic', options, failure };
}
