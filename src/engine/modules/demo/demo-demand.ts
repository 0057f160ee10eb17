import type { LocationKind } from '../../../shared';
import { createRng, hashInt, hashString } from '../../core/rng';

/**
 * The demo's demand model over the catalog: a scattered Zipf-like popularity per SKU, the fast
 * movers among them, and how deep each kind of location stocks each SKU.
 */

/** The share of the catalog that counts as fast-moving (what dark stores carry). */
export const FAST_MOVER_SHARE = 0.25;
const POPULARITY_RANKS = 3000;
const POPULARITY_EXPONENT = 0.9;

/** Where the SKU at `index` falls in the demand ranking, as a quantile in [0, 1): 0 = best seller. */
export function skuDemandQuantile(index: number): number {
  return hashInt(index ^ 0x5bd1e995) / 4294967296;
}

/**
 * Zipf-like demand weight of the SKU at `index` (its position in the catalog sorted by SKU): the
 * ranking is scattered over the catalog, not tied to its order, and the weights follow
 * 1 / rank^0.9 — about 10% of the SKUs make 60% of the demand, a quarter of them three quarters.
 */
export function skuPopularity(index: number): number {
  return 1 / Math.pow(1 + skuDemandQuantile(index) * POPULARITY_RANKS, POPULARITY_EXPONENT);
}

/** Whether the SKU at `index` is among the fast movers (the top quarter of demand). */
export function isFastMover(index: number): boolean {
  return skuDemandQuantile(index) < FAST_MOVER_SHARE;
}

/**
 * Demo on-hand stock of the catalog's SKU number `skuIndex` at a location, or null when the
 * location does not carry it. DCs carry nearly everything in depth (50–400); stores about 60% of
 * the catalog, shallow (0–12, some at zero), leaning to what sells; dark stores the fast movers
 * (5–40). `locationId` gives each location its own assortment (same id → same stock).
 */
export function demoStockLevel(seed: number, kind: LocationKind, skuIndex: number, locationId = ''): number | null {
  const rng = createRng(seed ^ hashString(locationId) ^ hashInt(skuIndex));
  const carried = rng();
  const q = skuDemandQuantile(skuIndex);
  const demand = 1 - q; // 1 = best seller, 0 = slowest
  switch (kind) {
    case 'dc':
      return carried < 0.97 ? Math.min(400, 50 + Math.floor(350 * (0.5 * rng() + 0.5 * demand))) : null;
    case 'store': {
      if (carried >= 0.42 + 0.36 * demand) return null;
      if (rng() < 0.1) return 0;
      return 1 + Math.floor(rng() * (4 + 8 * demand));
    }
    case 'dark_store': {
      if (q < FAST_MOVER_SHARE) {
        if (carried >= 0.93) return null;
        return Math.min(40, 5 + Math.floor(35 * (0.4 * rng() + 0.6 * (1 - q / FAST_MOVER_SHARE))));
      }
      return carried < 0.02 ? 5 + Math.floor(rng() * 6) : null;
    }
  }
}
