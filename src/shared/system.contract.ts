import { z } from 'zod';
import { ANY_ROLE, ANY_STAFF } from './roles';

/** The engine itself: health for the header and load balancers, and the settings a desk starts with. */
export const systemContract = {
  'system.health': {
    kind: 'query',
    roles: ANY_ROLE,
    input: z.object({}).default({}),
    output: z.object({
      ok: z.boolean(),
      database: z.object({ ok: z.boolean(), latencyMs: z.number().nullable(), error: z.string().optional() }),
      queue: z.object({
        ok: z.boolean(),
        backend: z.enum(['redis', 'postgres']),
        waiting: z.number().nullable(),
        error: z.string().optional(),
      }),
      version: z.string(),
    }),
  },
  'system.settings': {
    kind: 'query',
    roles: ANY_STAFF,
    input: z.object({}).default({}),
    output: z.object({
      tileUrl: z.string().nullable(),
      simulatorRate: z.number(),
      /** The demo retailer is on (ATALAYA_DEMO=seed): only then may the simulator run. */
      demo: z.boolean(),
      user: z.object({ name: z.string(), role: z.string() }),
    }),
  },
} as const;
