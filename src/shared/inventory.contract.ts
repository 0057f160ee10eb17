import { z } from 'zod';
import { ANY_ROLE, FEED_ROLES } from './roles';
import { CHANNELS } from './order.schema';

/** Inventory: ATP, safety stock, ring-fences, holds with a TTL, the ledger, feeds, receipts. */

const id = z.string().trim().min(1).max(64);
const sku = z.string().trim().min(1).max(64);
const source = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9_.:-]+$/i, 'use letters, digits and _ . : - (e.g. "pos", "wms-ezeiza")');
const qty = z.number().int('expected an integer (whole units)').min(0, 'cannot be negative').max(1_000_000_000);
/** Per source and location, increasing: a feed message at or below the last applied sequence is stale and ignored. */
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const channel = z.enum(CHANNELS);

const PromiseSchema = z.object({ atp: z.number().int(), promiseDate: z.string().nullable() });

export const AtpAnswerSchema = z.object({
  sku: z.string(),
  quantity: z.number().int(),
  at: z.string(),
  locations: z.array(
    PromiseSchema.extend({
      locationId: z.string(),
      name: z.string(),
      kind: z.string(),
      lat: z.number(),
      lng: z.number(),
      onHand: z.number().int(),
      reserved: z.number().int(),
      safety: z.number().int(),
      ringFenced: z.number().int(),
      inbound: z.number().int(),
    }),
  ),
  network: PromiseSchema.extend({ safety: z.number().int(), inbound: z.number().int() }),
  channels: z.array(PromiseSchema.extend({ channel: z.string(), safety: z.number().int(), fenced: z.number().int() })),
});
export type AtpAnswerDto = z.infer<typeof AtpAnswerSchema>;

export const LedgerEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  onHandDelta: z.number().int(),
  reservedDelta: z.number().int(),
  balance: z.number().int(),
  reason: z.string(),
  actor: z.string(),
  source: z.string(),
  orderId: z.string().nullable(),
  reference: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export const SnapshotSummarySchema = z.object({
  snapshotId: z.string(),
  rows: z.number().int(),
  locations: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  zeroed: z.number().int(),
  unitsAdded: z.number().int(),
  unitsRemoved: z.number().int(),
  shortfalls: z.number().int(),
  staleLocations: z.array(z.string()).optional(),
});

/** Where the SKU sits at the location ("A03-12-2": aisle, bay, level): the floor walks bins in order. Left out = unchanged. */
const bin = z
  .string()
  .trim()
  .min(1, { error: 'bin must not be empty: leave it out to keep the bin as it is' })
  .max(32, { error: 'bin is at most 32 characters (aisle-bay-level, e.g. A03-12-2)' });

export const SnapshotRowSchema = z.object({ locationId: id, sku, onHand: qty, bin: bin.optional() });

/** Who sends a snapshot streamed over HTTP (the CSV body itself streams into COPY, never parsed whole). */
export const SnapshotStreamHeadSchema = z.object({ source, seq: seq.optional() });

/** By `format`, so a bad JSON snapshot's issues name the row and field (`rows.3.onHand`), not just "(body): Invalid input". */
export const SnapshotInputSchema = z.discriminatedUnion('format', [
  z.object({
    source,
    seq: seq.optional(),
    format: z.literal('csv'),
    csv: z
      .string()
      .min(1)
      .max(256 * 1024 * 1024),
  }),
  z.object({ source, seq: seq.optional(), format: z.literal('json'), rows: z.array(SnapshotRowSchema).min(1).max(2_000_000) }),
]);

export const DeltaEventSchema = z
  .object({
    locationId: id,
    sku,
    seq,
    onHand: qty.optional(),
    adjust: z.number().int().min(-1_000_000_000).max(1_000_000_000).optional(),
    reason: z.string().trim().min(1).max(64).optional(),
    bin: bin.optional(),
  })
  .refine((e) => (e.onHand === undefined) !== (e.adjust === undefined), {
    message: 'give exactly one of onHand (the count now) or adjust (the change)',
    path: ['onHand'],
  });

export const ReconciliationSchema = z.object({
  snapshot: SnapshotSummarySchema.extend({ source: z.string(), actor: z.string(), appliedAt: z.string() }).nullable(),
  corrections: z.array(
    z.object({ locationId: z.string(), sku: z.string(), before: z.number().int(), reported: z.number().int(), after: z.number().int() }),
  ),
});

export const ReceiptSchema = z.object({
  id: z.string(),
  kind: z.enum(['transfer', 'purchase_order']),
  reference: z.string(),
  locationId: z.string(),
  fromLocationId: z.string().nullable(),
  sku: z.string(),
  quantity: z.number().int(),
  receivedQuantity: z.number().int().nullable(),
  expectedAt: z.string(),
  status: z.enum(['expected', 'received', 'cancelled']),
});

export const inventoryContract = {
  'inventory.atp': {
    kind: 'query',
    roles: ANY_ROLE,
    input: z.object({ sku, quantity: z.number().int().min(1).max(1_000_000).default(1) }),
    output: AtpAnswerSchema,
  },
  'inventory.ledger': {
    kind: 'query',
    roles: ANY_ROLE,
    input: z.object({ locationId: id, sku, limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({
      onHand: z.number().int().nullable(),
      reserved: z.number().int().nullable(),
      ledgerSum: z.number().int(),
      entries: z.array(LedgerEntrySchema),
    }),
  },
  'inventory.hold': {
    kind: 'command',
    roles: ['planner', 'supervisor', 'associate', 'integrator', 'system'],
    input: z.object({
      locationId: id,
      sku,
      quantity: z.number().int().min(1).max(1_000_000),
      channel,
      ref: z.string().trim().min(1).max(128),
      ttlSeconds: z
        .number()
        .int()
        .min(1)
        .max(30 * 86_400)
        .optional(),
    }),
    output: z.object({ held: z.boolean(), reservationId: z.string().nullable(), expiresAt: z.string().nullable() }),
  },
  'inventory.releaseHold': {
    kind: 'command',
    roles: ['planner', 'supervisor', 'associate', 'integrator', 'system'],
    input: z.object({ reservationId: z.string().regex(/^\d{1,18}$/, 'a reservation id is a number') }),
    output: z.object({ released: z.boolean() }),
  },
  'inventory.commitHold': {
    kind: 'command',
    roles: ['supervisor', 'associate', 'integrator', 'system'],
    input: z.object({ reservationId: z.string().regex(/^\d{1,18}$/, 'a reservation id is a number') }),
    output: z.object({ committed: z.boolean() }),
  },
  'inventory.setSafety': {
    kind: 'command',
    roles: ['supervisor', 'system'],
    input: z.discriminatedUnion('scope', [
      z.object({ scope: z.literal('location'), locationId: id, sku, quantity: qty }),
      z.object({ scope: z.literal('network'), sku, quantity: qty }),
      z.object({ scope: z.literal('channel'), channel, sku, quantity: qty }),
    ]),
    output: z.object({ ok: z.literal(true) }),
  },
  'inventory.setRingFence': {
    kind: 'command',
    roles: ['supervisor', 'system'],
    input: z.object({ locationId: id, sku, channel, quantity: qty }),
    output: z.object({ ringFenced: z.number().int() }),
  },
  'inventory.snapshot': { kind: 'command', roles: FEED_ROLES, input: SnapshotInputSchema, output: SnapshotSummarySchema },
  'inventory.deltas': {
    kind: 'command',
    roles: FEED_ROLES,
    input: z.object({ source, events: z.array(DeltaEventSchema).min(1).max(10_000) }),
    output: z.object({
      applied: z.number().int(),
      stale: z.number().int(),
      results: z.array(
        z.object({
          locationId: z.string(),
          sku: z.string(),
          seq: z.number(),
          status: z.enum(['applied', 'stale']),
          applied: z.number().int().optional(),
          shortfall: z.number().int().optional(),
        }),
      ),
    }),
  },
  'inventory.reconciliation': {
    kind: 'query',
    roles: ANY_ROLE,
    input: z.object({
      snapshotId: z
        .string()
        .regex(/^\d{1,18}$/)
        .optional(),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    output: ReconciliationSchema,
  },
  'inventory.expectReceipt': {
    kind: 'command',
    roles: ['planner', 'supervisor', 'integrator', 'system'],
    input: z.object({
      kind: z.enum(['transfer', 'purchase_order']),
      reference: z.string().trim().min(1).max(128),
      locationId: id,
      fromLocationId: id.optional(),
      sku,
      quantity: z.number().int().min(1).max(1_000_000_000),
      expectedAt: z.iso.datetime({ offset: true }),
    }),
    output: ReceiptSchema,
  },
  'inventory.receive': {
    kind: 'command',
    roles: ['supervisor', 'associate', 'integrator', 'system'],
    input: z.object({ receiptId: z.string().regex(/^\d{1,18}$/, 'a receipt id is a number'), quantity: qty.optional() }),
    output: ReceiptSchema,
  },
  'inventory.receipts': { kind: 'query', roles: ANY_ROLE, input: z.object({ sku }), output: z.array(ReceiptSchema) },
} as const;
