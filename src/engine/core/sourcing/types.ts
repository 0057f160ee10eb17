import type { OrderType } from '../../../shared/sourcing.contract';
import type { LatLng } from '../geo';
import type { SourcingLocation } from './nearest-full-fill';

/** A location with everything the profile filters and costs look at. */
export interface NetworkLocation extends SourcingLocation {
  /** Per ISO weekday (1 = Monday), local "HH:MM"; absent = closed that day. Empty = always open. */
  openingHours: Readonly<Record<string, { open: string; close: string }>>;
  /** Local "HH:MM" after which the carrier no longer collects today (null = no cut-off). */
  carrierCutoff: string | null;
  pickupCapable: boolean;
  /** Channels this location serves (null = every channel). */
  channels: readonly string[] | null;
  labourCostPerUnit: number;
  /** Fulfilment orders assigned here today (against `dailyCapacity`). */
  assignedToday: number;
}

export interface OrderLineToSource {
  sku: string;
  quantity: number;
  unitPrice: number | null;
  weightGrams: number;
}

export interface OrderToSource {
  channel: string;
  orderType: OrderType;
  shipTo: LatLng;
  lines: readonly OrderLineToSource[];
}

/** Available to promise at a location for a SKU (≤ 0 = none). */
export type AtpLookup = (locationId: string, sku: string) => number;

/** Why a location was left out, as data (formatted into words only when recorded: decisions stay cheap). */
export type ExclusionCode =
  | { code: 'order-excluded'; reason: string }
  | { code: 'paused' }
  | { code: 'kind'; kind: string }
  | { code: 'channel'; channel: string }
  | { code: 'not-pickup' }
  | { code: 'closed-today' }
  | { code: 'not-open-yet'; opens: string }
  | { code: 'closed-at'; closes: string }
  | { code: 'past-cutoff'; cutoff: string }
  | { code: 'capacity'; used: number; capacity: number }
  | { code: 'distance'; km: number; maxKm: number }
  | { code: 'no-stock'; sku: string; needs: number; has: number };

export interface Exclusion {
  locationId: string;
  locationName: string;
  why: ExclusionCode;
}

/** The cost of one shipment (part), term by term, after weights. */
export interface CostBreakdown {
  distance: number;
  shipping: number;
  labour: number;
  stockBalance: number;
  capacityUse: number;
  total: number;
}

export interface SourcedPart {
  locationId: string;
  locationName: string;
  distanceKm: number;
  lines: { sku: string; quantity: number }[];
  units: number;
  value: number;
  weightGrams: number;
  transitDays: number;
  cost: CostBreakdown;
}

/** One line whose units ship from several locations (line splitting), most units first. */
export interface LineSplitNote {
  sku: string;
  quantity: number;
  from: { locationId: string; locationName: string; quantity: number }[];
}

/** One way to fill the whole order: a shipment per location, and what it costs. */
export interface SourcingOption {
  parts: SourcedPart[];
  splitPenalty: number;
  total: number;
  /** Lines split across locations (present only when some line is). */
  lineSplits?: LineSplitNote[];
  /** The line-split penalty in `total`, after the split weight (present with `lineSplits`). */
  lineSplitPenalty?: number;
}

export interface StrategyOutcome {
  strategy: string;
  eligible: number;
  /** Why nothing was feasible under this strategy (null when it found options). */
  failure: string | null;
}

/** An eligible location as the explanation needs it (why it was or was not used). */
export interface EligibleSummary {
  locationId: string;
  locationName: string;
  distanceKm: number;
  /** The first line it cannot fill (null = it can ship the whole order). */
  short: { sku: string; needs: number; has: number } | null;
  /** What shipping the whole order from here alone would cost (null when it cannot). */
  aloneCost: number | null;
}

/** A decision: the ranked options (best first), every location left out and why, per strategy tried. */
export interface ProfileDecision {
  /** Name of the strategy that produced the options (the last one tried when none did). */
  strategy: string;
  method: 'exact' | 'heuristic';
  options: SourcingOption[];
  /** Every location the deciding strategy left out, and why (worded on demand: not on the hot path). */
  explainExcluded(): Exclusion[];
  /** Locations that passed the filters of the deciding strategy, summarised on demand (explanations are not on the hot path). */
  explainEligible(): EligibleSummary[];
  tried: StrategyOutcome[];
}
