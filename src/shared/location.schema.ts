import { z } from 'zod';
import { HEALTH_GRADES } from './location-health';

export const LOCATION_KINDS = ['store', 'dc', 'dark_store'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** Opening hours per ISO weekday (1 = Monday … 7 = Sunday), local "HH:MM" times; absent = closed. */
export const OpeningHoursSchema = z.record(
  z.string().regex(/^[1-7]$/),
  z.object({ open: z.string().regex(/^\d\d:\d\d$/), close: z.string().regex(/^\d\d:\d\d$/) }),
);

export const LocationSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(LOCATION_KINDS),
  city: z.string(),
  lat: z.number(),
  lng: z.number(),
  dailyCapacity: z.number().int(),
  openingHours: OpeningHoursSchema,
  /** False while paused: sourcing does not choose it (see `locations.pause`). */
  active: z.boolean(),
});
export type Location = z.infer<typeof LocationSchema>;

/** A location with the live numbers the map shows at a glance (one SQL pass for the whole network). */
export const LocationHealthSchema = LocationSchema.extend({
  /** Fulfilment orders assigned here and not yet shipped (the queue at this location). */
  backlog: z.number().int(),
  /** Fulfilment orders assigned here today (against daily capacity). */
  assignedToday: z.number().int(),
  /** Of the backlog: past their promised date, or waiting here longer than `LATE_AFTER_HOURS`. */
  late: z.number().int(),
  /**
   * Stock-outs that matter: SKUs stocked here with nothing available to promise and open demand —
   * in orders waiting for a location (received, unroutable) or reserved here in the last `RECENT_DEMAND_DAYS`.
   */
  stockOuts: z.number().int(),
  /** The grade the map colours by (`gradeLocation`). */
  health: z.enum(HEALTH_GRADES),
});
export type LocationHealth = z.infer<typeof LocationHealthSchema>;

/** A stock-out that matters at one location, with the demand that makes it matter. */
export const LocationStockOutSchema = z.object({
  sku: z.string(),
  name: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  /** Units of this SKU in orders waiting for a location, network-wide. */
  waitingUnits: z.number().int(),
  /** Units reserved here in the last `RECENT_DEMAND_DAYS`. */
  recentUnits: z.number().int(),
});
export type LocationStockOut = z.infer<typeof LocationStockOutSchema>;

/** What the map's location panel shows. */
export const LocationDetailSchema = LocationHealthSchema.extend({
  pausedAt: z.string().nullable(),
  pausedBy: z.string().nullable(),
  pausedReason: z.string().nullable(),
  /** The stock-outs that matter most here (most demand first), at most `STOCK_OUTS_SHOWN`. */
  topStockOuts: z.array(LocationStockOutSchema),
});
export type LocationDetail = z.infer<typeof LocationDetailSchema>;

/** How many stock-outs the panel lists. */
export const STOCK_OUTS_SHOWN = 10;
