import { z } from 'zod';
import { DESK_ROLES, SUPERVISOR_ONLY } from './roles';
import { LOCATION_KINDS } from './location.schema';
import { CHANNELS } from './order.schema';

/** How an order is handed to the customer; channels send it as `orderType` (absent = delivery). */
export const ORDER_TYPES = ['delivery', 'pickup'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

const weight = z.number().min(0).max(1000);

/** The hard filters of a strategy: a location failing one is left out, with the reason. */
export const SourcingFiltersSchema = z.object({
  /** Location kinds allowed (store, dc, dark_store). */
  locationKinds: z
    .array(z.enum(LOCATION_KINDS))
    .min(1, 'allow at least one location kind')
    .default([...LOCATION_KINDS]),
  /** Respect each location's list of eligible channels (a location with no list serves every channel). */
  channelEligibility: z.boolean().default(true),
  /** Pickup orders only go to pickup-capable locations. */
  pickupCapableForPickup: z.boolean().default(true),
  /** Leave out locations closed now. */
  requireOpenNow: z.boolean().default(false),
  /** Leave out locations past their carrier cut-off today. */
  requireBeforeCutoff: z.boolean().default(false),
  /** Leave out locations with no daily capacity left. */
  respectDailyCapacity: z.boolean().default(true),
  /** Leave out locations farther than this from the customer (null = no band). */
  maxDistanceKm: z.number().positive().max(40_000).nullable().default(null),
  /** Locations this strategy must not use (besides those paused in the network). */
  pausedLocationIds: z.array(z.string().min(1).max(64)).max(10_000).default([]),
});
export type SourcingFilters = z.infer<typeof SourcingFiltersSchema>;

/** Weights of the cost terms (each term is in money-like units; 0 switches a term off). */
export const SourcingWeightsSchema = z.object({
  /** Per km from location to customer (transit). */
  distance: weight.default(1),
  /** Multiplies the carrier rate card price of each shipment. */
  shipping: weight.default(1),
  /** Multiplies each location's labour cost per unit. */
  labour: weight.default(1),
  /** Added per extra shipment (split). */
  split: weight.default(1),
  /** Per share of a location's available stock an order takes (protects stock balance / days of cover). */
  stockBalance: weight.default(0),
  /** Per share of a location's daily capacity already used. */
  capacityUse: weight.default(0),
});
export type SourcingWeights = z.infer<typeof SourcingWeightsSchema>;

/** Line splitting: a line's quantity may come from several locations (see `SourcingStrategy.lineSplit`). */
export const LineSplitSchema = z.object({
  enabled: z.boolean().default(false),
  /** Cost of each extra location one line ships from, before the split weight. */
  penalty: z.number().min(0).max(1_000_000).default(5000),
});
export type LineSplit = z.infer<typeof LineSplitSchema>;

export const SourcingStrategySchema = z.object({
  name: z.string().trim().min(1).max(80),
  filters: SourcingFiltersSchema.default(SourcingFiltersSchema.parse({})),
  weights: SourcingWeightsSchema.default(SourcingWeightsSchema.parse({})),
  /** Cost of one extra shipment, before the split weight. */
  splitPenalty: z.number().min(0).max(1_000_000).default(5000),
  /** Most locations one order may ship from (1 = never split). */
  maxSplits: z.number().int().min(1).max(5).default(2),
  /** When split, each part must be worth at least this (order currency; 0 = no minimum). */
  minSplitPartValue: z.number().min(0).max(100_000_000).default(0),
  /**
   * Splitting one line's units across locations, when no single eligible location can fill it
   * (off by default: such an order waits). `penalty` (before the split weight) is added per extra
   * location a line ships from; it needs maxSplits ≥ 2.
   */
  lineSplit: LineSplitSchema.default(LineSplitSchema.parse({})),
});
export type SourcingStrategy = z.infer<typeof SourcingStrategySchema>;

/** A carrier rate card: zones by distance; price of a shipment = base + perKg × started kg. */
export const RateCardZoneSchema = z.object({
  name: z.string().trim().min(1).max(40),
  /** Upper bound of the zone (km); null = everything beyond the previous zone. */
  maxKm: z.number().positive().nullable(),
  base: z.number().min(0),
  perKg: z.number().min(0),
  /** Days in transit, for the promise hit-rate. */
  transitDays: z.number().int().min(0).max(60),
});

/**
 * Re-optimisation of the unreleased backlog (orders sourced, nothing picked, untouched by people):
 * every `periodSeconds` a pass takes the next `batchSize` orders unchanged for `minAgeSeconds`
 * (those never examined first, then those examined longest ago) and re-assigns them together with
 * the orders holding the stock they could use; an order moves only when the cost falls by
 * `threshold` (a share) or its shipments fall and its cost does not rise; at most
 * `maxMovesPerPass` orders move per pass. With several active profiles, the pass runs with the
 * most eager settings of those with it on (shortest period and minimum age, largest batch and
 * moves); the threshold is each order's own profile's, and orders of a profile with it off never move.
 */
export const ReoptimisationSchema = z.object({
  enabled: z.boolean().default(true),
  periodSeconds: z.number().int().min(5).max(86_400).default(60),
  minAgeSeconds: z.number().int().min(0).max(604_800).default(30),
  threshold: z.number().min(0).max(0.9).default(0.05),
  maxMovesPerPass: z.number().int().min(1).max(10_000).default(100),
  batchSize: z.number().int().min(1).max(5_000).default(500),
});
export type Reoptimisation = z.infer<typeof ReoptimisationSchema>;

export const BACKORDER_POLICIES = ['hold', 'ship_available', 'cancel_unavailable'] as const;
export type BackorderPolicy = (typeof BACKORDER_POLICIES)[number];

export const SourcingProfileSpecSchema = z
  .object({
    /** Strategies in order: the next is a fallback when one finds no feasible assignment. */
    strategies: z.array(SourcingStrategySchema).min(1, 'a profile needs at least one strategy').max(10),
    rateCard: z.array(RateCardZoneSchema).min(1, 'the rate card needs at least one zone').max(20),
    /**
     * When no strategy can fill the whole order (or, after a short pick, its remainder): `hold` —
     * ship complete: nothing is reserved and the order waits as unroutable, retried when stock
     * arrives; `ship_available` — ship what can be sourced now and move the rest to a backorder
     * order that waits for stock; `cancel_unavailable` — ship what can be sourced now and cancel
     * the units no location has.
     */
    backorder: z.enum(BACKORDER_POLICIES).default('hold'),
    /** The network's local time zone (opening hours and cut-offs are local). */
    timeZone: z.string().min(1).max(64).default('America/Argentina/Buenos_Aires'),
    /** Days within which delivery is promised (for the simulator's promise hit-rate). */
    promiseDays: z.number().int().min(0).max(60).default(2),
    /** Re-optimisation of orders not yet released to the floor (see {@link ReoptimisationSchema}). */
    reoptimisation: ReoptimisationSchema.default(ReoptimisationSchema.parse({})),
  })
  .superRefine((s, ctx) => {
    s.rateCard.forEach((z1, i) => {
      const prev = s.rateCard[i - 1];
      if (prev && (prev.maxKm === null || (z1.maxKm !== null && z1.maxKm <= prev.maxKm))) {
        ctx.addIssue({
          code: 'custom',
          path: ['rateCard', i, 'maxKm'],
          message: 'zones must go outward: each maxKm above the previous one, and only the last may be null',
        });
      }
    });
    if (s.rateCard[s.rateCard.length - 1]?.maxKm !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['rateCard', s.rateCard.length - 1, 'maxKm'],
        message: 'the last zone must have maxKm null so every distance has a price',
      });
    }
  });
export type SourcingProfileSpec = z.infer<typeof SourcingProfileSpecSchema>;

/** Which orders a profile applies to (empty list = any). */
export const ProfileSelectorSchema = z.object({
  channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).default([]),
  orderTypes: z.array(z.enum(ORDER_TYPES)).max(ORDER_TYPES.length).default([]),
  /** Higher wins when several profiles match an order. */
  priority: z.number().int().min(0).max(1000).default(0),
});
export type ProfileSelector = z.infer<typeof ProfileSelectorSchema>;

export const PROFILE_STATUSES = ['draft', 'active', 'retired'] as const;

export const SourcingProfileSchema = z.object({
  id: z.string(),
  key: z.string(),
  version: z.number().int(),
  status: z.enum(PROFILE_STATUSES),
  name: z.string(),
  selector: ProfileSelectorSchema,
  spec: SourcingProfileSpecSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
});
export type SourcingProfile = z.infer<typeof SourcingProfileSchema>;

const profileKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'use lowercase letters, digits and dashes (e.g. "default" or "marketplaces")');
/** A profile version's id: a UUID, as the profile list shows it (the database's uuid column reads nothing else). */
const id = z.uuid({ error: 'not a sourcing profile id: profiles are named by a UUID, as the profile list shows' });

export const SimulationMetricsSchema = z.object({
  orders: z.number().int(),
  sourced: z.number().int(),
  unfillable: z.number().int(),
  totalCost: z.number(),
  avgCost: z.number(),
  splitOrders: z.number().int(),
  splitRate: z.number(),
  shipments: z.number().int(),
  avgDistanceKm: z.number(),
  promiseHitRate: z.number(),
  /** Orders re-optimisation moved while they waited (0 when replayed on first decisions only). */
  reoptimised: z.number().int().default(0),
  load: z.array(z.object({ locationId: z.string(), locationName: z.string(), shipments: z.number().int() })),
});
export type SimulationMetrics = z.infer<typeof SimulationMetricsSchema>;

/** Endpoints of the sourcing area (spread into `contract`). */
export const sourcingContract = {
  'sourcing.profiles.list': {
    kind: 'query',
    roles: ['planner', 'supervisor', 'system'],
    input: z.object({}).default({}),
    output: z.array(SourcingProfileSchema),
  },
  'sourcing.profiles.saveDraft': {
    kind: 'command',
    roles: SUPERVISOR_ONLY,
    input: z.object({
      key: profileKey,
      name: z.string().trim().min(1).max(120),
      selector: ProfileSelectorSchema,
      spec: SourcingProfileSpecSchema,
    }),
    output: SourcingProfileSchema,
  },
  'sourcing.profiles.activate': { kind: 'command', roles: SUPERVISOR_ONLY, input: z.object({ id }), output: SourcingProfileSchema },
  'sourcing.simulate': {
    kind: 'query',
    roles: DESK_ROLES,
    input: z
      .object({
        draftId: id,
        from: z.iso.datetime({ offset: true }),
        to: z.iso.datetime({ offset: true }),
        limit: z.number().int().min(1).max(20_000).default(2000),
        /** Minutes an order waits before it is released to the floor (re-optimisation may move it until then). */
        releaseAfterMinutes: z.number().int().min(0).max(10_080).default(120),
      })
      .refine((x) => Date.parse(x.from) < Date.parse(x.to), { path: ['to'], message: '"to" must be after "from"' }),
    output: z.object({
      draft: SimulationMetricsSchema,
      /** The draft again with its re-optimisation replayed (null when the draft has it off). */
      draftReoptimised: SimulationMetricsSchema.nullable(),
      active: SimulationMetricsSchema.nullable(),
      activeProfileId: z.string().nullable(),
    }),
  },
  'sourcing.reoptimise': {
    kind: 'command',
    roles: ['supervisor', 'system'],
    input: z.object({}).default({}),
    output: z.object({ examined: z.number().int(), changed: z.number().int() }),
  },
} as const;
