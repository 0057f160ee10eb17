/** The sourcing explanation the engine keeps on `order.sourced` / `order.unfillable` events ("why this location, not that one"). */
export interface SourcingDecision {
  strategy: string | null;
  chosen: string | null;
  candidates: { locationId: string; locationName: string; distanceKm: number }[];
  excluded: { locationId: string; locationName: string; reason: string }[];
  excludedCount: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Reads an event's free-form `data` as a sourcing decision, defensively (the contract types it as
 * an open record); undefined when it holds no candidates or exclusions.
 */
export function readDecision(data: Record<string, unknown> | null): SourcingDecision | undefined {
  if (!data) return undefined;
  const list = (v: unknown) => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Record<string, unknown>[]) : []);
  const candidates = list(data.candidates)
    .map((c) => ({ locationId: str(c.locationId) ?? '', locationName: str(c.locationName) ?? str(c.locationId) ?? '?', distanceKm: typeof c.distanceKm === 'number' ? c.distanceKm : NaN }))
    .filter((c) => c.locationId || c.locationName !== '?');
  const excluded = list(data.excluded).map((e) => ({ locationId: str(e.locationId) ?? '', locationName: str(e.locationName) ?? str(e.locationId) ?? '?', reason: str(e.reason) ?? '' }));
  if (!candidates.length && !excluded.length) return undefined;
  return {
    strategy: str(data.strategy),
    chosen: str(data.chosen),
    candidates,
    excluded,
    excludedCount: typeof data.excludedCount === 'number' ? data.excludedCount : excluded.length,
  };
}
