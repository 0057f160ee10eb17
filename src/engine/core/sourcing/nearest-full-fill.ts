import type { LocationKind } from '../../../shared';
import { distanceKm, type LatLng } from '../geo';

/** A location as the sourcing core sees it. */
export interface SourcingLocation extends LatLng {
  id: string;
  name: string;
  city: string;
  kind: LocationKind;
  dailyCapacity: number;
  active: boolean;
}

export interface SourcingLine {
  sku: string;
  quantity: number;
}

export interface SourcingCandidate {
  locationId: string;
  locationName: string;
  distanceKm: number;
}

export interface SourcingExclusion {
  locationId: string;
  locationName: string;
  reason: string;
}

/** The decision and its explanation: ranked candidates and why every other location was left out. */
export interface SourcingDecision {
  strategy: 'nearest-full-fill';
  candidates: SourcingCandidate[];
  excluded: SourcingExclusion[];
}

/**
 * The default strategy: ship the whole order from one location, the nearest that has available
 * stock for every line. Returns every eligible location ranked (so the caller can fall through
 * to the next when a concurrent order wins the stock) and the reason each other one was left out.
 * Deterministic: ties on distance break by location id.
 *
 * @param atp available-to-promise per location id, per SKU (absent = 0)
 */
export function rankNearestFullFill(
  shipTo: LatLng,
  lines: readonly SourcingLine[],
  locations: readonly SourcingLocation[],
  atp: ReadonlyMap<string, ReadonlyMap<string, number>>,
): SourcingDecision {
  const candidates: SourcingCandidate[] = [];
  const excluded: SourcingExclusion[] = [];
  for (const loc of locations) {
    if (!loc.active) {
      excluded.push({ locationId: loc.id, locationName: loc.name, reason: 'location paused' });
      continue;
    }
    const stock = atp.get(loc.id);
    const short = lines.find((l) => (stock?.get(l.sku) ?? 0) < l.quantity);
    if (short) {
      const has = Math.max(0, stock?.get(short.sku) ?? 0);
      excluded.push({
        locationId: loc.id,
        locationName: loc.name,
        reason: `no stock of SKU ${short.sku} (needs ${short.quantity}, has ${has})`,
      });
      continue;
    }
    candidates.push({ locationId: loc.id, locationName: loc.name, distanceKm: Math.round(distanceKm(shipTo, loc) * 10) / 10 });
  }
  candidates.sort((a, b) => a.distanceKm - b.distanceKm || (a.locationId < b.locationId ? -1 : 1));
  return { strategy: 'nearest-full-fill', candidates, excluded };
}
