import { z } from 'zod';
import { LocationHealthSchema } from './location.schema';
import { ANY_ROLE } from './roles';

/** The network of stores, DCs and dark stores, with each location's health for the map. */
export const locationsContract = {
  'locations.list': { kind: 'query', roles: ANY_ROLE, input: z.object({}).default({}), output: z.array(LocationHealthSchema) },
} as const;
