import { z } from 'zod';
import { LocationDetailSchema, LocationHealthSchema } from './location.schema';
import { ANY_ROLE, ANY_STAFF, type Role } from './roles';

/** Who may pause and resume a location: supervisors steer the network, admins configure it. */
export const LOCATION_PAUSERS: readonly Role[] = ['supervisor', 'admin'];

const id = z
  .string({ error: 'id is required: the location to act on (see locations.list)' })
  .trim()
  .min(1, { error: 'id is required: the location to act on (see locations.list)' })
  .max(64);

/** The network of stores, DCs and dark stores, with each location's health for the map; pause and resume. */
export const locationsContract = {
  'locations.list': { kind: 'query', roles: ANY_ROLE, input: z.object({}).default({}), output: z.array(LocationHealthSchema) },
  /** One location for the map's panel: its numbers, why it is paused, and its top stock-outs that matter. Associates: their own locations. */
  'locations.detail': { kind: 'query', roles: ANY_STAFF, input: z.object({ id }), output: LocationDetailSchema },
  /** Stops sourcing from choosing the location (orders already there stay); audited with the reason. */
  'locations.pause': {
    kind: 'command',
    roles: LOCATION_PAUSERS,
    input: z.object({
      id,
      reason: z
        .string({ error: 'reason is required: say why the location stops taking orders' })
        .trim()
        .min(1, { error: 'reason is required: say why the location stops taking orders' })
        .max(500),
    }),
    output: LocationDetailSchema,
  },
  /** Lets sourcing choose the location again; audited. */
  'locations.resume': {
    kind: 'command',
    roles: LOCATION_PAUSERS,
    input: z.object({ id, reason: z.string().trim().max(500).optional() }),
    output: LocationDetailSchema,
  },
} as const;
