import { z } from 'zod';
import { FLOOR_ROLES, type Role } from './roles';
import { OrderIdSchema, OrderSchema } from './order.schema';
import { PrintJobSchema } from './printing.contract';

/**
 * Store pickup (click & collect). A packed store-pickup order is made ready at its pickup location:
 * it gets a pickup code (sent to the customer, shown as a QR) and a bag label prints. At the counter
 * the associate types or scans the code the customer shows; a wrong code is refused (and counted:
 * too many wrong codes lock the pickup until a supervisor issues a new code). The customer may take
 * part of the order. A pickup not collected in time expires (no-show): its units go back to stock
 * and the order is cancelled (or, for a partial pickup, the rest is), per the pickup policy.
 */

export const PICKUP_STATUSES = ['ready', 'partially_collected', 'collected', 'expired', 'cancelled'] as const;
export type PickupStatus = (typeof PICKUP_STATUSES)[number];

export const PICKUP_TRANSITIONS: Readonly<Record<PickupStatus, readonly PickupStatus[]>> = {
  ready: ['partially_collected', 'collected', 'expired', 'cancelled'],
  partially_collected: ['partially_collected', 'collected', 'expired', 'cancelled'],
  collected: [],
  expired: [],
  cancelled: [],
};

/** Wrong codes before a pickup locks (a supervisor issues a new code). */
export const PICKUP_MAX_WRONG_CODES = 5;

export const PickupLineSchema = z.object({
  sku: z.string(),
  productName: z.string().nullable(),
  quantity: z.number().int(),
  collected: z.number().int(),
});

export const PickupSchema = z.object({
  orderId: z.string(),
  orderNumber: z.number().int(),
  locationId: z.string(),
  customerName: z.string(),
  status: z.enum(PICKUP_STATUSES),
  /** The code itself is shown only to who makes the pickup ready and to supervisors; null otherwise. */
  code: z.string().nullable(),
  /** The QR of the pickup reference the customer shows (an SVG), when the code is shown. */
  qrSvg: z.string().nullable(),
  readyAt: z.string(),
  expiresAt: z.string(),
  wrongCodes: z.number().int(),
  locked: z.boolean(),
  lines: z.array(PickupLineSchema),
  collectedAt: z.string().nullable(),
});
export type Pickup = z.infer<typeof PickupSchema>;

export const PickupPolicySchema = z.object({
  /** Hours a ready pickup waits for its customer before it expires (no-show). */
  holdHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** What expiry does to an order nothing of which was collected. */
  onNoShow: z.enum(['cancel']),
  /** Whether the customer may take part of the order (the rest waits until expiry or is declined). */
  allowPartial: z.boolean(),
});
export type PickupPolicy = z.infer<typeof PickupPolicySchema>;

const SUPERVISORS: readonly Role[] = ['supervisor'];
const orderId = OrderIdSchema;
const stationId = z.string().trim().min(1).max(64).optional();

export const pickupContract = {
  /** A location's counter: pickups ready or partly collected, the soonest to expire first. */
  'pickup.list': {
    kind: 'query',
    roles: FLOOR_ROLES,
    input: z.object({ locationId: z.string().trim().min(1).max(64), includeClosed: z.boolean().default(false) }),
    output: z.array(PickupSchema),
  },
  /** One order's pickup (the code only for supervisors). */
  'pickup.get': { kind: 'query', roles: FLOOR_ROLES, input: z.object({ orderId }), output: PickupSchema.nullable() },
  /** A packed store-pickup order is ready at its pickup location: a code is made and the bag label prints. */
  'pickup.ready': {
    kind: 'command',
    roles: FLOOR_ROLES,
    input: z.object({ orderId, print: z.boolean().default(true), stationId }),
    output: z.object({ pickup: PickupSchema, printJob: PrintJobSchema.nullable() }),
  },
  /**
   * Hand-over at the counter: the code the customer shows, and the units they take (absent = all
   * that is left). `declineRest` closes the pickup with what was taken; the rest goes back to stock.
   */
  'pickup.handover': {
    kind: 'command',
    roles: FLOOR_ROLES,
    input: z.object({
      orderId,
      code: z.string().trim().min(1, { error: 'code is required: type or scan the code the customer shows' }).max(32),
      lines: z
        .array(z.object({ sku: z.string().trim().min(1).max(64), quantity: z.number().int().min(1).max(10_000) }))
        .min(1)
        .max(500)
        .optional(),
      declineRest: z.boolean().default(false),
    }),
    output: z.object({ pickup: PickupSchema, order: OrderSchema }),
  },
  /** A new code for a locked or compromised pickup (the old one stops working). */
  'pickup.reissueCode': { kind: 'command', roles: SUPERVISORS, input: z.object({ orderId }), output: PickupSchema },
  /** The pickup policy (hold time, no-show). */
  'pickup.policy': { kind: 'query', roles: FLOOR_ROLES, input: z.object({}).default({}), output: PickupPolicySchema },
  'pickup.setPolicy': { kind: 'command', roles: SUPERVISORS, input: PickupPolicySchema, output: PickupPolicySchema },
} as const;
