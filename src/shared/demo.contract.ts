import { z } from 'zod';
import { DESK_ROLES } from './roles';

/** The demo retailer's order simulator, set from the desk's header. */
export const demoContract = {
  'demo.simulate': {
    kind: 'command',
    roles: DESK_ROLES,
    input: z.object({ ordersPerMinute: z.number().min(0).max(6000) }),
    output: z.object({ ordersPerMinute: z.number() }),
  },
} as const;
