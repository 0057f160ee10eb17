import { SourcingProfileSpecSchema, type SourcingProfileSpec } from '../../../shared/sourcing.contract';

/**
 * The profile a fresh network starts with: ship today from an open location before its carrier
 * cut-off, splitting at most once; when none can, fall back to any location with stock (up to
 * three shipments). Costs in ARS: a km of transit ≈ 4, a rate card of three zones, the location's
 * labour per unit, 6,000 per extra shipment, and a light touch on stock balance
 * (share of a location's stock taken) and capacity use, so distance and rate card lead.
 */
export const DEFAULT_PROFILE_SPEC: SourcingProfileSpec = SourcingProfileSpecSchema.parse({
  strategies: [
    {
      name: 'same-day',
      filters: { requireOpenNow: true, requireBeforeCutoff: true, respectDailyCapacity: true, maxDistanceKm: 1500 },
      weights: { distance: 4, shipping: 1, labour: 1, split: 1, stockBalance: 0.5, capacityUse: 2 },
      splitPenalty: 6000,
      maxSplits: 2,
      minSplitPartValue: 5000,
    },
    {
      name: 'any-stock',
      filters: { respectDailyCapacity: true },
      weights: { distance: 4, shipping: 1, labour: 1, split: 1, stockBalance: 0.5, capacityUse: 2 },
      splitPenalty: 6000,
      maxSplits: 3,
      minSplitPartValue: 0,
    },
  ],
  rateCard: [
    { name: 'local', maxKm: 50, base: 2500, perKg: 300, transitDays: 1 },
    { name: 'regional', maxKm: 400, base: 4500, perKg: 600, transitDays: 2 },
    { name: 'national', maxKm: null, base: 7500, perKg: 900, transitDays: 4 },
  ],
  backorder: 'hold',
  timeZone: 'America/Argentina/Buenos_Aires',
  promiseDays: 2,
});
