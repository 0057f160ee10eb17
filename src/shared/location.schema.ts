import { z } from 'zod';

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
  active: z.boolean(),
});
export type Location = z.infer<typeof LocationSchema>;

/** A location with the live numbers the map shows at a glance. */
export const LocationHealthSchema = LocationSchema.extend({
  /** Orders assigned here and not yet shipped. */
  backlog: z.number().int(),
  /** Orders assigned here today (against daily capacity). */
  assignedToday: z.number().int(),
  /** SKUs stocked here with nothing available to promise. */
  stockOuts: z.number().int(),
});
export type LocationHealth = z.infer<typeof LocationHealthSchema>;
