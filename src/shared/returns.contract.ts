import { z } from 'zod';
import { FLOOR_ROLES, type Role } from './roles';
import { OrderIdSchema } from './order.schema';
import {
  DISPOSITIONS,
  ITEM_CONDITIONS,
  POLICY_REASONS,
  POLICY_VERDICTS,
  RECEIPT_OUTCOMES,
  RETURN_ITEM_STATES,
  REFUND_GATES,
  RESOLUTIONS,
  RETURN_METHODS,
  RETURN_STATUSES,
  ReturnPolicySettingsSchema,
} from './returns';

/**
 * Returns (RMA): requested from the desk, the API, a channel or a store counter; decided by the
 * return policy (approved at once, waiting in the approvals queue, or refused with the reason);
 * received at a store or DC by scanning the return's number — the units go to the location's
 * non-sellable returns stock — then inspected, each item given a disposition (restock moves it to
 * sellable stock); the customer is refunded, exchanged or credited, and told at each step.
 */

export const PolicyReasonItemSchema = z.object({
  code: z.enum(POLICY_REASONS),
  sku: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type PolicyReasonItem = z.infer<typeof PolicyReasonItemSchema>;

/**
 * One item's inspection: its disposition, and whether it is accepted as the customer declared it
 * (default) or rejected — with the reason, kept on the return's line. A rejected item is not
 * refunded where the refund waits for inspection; a wrong item is always rejected.
 */
export const InspectLineSchema = z
  .object({
    lineNo: z.number().int().min(1),
    disposition: z.enum(DISPOSITIONS),
    accepted: z.boolean().default(true),
    rejectionReason: z.string().trim().min(1).max(500).optional(),
  })
  .refine((l) => l.accepted || !!l.rejectionReason, {
    path: ['rejectionReason'],
    error: 'rejectionReason: say why the item is rejected (the customer is told), e.g. "used beyond trying on"',
  });
export type InspectLine = z.infer<typeof InspectLineSchema>;

export const ReturnLineSchema = z.object({
  lineNo: z.number().int(),
  sku: z.string(),
  productName: z.string().nullable(),
  quantity: z.number().int(),
  unitPrice: z.number(),
  /** The return reason's code (see the settings' reasons list). */
  reason: z.string(),
  condition: z.enum(ITEM_CONDITIONS),
  verdict: z.enum(POLICY_VERDICTS),
  /** Units received (at most `quantity`), and how the receipt went. */
  received: z.number().int(),
  receiptOutcome: z.enum(RECEIPT_OUTCOMES).nullable(),
  disposition: z.enum(DISPOSITIONS).nullable(),
  /** The inspection's verdict on the item (null until inspected), and why it was rejected. */
  acceptance: z.enum(['accepted', 'rejected']).nullable(),
  rejectionReason: z.string().nullable(),
  /** Where the item is in its life ({@link RETURN_ITEM_TRANSITIONS}). */
  state: z.enum(RETURN_ITEM_STATES),
});
export type ReturnLine = z.infer<typeof ReturnLineSchema>;

export const ReturnSchema = z.object({
  id: z.string(),
  /** The number people say and scan (R-1042 is number 1042). */
  number: z.number().int(),
  orderId: z.string(),
  orderNumber: z.number().int(),
  customerName: z.string().nullable(),
  status: z.enum(RETURN_STATUSES),
  source: z.enum(['desk', 'api', 'channel', 'store', 'carrier']),
  method: z.enum(RETURN_METHODS),
  resolution: z.enum(RESOLUTIONS),
  /** Where it is (to be) received. */
  locationId: z.string().nullable(),
  verdict: z.enum(POLICY_VERDICTS),
  reasons: z.array(PolicyReasonItemSchema),
  legalWithdrawal: z.boolean(),
  /** Argentina's "botón de arrepentimiento": the withdrawal's procedure code, sent to the customer. */
  procedureCode: z.string().nullable(),
  /** The value of the lines returned (quantity × unit price), in the order's currency. */
  value: z.number(),
  currency: z.string(),
  notes: z.string().nullable(),
  photos: z.array(z.string()),
  requestedBy: z.string(),
  requestedAt: z.string(),
  /** When a return waiting for review should be decided (the queue's SLA). */
  dueAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  /** Until when its return label is valid (an approved return not sent back by then expires). */
  labelExpiresAt: z.string().nullable(),
  refundedAmount: z.number().nullable(),
  refundedAt: z.string().nullable(),
  lines: z.array(ReturnLineSchema),
  /** The return label bought from a carrier and sent to the customer as a link (null: none). */
  carrierLabel: z
    .object({
      status: z.enum(['pending', 'created', 'failed']),
      carrierAccountId: z.string(),
      trackingNumber: z.string().nullable(),
      trackingUrl: z.string().nullable(),
      /** The link the customer was sent (the label as the carrier made it). */
      url: z.string().nullable(),
      /** When the carrier first scanned the parcel (it is on its way back). */
      firstScanAt: z.string().nullable(),
      error: z.string().nullable(),
      /** A courier pickup at the customer's address: the day (YYYY-MM-DD) and the carrier's confirmation. */
      pickupDate: z.string().nullable(),
      pickupConfirmation: z.string().nullable(),
    })
    .nullable(),
  updatedAt: z.string(),
});
export type Return = z.infer<typeof ReturnSchema>;

export const ReturnEventSchema = z.object({
  at: z.string(),
  type: z.string(),
  fromStatus: z.enum(RETURN_STATUSES).nullable(),
  toStatus: z.enum(RETURN_STATUSES).nullable(),
  actor: z.string(),
  reason: z.string().nullable(),
});
export type ReturnEvent = z.infer<typeof ReturnEventSchema>;

export const ReturnSettingsSchema = z.object({
  policy: ReturnPolicySettingsSchema.prefault({}),
  /** The reasons a customer may give: data, not code. */
  reasons: z
    .array(z.object({ code: z.string().regex(/^[a-z0-9_]{2,40}$/), label: z.string().min(1).max(120) }))
    .min(1)
    .default([
      { code: 'changed_mind', label: 'Cambié de opinión' },
      { code: 'wrong_size', label: 'Talle o medida equivocada' },
      { code: 'defective', label: 'Llegó fallado' },
      { code: 'not_as_described', label: 'No es lo que se describía' },
      { code: 'wrong_item', label: 'Llegó otro producto' },
      { code: 'late', label: 'Llegó tarde' },
    ]),
  /**
   * A channel's reason codes (lower case: Shopify's `size_too_small`, `color`, …) and the reason of
   * the list above each becomes; a channel's code that is already one of the list's codes needs none.
   */
  channelReasons: z.record(z.string().regex(/^[a-z0-9_]{2,40}$/), z.string().regex(/^[a-z0-9_]{2,40}$/)).default(() => ({
    size_too_small: 'wrong_size',
    size_too_large: 'wrong_size',
    unwanted: 'changed_mind',
    style: 'changed_mind',
    color: 'changed_mind',
    other: 'changed_mind',
    unknown: 'changed_mind',
  })),
  /**
   * Return labels bought from a carrier for returns the customer ships back (method
   * `carrier_label`): the carrier account and service, and the public address of this engine's
   * HTTP host, where the customer's link to the label points. Null: Atalaya's own label, printed
   * at the station.
   */
  returnCarrier: z
    .object({
      accountId: z.string().trim().min(1),
      service: z.string().trim().min(1),
      publicUrl: z.url({
        protocol: /^https?$/,
        error: 'publicUrl: the https address customers reach this engine at, e.g. https://oms.tienda.com.ar',
      }),
    })
    .nullable()
    .default(null),
  /** Up to which return value each role may approve (null: no limit). */
  approvalLimits: z
    .object({ planner: z.number().min(0).nullable(), supervisor: z.number().min(0).nullable() })
    .default({ planner: 200_000, supervisor: null }),
  /** When the refund is issued. */
  refundGate: z.enum(REFUND_GATES).default('inspection'),
  /** Hours a return waiting for review may wait (the queue's SLA). */
  reviewSlaHours: z.number().int().min(1).max(720).default(24),
  /** Days a return label is valid: an approved return not sent back (nor received) by then expires. */
  labelValidityDays: z.number().int().min(1).max(365).default(15),
});
export type ReturnSettings = z.infer<typeof ReturnSettingsSchema>;

/**
 * A return a bulk decision left undecided: why, as a code the desk words (params fill the words)
 * and as the engine's sentence. not_found: no such return; not_waiting (params: status): it is
 * not waiting for a decision; above_limit (params: value, limit): above this person's approval limit.
 */
export const ReturnRefusalSchema = z.object({
  id: z.string(),
  code: z.enum(['not_found', 'not_waiting', 'above_limit']),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  reason: z.string(),
});
export type ReturnRefusal = z.infer<typeof ReturnRefusalSchema>;

const RETURN_DESK: readonly Role[] = ['planner', 'supervisor'];
const RETURN_REQUESTERS: readonly Role[] = ['planner', 'supervisor', 'associate', 'integrator'];
const id = z.string().uuid();

export const returnsContract = {
  /** Asks for a return of some of an order's delivered units; the policy decides at once (approve, review, reject) and says why. */
  'returns.request': {
    kind: 'command',
    roles: RETURN_REQUESTERS,
    input: z.object({
      orderId: OrderIdSchema,
      lines: z
        .array(
          z.object({
            sku: z.string().trim().min(1),
            quantity: z.number().int().min(1, { error: 'quantity: at least 1 unit' }),
            reason: z.string().trim().min(1, { error: 'reason: choose one of the return reasons' }),
            condition: z.enum(ITEM_CONDITIONS).default('unopened'),
          }),
        )
        .min(1, { error: 'lines: choose at least one item to return' })
        .max(200),
      method: z.enum(RETURN_METHODS).default('store_drop_off'),
      resolution: z.enum(RESOLUTIONS).default('refund'),
      /** Where it will be dropped off or received (a store for a drop-off). */
      locationId: z.string().trim().min(1).optional(),
      notes: z.string().trim().max(2_000).optional(),
      /** References to photos kept elsewhere (URLs or file ids). */
      photos: z.array(z.string().trim().min(1).max(500)).max(10).default([]),
      /** Print the return label (at `stationId`, else this desk's station) once it is approved. */
      printLabel: z.boolean().default(true),
      stationId: z.string().trim().min(1).optional(),
    }),
    output: ReturnSchema,
  },
  /** Returns, newest first; `review`: only those waiting for a person (the approvals queue, oldest due first). */
  'returns.list': {
    kind: 'query',
    roles: FLOOR_ROLES,
    input: z
      .object({
        status: z.array(z.enum(RETURN_STATUSES)).optional(),
        review: z.boolean().default(false),
        orderId: OrderIdSchema.optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .default({ review: false, limit: 100 }),
    output: z.array(ReturnSchema),
  },
  /** One return by id or by its number (as scanned at the counter), with its history. */
  'returns.get': {
    kind: 'query',
    roles: FLOOR_ROLES,
    input: z.union([z.object({ id }), z.object({ number: z.number().int().positive() })]),
    output: z.object({ return: ReturnSchema, events: z.array(ReturnEventSchema) }).nullable(),
  },
  /**
   * Approves or rejects returns waiting for review, many at once, with a reason (required to
   * reject). A return above the person's approval limit is refused for them, named in `refused`.
   */
  'returns.decide': {
    kind: 'command',
    roles: RETURN_DESK,
    input: z
      .object({
        ids: z.array(id).min(1).max(200),
        decision: z.enum(['approve', 'reject']),
        reason: z.string().trim().max(500).optional(),
        /** Print the approved returns' labels (at `stationId`, else this desk's station). */
        printLabel: z.boolean().default(true),
        stationId: z.string().trim().min(1).optional(),
      })
      .refine((d) => d.decision === 'approve' || !!d.reason, { error: 'reason: say why the return is rejected', path: ['reason'] }),
    output: z.object({ decided: z.array(ReturnSchema), refused: z.array(ReturnRefusalSchema) }),
  },
  /** Receives a return at a location, item by item; the units go to its non-sellable returns stock. */
  'returns.receive': {
    kind: 'command',
    roles: FLOOR_ROLES,
    input: z.object({
      id,
      locationId: z.string().trim().min(1),
      lines: z
        .array(z.object({ lineNo: z.number().int().min(1), outcome: z.enum(RECEIPT_OUTCOMES), quantity: z.number().int().min(0) }))
        .min(1),
    }),
    output: ReturnSchema,
  },
  /** Inspects a received return: a disposition per item that came back (a missing one needs none); restock moves its units to sellable stock. */
  'returns.inspect': {
    kind: 'command',
    roles: FLOOR_ROLES,
    input: z.object({ id, lines: z.array(InspectLineSchema).min(1) }),
    output: ReturnSchema,
  },
  /** Withdraws a return not yet received (the customer changed their mind). */
  'returns.cancel': {
    kind: 'command',
    roles: RETURN_REQUESTERS,
    input: z.object({ id, reason: z.string().trim().min(1).max(500) }),
    output: ReturnSchema,
  },
  'returns.settings': { kind: 'query', roles: [...FLOOR_ROLES, 'admin'], input: z.object({}).default({}), output: ReturnSettingsSchema },
  'returns.saveSettings': { kind: 'command', roles: ['admin'], input: ReturnSettingsSchema, output: ReturnSettingsSchema },
} as const;
