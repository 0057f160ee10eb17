import { parseReason, reasonText } from '../../../shared/reasons';
import type { SourcingProfileSpec, SourcingStrategy } from '../../../shared/sourcing.contract';
import { filterCandidates, type EligibleLocation, type HoldersOfOrder } from './candidate-filter';
import { compareCost, TIE_MARGIN } from './cost-tie';
import { summarise } from './eligible-summary';
import { splitSearch } from './line-split';
import { localTime } from './local-clock';
import { materialise, type Found } from './materialise';
import { locationCosts, shipmentPrice, type LocationCosts } from './part-cost';
import type { AtpLookup, Exclusion, NetworkLocation, OrderToSource, ProfileDecision, SourcingOption, StrategyOutcome } from './types';

export interface DecideOptions {
  now: Date;
  /** Order-level exclusions (location id → reason); see `filterCandidates`. */
  exclusions?: ReadonlyMap<string, string>;
  /** auto: exact when the search space is small, the heuristic otherwise. */
  method?: 'auto' | 'exact' | 'heuristic';
  /** How many ranked options to return (distinct location sets). */
  topK?: number;
  /** Locations holding a SKU (the in-memory index's fast path; see `filterCandidates`). */
  holders?: (sku: string) => ReadonlyMap<string, number>;
}

/** Above this many line → location combinations the exact search gives way to the heuristic. */
export const EXACT_SEARCH_LIMIT = 20_000;
/** The heuristic keeps, per line, this many cheapest locations plus this many cheapest whole-order locations. */
const HEURISTIC_PER_LINE = 6;
const HEURISTIC_FULL_FILL = 4;
/** …plus this many that can carry several (not all) lines together… */
const HEURISTIC_MULTI_LINE = 4;
/** …chosen among this many nearest locations (distance drives most of the cost). */
const HEURISTIC_NEAREST = 32;
/** The heuristic stops exploring after this many search nodes (deterministic: same inputs, same nodes). */
const HEURISTIC_NODE_BUDGET = 5_000;
const EPS = 1e-9;

/**
 * Decides where to fulfil an order under a profile: tries its strategies in order (each a
 * fallback for the one before) and returns the ranked options of the first that can fill the
 * order, with every location left out and why. Pure and deterministic: the same inputs give the
 * same decision (options of the same cost to the cent: fewer shipments first, then by location id).
 */
export function decide(
  spec: SourcingProfileSpec,
  order: OrderToSource,
  locations: readonly NetworkLocation[],
  atp: AtpLookup,
  opts: DecideOptions,
): ProfileDecision {
  const tried: StrategyOutcome[] = [];
  let excluded: () => Exclusion[] = () => [];
  let eligible: readonly EligibleLocation[] = [];
  let strategyUsed = spec.strategies[0]!;
  let method: ProfileDecision['method'] = 'exact';
  const needsClock = spec.strategies.some((s) => s.filters.requireOpenNow || s.filters.requireBeforeCutoff);
  const local = needsClock ? localTime(opts.now, spec.timeZone) : null;
  const shared: HoldersOfOrder = {};
  for (const strategy of spec.strategies) {
    const filter = (partialStock: boolean) =>
      filterCandidates({
        order,
        filters: strategy.filters,
        locations,
        atp,
        local,
        needAllLines: strategy.maxSplits === 1,
        partialStock,
        exclusions: opts.exclusions,
        holders: opts.holders,
        shared,
      });
    let f = filter(false);
    let r: { method: ProfileDecision['method']; options: SourcingOption[]; failure: string } = search(
      f.eligible,
      order,
      strategy,
      spec.rateCard,
      opts.method ?? 'auto',
      opts.topK ?? 5,
    );
    if (
      !r.options.length &&
      strategy.lineSplit.enabled &&
      strategy.maxSplits > 1 &&
      parseReason(r.failure)?.code === 'sourcing.line_short'
    ) {
      // Some line has no single holder: with line splitting, locations holding part of a line join and lines may ship in chunks.
      f = filter(true);
      r = splitSearch(f.eligible, order, strategy, spec.rateCard, opts.topK ?? 5);
    }
    excluded = f.excluded;
    eligible = f.eligible;
    method = r.method;
    strategyUsed = strategy;
    tried.push({ strategy: strategy.name, eligible: f.eligible.length, failure: r.options.length ? null : r.failure });
    if (r.options.length) {
      const used = eligible;
      return {
        strategy: strategy.name,
        method,
        options: r.options,
        explainExcluded: excluded,
        explainEligible: () => summarise(used, order, strategy, spec.rateCard),
        tried,
      };
    }
  }
  const used = eligible;
  return {
    strategy: strategyUsed.name,
    method,
    options: [],
    explainExcluded: excluded,
    explainEligible: () => summarise(used, order, strategyUsed, spec.rateCard),
    tried,
  };
}

interface SearchResult {
  method: ProfileDecision['method'];
  options: SourcingOption[];
  failure: string;
}

/**
 * Branch and bound over line → location assignments. Each shipment's cost only grows as lines are
 * added, so a partial assignment's cost is a lower bound and branches worse than the K-th best
 * option so far are cut. Exact over every eligible location when the space is small; otherwise
 * over a short list per line (the heuristic).
 */
export function search(
  eligible: readonly EligibleLocation[],
  order: OrderToSource,
  strategy: SourcingStrategy,
  rateCard: SourcingProfileSpec['rateCard'],
  method: 'auto' | 'exact' | 'heuristic',
  topK: number,
): SearchResult {
  const lines = order.lines;
  const n = lines.length;
  // Computed on first use: the heuristic looks at a few dozen of possibly a thousand eligible locations.
  const costCache: (LocationCosts | undefined)[] = new Array(eligible.length);
  const costOf = (e: number): LocationCosts => (costCache[e] ??= locationCosts(eligible[e]!, order, strategy, rateCard));
  const single = (e: number, i: number) => {
    const c = costOf(e);
    return (
      c.fixedDistance +
      c.fixedCapacity +
      c.shippingWeight * shipmentPrice(c.zone, lines[i]!.weightGrams * lines[i]!.quantity) +
      c.labour[i]! +
      c.stock[i]!
    );
  };
  const idOf = (e: number) => eligible[e]!.loc.id;
  /** Indices sorted by a precomputed key, ties by location id; `limit` keeps only the first ones (a bounded insertion, no full sort). */
  const ranked = (items: number[], key: Float64Array | number[], limit: number): number[] => {
    const less = (a: number, b: number) => key[a]! < key[b]! || (key[a] === key[b] && idOf(a) < idOf(b));
    if (limit >= items.length) {
      // The same order as `less`: by key (NaN from Infinity − Infinity counts as a tie), then by id.
      return items.sort((a, b) => key[a]! - key[b]! || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
    }
    const top: number[] = [];
    for (const e of items) {
      if (top.length === limit) {
        // Most items lose to the last kept one: compare keys inline, ids only on a tie.
        const last = top[limit - 1]!;
        const ke = key[e]!;
        const kl = key[last]!;
        if (ke > kl || (ke === kl && !(idOf(e) < idOf(last)))) continue;
      }
      let j = top.length < limit ? top.length : limit - 1;
      while (j > 0 && less(e, top[j - 1]!)) {
        top[j] = top[j - 1]!;
        j--;
      }
      top[j] = e;
    }
    return top;
  };
  let space = 1;
  // Per eligible location, the lines it can fill (bit i = line i), computed once.
  const masks: number[] = new Array<number>(eligible.length);
  const feasible: number[][] = lines.map(() => []);
  for (let e = 0; e < eligible.length; e++) {
    const atp = eligible[e]!.atp;
    let mask = 0;
    for (let i = 0; i < n; i++) {
      if (atp[i]! >= lines[i]!.quantity) {
        mask |= 1 << i;
        feasible[i]!.push(e);
      }
    }
    masks[e] = mask;
  }
  for (const ok of feasible) space *= ok.length;
  const allLines = (1 << n) - 1;
  const bitsOf = (mask: number) => {
    let c = 0;
    for (let x = mask; x; x &= x - 1) c++;
    return c;
  };
  const missing = feasible.findIndex((o) => o.length === 0);
  if (missing >= 0)
    return {
      method: 'exact',
      options: [],
      failure: reasonText('sourcing.line_short', { quantity: lines[missing]!.quantity, sku: lines[missing]!.sku }),
    };
  const useExact = method === 'exact' || (method === 'auto' && space <= EXACT_SEARCH_LIMIT);
  const singleKey = (i: number, list: number[]) => {
    const key = new Float64Array(eligible.length);
    for (const e of list) key[e] = single(e, i);
    return key;
  };
  let perLine: number[][];
  if (useExact) {
    perLine = feasible.map((list, i) => ranked(list, singleKey(i, list), Infinity));
  } else {
    const totalWeight = lines.reduce((s, l) => s + l.weightGrams * l.quantity, 0);
    const dist = eligible.map((e) => e.h); // h ranks like distance
    const full: number[] = [];
    for (let e = 0; e < eligible.length; e++) if (masks[e] === allLines) full.push(e);
    const wholeKey = new Float64Array(eligible.length);
    const nearFull = ranked(full, dist, HEURISTIC_NEAREST);
    for (const e of nearFull) {
      const c = costOf(e);
      let w = c.fixedDistance + c.fixedCapacity + c.shippingWeight * shipmentPrice(c.zone, totalWeight);
      for (let i = 0; i < n; i++) w += c.labour[i]! + c.stock[i]!;
      wholeKey[e] = w;
    }
    const bestFull = ranked(nearFull, wholeKey, HEURISTIC_FULL_FILL);
    // Locations that can carry several lines together (a shared shipment), most lines first, then nearest.
    const coverKey = new Float64Array(eligible.length);
    const multi: number[] = [];
    for (const e of ranked(
      eligible.map((_, e) => e),
      dist,
      HEURISTIC_NEAREST,
    )) {
      const covered = bitsOf(masks[e]!);
      if (covered < 2 || covered === n) continue;
      multi.push(e);
      coverKey[e] = -covered * 1e9 + dist[e]!;
    }
    const bestMulti = ranked(multi, coverKey, HEURISTIC_MULTI_LINE);
    perLine = feasible.map((list, i) => {
      const near = ranked(list, dist, HEURISTIC_NEAREST);
      const key = singleKey(i, near);
      for (const e of bestFull) key[e] = single(e, i);
      for (const e of bestMulti) key[e] = single(e, i);
      const keep = new Set(ranked(near, key, HEURISTIC_PER_LINE));
      for (const e of bestFull) if (eligible[e]!.atp[i]! >= lines[i]!.quantity) keep.add(e);
      for (const e of bestMulti) if (eligible[e]!.atp[i]! >= lines[i]!.quantity) keep.add(e);
      return ranked([...keep], key, Infinity);
    });
  }

  // Most constrained line first: fewer branches near the root.
  let orderOfLines = lines.map((_, i) => i).sort((a, b) => perLine[a]!.length - perLine[b]!.length || a - b);
  const m = eligible.length;
  const partWeight = new Float64Array(m);
  const partValue = new Float64Array(m);
  const partLines = new Int32Array(m);
  const openParts = new Int32Array(Math.max(1, strategy.maxSplits));
  const assign = new Int32Array(n);
  const penalty = strategy.weights.split * strategy.splitPenalty;
  const found: Found[] = [];
  const byKey = new Map<string, Found>();
  let parts = 0;
  let tooCheap = false;
  let nodes = 0;
  const budget = useExact ? Infinity : HEURISTIC_NODE_BUDGET;
  // Lower bound of what the lines still to place add at least (joining an open shipment: labour and stock terms only).
  const rest = new Float64Array(n + 1);
  const lowerBounds = () => {
    for (let d = n - 1; d >= 0; d--) {
      const i = orderOfLines[d]!;
      let min = Infinity;
      for (const e of perLine[i]!) min = Math.min(min, costOf(e).labour[i]! + costOf(e).stock[i]!);
      rest[d] = rest[d + 1]! + min;
    }
  };
  lowerBounds();

  const bound = () => (found.length < topK ? Infinity : found[topK - 1]!.total);
  // Cheapest to the cent first; a tie goes to fewer shipments, then to the first location id (TIE_BREAK).
  const cmp = (a: Found, b: Found) => compareCost(a.total, b.total) || a.parts - b.parts || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

  const leaf = (total: number) => {
    if (parts > 1 && strategy.minSplitPartValue > 0) {
      for (let p = 0; p < parts; p++) {
        if (partValue[openParts[p]!]! < strategy.minSplitPartValue) {
          tooCheap = true;
          return;
        }
      }
    }
    const ids: string[] = [];
    for (let p = 0; p < parts; p++) ids.push(eligible[openParts[p]!]!.loc.id);
    const key = parts === 1 ? ids[0]! : ids.sort().join('+');
    const prior = byKey.get(key);
    if (prior) {
      if (total < prior.total - EPS) {
        prior.total = total;
        prior.assign = assign.slice();
        found.sort(cmp);
      }
      return;
    }
    const f: Found = { key, total, parts, assign: assign.slice() };
    found.push(f);
    byKey.set(key, f);
    found.sort(cmp);
    if (found.length > topK) byKey.delete(found.pop()!.key);
  };

  const dfs = (depth: number, cost: number) => {
    if (depth === n) return leaf(cost);
    if (++nodes > budget) return;
    const i = orderOfLines[depth]!;
    const l = lines[i]!;
    const w = l.weightGrams * l.quantity;
    for (const e of perLine[i]!) {
      const c = costOf(e);
      const opening = partLines[e] === 0;
      if (opening && parts >= strategy.maxSplits) continue;
      const before = opening ? 0 : c.shippingWeight * shipmentPrice(c.zone, partWeight[e]!);
      const after = c.shippingWeight * shipmentPrice(c.zone, partWeight[e]! + w);
      const add =
        (opening ? c.fixedDistance + c.fixedCapacity + (parts > 0 ? penalty : 0) : 0) + after - before + c.labour[i]! + c.stock[i]!;
      const next = cost + add;
      if (next + rest[depth + 1]! > bound() + TIE_MARGIN) continue;
      if (opening) openParts[parts++] = e;
      partWeight[e] = partWeight[e]! + w;
      partValue[e] = partValue[e]! + l.quantity * (l.unitPrice ?? 0);
      partLines[e] = partLines[e]! + 1;
      assign[i] = e;
      dfs(depth + 1, next);
      partLines[e] = partLines[e]! - 1;
      partValue[e] = partValue[e]! - l.quantity * (l.unitPrice ?? 0);
      partWeight[e] = partWeight[e]! - w;
      if (opening) parts--;
    }
  };
  dfs(0, 0);
  if (!useExact && found.length === 0 && n > strategy.maxSplits) {
    // The short lists found no set of at most maxSplits locations: they hold the nearest and
    // cheapest per line, and a location carrying several lines together may be farther away.
    // Once more with, for every combination of lines some eligible location can carry together,
    // the nearest such location: if any set of at most maxSplits locations fills the order, one
    // made of these representatives and the per-line lists does.
    const byMask = new Map<number, number>();
    for (let e = 0; e < eligible.length; e++) {
      const mask = masks[e]!;
      if (bitsOf(mask) < 2) continue;
      const prior = byMask.get(mask);
      if (prior === undefined || eligible[e]!.h < eligible[prior]!.h || (eligible[e]!.h === eligible[prior]!.h && idOf(e) < idOf(prior)))
        byMask.set(mask, e);
    }
    perLine = perLine.map((list, i) => {
      const keep = new Set(list);
      for (const [mask, e] of byMask) if (mask & (1 << i)) keep.add(e);
      const key = singleKey(i, [...keep]);
      return ranked([...keep], key, Infinity);
    });
    orderOfLines = lines.map((_, i) => i).sort((a, b) => perLine[a]!.length - perLine[b]!.length || a - b);
    lowerBounds();
    nodes = 0;
    tooCheap = false;
    dfs(0, 0);
  }

  const options = found.map((f) => materialise(f, eligible, costOf, order, strategy));
  const failure = tooCheap
    ? reasonText('sourcing.split_under_minimum', { minimum: strategy.minSplitPartValue })
    : reasonText('sourcing.too_many_splits', { maxSplits: strategy.maxSplits });
  return { method: useExact ? 'exact' : 'heuristic', options, failure };
}
