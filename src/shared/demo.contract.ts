import { z } from 'zod';
import { ADMIN_ONLY } from './roles';

/** The demo retailer's order simulator, set from the desk's header. */
export const demoContract = {
  'demo.simulate': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: z.object({ ordersPerMinute: z.number().min(0).max(6000) }),
    output: z.object({ ordersPerMinute: z.number() }),
  },
} as const;
