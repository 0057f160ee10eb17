/** One shipment of a candidate option, with its cost term by term. */
export interface DecisionPart {
  locationId: string;
  locationName: string;
  distanceKm: number;
  lines: { sku: string; quantity: number }[];
  cost: Record<'distance' | 'shipping' | 'labour' | 'stockBalance' | 'capacityUse' | 'total', number> | null;
}

/** One line split across locations: "3 × MATE-1 split: 2 from Palermo, 1 from Belgrano". */
export interface DecisionLineSplit {
  sku: string;
  quantity: number;
  from: { locationId: string; locationName: string; quantity: number }[];
}

/** The sourcing explanation the engine keeps on `order.sourced` / `order.unfillable` / `order.reoptimised` events ("why this location, not that one"). */
export interface SourcingDecision {
  strategy: string | null;
  /** "default v3" when the decision names its profile. */
  profile: string | null;
  method: string | null;
  chosen: string | null;
  candidates: {
    locationId: string;
    locationName: string;
    distanceKm: number;
    total: number | null;
    splitPenalty: number;
    parts: DecisionPart[];
    /** Lines whose units ship from several locations (line splitting), and the penalty they add. */
    lineSplits: DecisionLineSplit[];
    lineSplitPenalty: number;
  }[];
  excluded: { locationId: string; locationName: string; reason: string }[];
  excludedCount: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Record<string, unknown>[]) : []);
const COST_KEYS = ['distance', 'shipping', 'labour', 'stockBalance', 'capacityUse', 'total'] as const;

function readCost(v: unknown): DecisionPart['cost'] {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const out = {} as Record<(typeof COST_KEYS)[number], number>;
  for (const k of COST_KEYS) out[k] = num(o[k]) ?? 0;
  return out;
}

/**
 * Reads an event's free-form `data` as a sourcing decision, defensively (the contract types it as
 * an open record); undefined when it holds no candidates or exclusions.
 */
export function readDecision(data: Record<string, unknown> | null): SourcingDecision | undefined {
  if (!data) return undefined;
  const candidates = list(data.candidates)
    .map((c) => ({
      locationId: str(c.locationId) ?? '',
      locationName: str(c.locationName) ?? str(c.locationId) ?? '?',
      distanceKm: num(c.distanceKm) ?? NaN,
      total: num(c.total),
      splitPenalty: num(c.splitPenalty) ?? 0,
      parts: list(c.parts).map((p) => ({
        locationId: str(p.locationId) ?? '',
        locationName: str(p.locationName) ?? '?',
        distanceKm: num(p.distanceKm) ?? NaN,
        lines: list(p.lines).map((l) => ({ sku: str(l.sku) ?? '?', quantity: num(l.quantity) ?? 0 })),
        cost: readCost(p.cost),
      })),
      lineSplits: list(c.lineSplits).map((l) => ({
        sku: str(l.sku) ?? '?',
        quantity: num(l.quantity) ?? 0,
        from: list(l.from).map((f) => ({
          locationId: str(f.locationId) ?? '',
          locationName: str(f.locationName) ?? str(f.locationId) ?? '?',
          quantity: num(f.quantity) ?? 0,
        })),
      })),
      lineSplitPenalty: num(c.lineSplitPenalty) ?? 0,
    }))
    .filter((c) => c.locationId || c.locationName !== '?');
  const excluded = list(data.excluded).map((e) => ({
    locationId: str(e.locationId) ?? '',
    locationName: str(e.locationName) ?? str(e.locationId) ?? '?',
    reason: str(e.reason) ?? '',
  }));
  if (!candidates.length && !excluded.length) return undefined;
  const p = data.profile && typeof data.profile === 'object' ? (data.profile as Record<string, unknown>) : null;
  return {
    strategy: str(data.strategy),
    profile: p && str(p.key) ? `${str(p.key)} v${num(p.version) ?? '?'}` : null,
    method: str(data.method),
    chosen: str(data.chosen),
    candidates,
    excluded,
    excludedCount: typeof data.excludedCount === 'number' ? data.excludedCount : excluded.length,
  };
}

/** How much more a candidate costs than the chosen one (null when either has no cost). */
export function costOverChosen(d: SourcingDecision, candidateId: string): number | null {
  const chosen = d.candidates.find((c) => c.locationId === d.chosen)?.total;
  const mine = d.candidates.find((c) => c.locationId === candidateId)?.total;
  return chosen == null || mine == null ? null : Math.round((mine - chosen) * 100) / 100;
}
