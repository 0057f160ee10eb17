import { z } from 'zod';
import { DESK_ROLES } from './roles';

/**
 * The one exception inbox: everything that waits for a person, whatever module it comes from, in
 * one list sorted by when it is due. Each kind has a default service level (minutes from when it
 * started waiting to when a person should have dealt with it); items are "taken" by one person at a
 * time, and a supervisor may take one over from someone else.
 */
export const EXCEPTION_KINDS = [
  'intake_quarantine',
  'unroutable',
  'store_rejection',
  'carrier_exception',
  'late_order',
  'failed_notification',
  'return_review',
  'print_failure',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** Minutes from `since` to the item's SLA due time, per kind: the one table the inbox's timers read. */
export const EXCEPTION_SLA_MINUTES: Readonly<Record<ExceptionKind, number>> = {
  intake_quarantine: 30,
  unroutable: 60,
  store_rejection: 30,
  carrier_exception: 120,
  late_order: 0,
  failed_notification: 60,
  return_review: 24 * 60,
  print_failure: 15,
};

export const ExceptionKindSchema = z.enum(EXCEPTION_KINDS);
/** Whose items to show: the caller's, nobody's, or everyone's. */
export const EXCEPTION_OWNERS = ['all', 'mine', 'nobody'] as const;

/** An inbox row's number or a UUID: the ids the modules give the things that wait. */
const refId = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'an exception ref id is an inbox number or a UUID');

export const ExceptionOwnerSchema = z.object({
  userId: z.string(),
  name: z.string(),
  takenAt: z.string(),
});
export type ExceptionOwner = z.infer<typeof ExceptionOwnerSchema>;

export const ExceptionItemSchema = z.object({
  kind: ExceptionKindSchema,
  /** The thing's own id in its module (an inbox row, an order, an alert, a message, a return, a print job). */
  refId: z.string(),
  orderId: z.string().nullable(),
  /** The order's number, so the desk shows a link and never a UUID. */
  orderNumber: z.number().int().nullable(),
  /** Why it needs a person, as reason codes (src/shared/reasons.ts) the desk translates; `reason` is the English sentence. */
  reasonCodes: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.string()) })),
  reason: z.string(),
  /** Since when it has been waiting. */
  since: z.string(),
  slaDueAt: z.string(),
  owner: ExceptionOwnerSchema.nullable(),
  /** What a row's one-click actions need, per kind (an inbox row's status, a return's number, an alert's reason…). */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type ExceptionItem = z.infer<typeof ExceptionItemSchema>;

export const ExceptionListQuerySchema = z
  .object({
    kinds: z.array(ExceptionKindSchema).max(EXCEPTION_KINDS.length).optional(),
    owner: z.enum(EXCEPTION_OWNERS).default('all'),
    page: z.number().int().min(0).default(0),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .default({ owner: 'all', page: 0, pageSize: 50 });
export type ExceptionListQuery = z.infer<typeof ExceptionListQuerySchema>;

export const ExceptionPageSchema = z.object({
  rows: z.array(ExceptionItemSchema),
  /** Items that match the filter (kind and owner). */
  total: z.number().int(),
  /** Items per kind under the owner filter (every kind, for the filter chips). */
  counts: z.record(z.string(), z.number().int()),
  /** The database's clock when the page was read: timers count from it. */
  asOf: z.string(),
});
export type ExceptionPage = z.infer<typeof ExceptionPageSchema>;

const ItemKeySchema = z.object({ kind: ExceptionKindSchema, refId });

export const ExceptionClaimSchema = z.object({ kind: ExceptionKindSchema, refId: z.string(), owner: ExceptionOwnerSchema.nullable() });
export type ExceptionClaim = z.infer<typeof ExceptionClaimSchema>;

export const exceptionsContract = {
  /** Everything waiting for a person, sorted by SLA due time (the most overdue first), filtered by kind and owner. */
  'exceptions.list': { kind: 'query', roles: DESK_ROLES, input: ExceptionListQuerySchema, output: ExceptionPageSchema },
  /**
   * "I take it": the item is the caller's until released. Someone else's item is refused with
   * ALREADY_TAKEN, unless a supervisor takes it over (`steal: true`). An item that no longer needs a
   * person is refused with NOT_FOUND.
   */
  'exceptions.take': {
    kind: 'command',
    roles: DESK_ROLES,
    input: ItemKeySchema.extend({ steal: z.boolean().default(false) }),
    output: ExceptionClaimSchema,
  },
  /** Gives an item back (the caller's own; a supervisor may release anyone's). */
  'exceptions.release': { kind: 'command', roles: DESK_ROLES, input: ItemKeySchema, output: ExceptionClaimSchema },
} as const;
