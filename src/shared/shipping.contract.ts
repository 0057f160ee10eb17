import { z } from 'zod';
import { ADMIN_ONLY, DESK_ROLES, FLOOR_ROLES, SUPERVISOR_ONLY, type Role } from './roles';
import { OrderIdSchema } from './order.schema';
import { PrintJobSchema } from './printing.contract';
import { SHIPMENT_STATUSES } from './shipment-lifecycle';

/**
 * Carriers and the last mile. A packed home-delivery parcel becomes a shipment: the engine rate-shops
 * the enabled carrier accounts (cost and promise, the carrier's measured on-time rate per region),
 * records the choice with every option it weighed (like the sourcing decision), buys the label from
 * the carrier (at once, or later for carriers that create labels asynchronously) and prints it at the
 * station that packed. Tracking arrives by webhook (a hint: verified, re-fetched, de-duplicated) and
 * by polling in batches; each event keeps three layers — normalised status, reason code, the
 * carrier's raw code and text. The order follows its shipments (shipped, delivered). Delay rules
 * raise alerts for the desk (the exception inbox, the "why late" board) and order events for
 * customer notifications.
 */

/** The carriers Atalaya speaks to. `simulator` is the built-in sandbox carrier (also the demo's). */
export const CARRIER_KINDS = ['simulator', 'andreani', 'oca', 'mercadoenvios', 'envia', 'melhorenvio'] as const;
export type CarrierKind = (typeof CARRIER_KINDS)[number];

/** What a carrier can do (per kind; the desk shows it, the engine uses only what is there). */
export const CarrierCapabilitiesSchema = z.object({
  quote: z.boolean(),
  /** `sync`: the label comes with the shipment; `async`: later (pending → created/rejected); `none`: no label (Mercado Envíos Flex). */
  label: z.enum(['sync', 'async', 'none']),
  labelFormats: z.array(z.enum(['zpl', 'pdf'])),
  cancel: z.boolean(),
  manifest: z.boolean(),
  pickupBooking: z.boolean(),
  branches: z.boolean(),
  webhook: z.boolean(),
  polling: z.boolean(),
});
export type CarrierCapabilities = z.infer<typeof CarrierCapabilitiesSchema>;

/** Why a shipment is late or needs a person. Each raises an alert (exception inbox, late board) and an order event. */
export const DELAY_REASONS = [
  /** No first carrier scan by the cut-off + 1 business day. */
  'no_first_scan',
  /** No scan for N business days while in transit. */
  'stalled',
  /** The carrier's ETA is later than the promise. */
  'eta_after_promise',
  /** The carrier's ETA moved later. */
  'eta_slipping',
  /** The promised date passed and the parcel is not delivered. */
  'promise_passed',
  /** The carrier reported an exception, a failed attempt, a return or a loss. */
  'carrier_exception',
  /** Waiting at a branch for the customer too long. */
  'waiting_at_branch',
  /** The carrier refused to create the label (choose another carrier or fix the address). */
  'label_rejected',
] as const;
export type DelayReason = (typeof DELAY_REASONS)[number];

export const MoneySchema = z.object({ amount: z.number(), currency: z.string().length(3) });

export const TrackingEventSchema = z.object({
  id: z.string(),
  /** Normalised status; null when the carrier's code is unknown to us (kept, shown, not applied). */
  status: z.enum(SHIPMENT_STATUSES).nullable(),
  /** Why, as a reason code (`address_not_found`, `customer_absent`, `damaged`, …), or null. */
  reason: z.string().nullable(),
  carrierCode: z.string(),
  carrierText: z.string(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  source: z.enum(['webhook', 'poll', 'label', 'manual', 'system']),
  /** Whether it moved the shipment (an older or backward event is kept but not applied). */
  applied: z.boolean(),
  location: z.string().nullable(),
});
export type TrackingEvent = z.infer<typeof TrackingEventSchema>;

export const ShipmentSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.number().int(),
  parcelId: z.string().nullable(),
  parcelCode: z.string().nullable(),
  locationId: z.string(),
  carrierAccountId: z.string().nullable(),
  /** `manual` for a hand-over recorded without a carrier account. */
  carrier: z.string(),
  carrierName: z.string(),
  service: z.string().nullable(),
  status: z.enum(SHIPMENT_STATUSES),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable(),
  labelFormat: z.enum(['zpl', 'pdf']).nullable(),
  promisedAt: z.string().nullable(),
  etaAt: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  /** The last failure talking to the carrier about this shipment (label, cancel), for a person. */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  events: z.array(TrackingEventSchema),
});
export type Shipment = z.infer<typeof ShipmentSchema>;

/** One option the rate shop weighed. */
export const RateOptionSchema = z.object({
  carrierAccountId: z.string(),
  carrier: z.enum(CARRIER_KINDS),
  carrierName: z.string(),
  service: z.string(),
  serviceName: z.string(),
  price: MoneySchema.nullable(),
  transitDays: z.number().int().nullable(),
  /** When it would arrive if handed over at the next cut-off (ISO). */
  etaAt: z.string().nullable(),
  meetsPromise: z.boolean().nullable(),
  /** The carrier's measured on-time rate in the destination region (0–1), null with too little history. */
  onTimeRate: z.number().min(0).max(1).nullable(),
  /** Lower is better; null for an excluded option. */
  score: z.number().nullable(),
  /** Why it was left out (no quote, failed to answer, cannot carry this parcel…), or null. */
  excluded: z.string().nullable(),
});
export type RateOption = z.infer<typeof RateOptionSchema>;

export const ShippingDecisionSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  locationId: z.string(),
  carrierAccountId: z.string(),
  service: z.string(),
  /** Ranked best first; the chosen one is first unless a supervisor chose another. */
  options: z.array(RateOptionSchema),
  /** A sentence: why this carrier and service, not the next one. */
  explanation: z.string(),
  promisedAt: z.string().nullable(),
  cutoffAt: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  /** A supervisor's choice over the engine's, with their reason. */
  overridden: z.boolean(),
  reason: z.string().nullable(),
});
export type ShippingDecision = z.infer<typeof ShippingDecisionSchema>;

export const ShipmentAlertSchema = z.object({
  id: z.string(),
  shipmentId: z.string(),
  orderId: z.string(),
  orderNumber: z.number().int(),
  locationId: z.string(),
  carrier: z.string(),
  carrierName: z.string(),
  trackingNumber: z.string().nullable(),
  reason: z.enum(DELAY_REASONS),
  /** What happened, in a sentence for the desk. */
  detail: z.string(),
  status: z.enum(['open', 'resolved']),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  promisedAt: z.string().nullable(),
  region: z.string().nullable(),
});
export type ShipmentAlert = z.infer<typeof ShipmentAlertSchema>;

export const LateBoardSchema = z.object({
  /** Open alerts grouped by reason and carrier, biggest group first. */
  groups: z.array(
    z.object({
      reason: z.enum(DELAY_REASONS),
      carrier: z.string(),
      carrierName: z.string(),
      count: z.number().int(),
      oldestRaisedAt: z.string(),
    }),
  ),
  alerts: z.array(ShipmentAlertSchema),
  /** On-time rate per carrier and region over the last 90 days (delivered shipments with a promise). */
  onTime: z.array(
    z.object({ carrier: z.string(), region: z.string(), delivered: z.number().int(), onTime: z.number().int(), rate: z.number() }),
  ),
});
export type LateBoard = z.infer<typeof LateBoardSchema>;

export const CarrierAccountSchema = z.object({
  id: z.string(),
  kind: z.enum(CARRIER_KINDS),
  name: z.string(),
  enabled: z.boolean(),
  settings: z.record(z.string(), z.string()),
  /** Names of the secrets that are set (values are write-only, encrypted at rest). */
  secretsSet: z.array(z.string()),
  capabilities: CarrierCapabilitiesSchema,
  /** The webhook URL path to give the carrier (under the engine's public address). */
  webhookPath: z.string(),
  /** The circuit breaker's state: `open` = calls are paused after repeated failures. */
  circuit: z.enum(['closed', 'open', 'half_open']),
  updatedAt: z.string(),
});
export type CarrierAccount = z.infer<typeof CarrierAccountSchema>;

export const ShippingPolicySchema = z.object({
  /** Rate shop: how much one day late weighs against price (in the price's currency units per day). */
  lateDayCost: z.number().min(0).max(1_000_000),
  /** Options whose measured on-time rate in the region is below this are left out (0 = never). */
  minOnTimeRate: z.number().min(0).max(1),
  /** Hours from sourcing to hand-over (pick and pack), for the promise. */
  handlingHours: z.number().int().min(0).max(240),
  /** Business days without a scan in transit before it counts as stalled. */
  stalledBusinessDays: z.number().int().min(1).max(30),
  /** Days a parcel may wait at a branch before an alert. */
  branchWaitDays: z.number().int().min(1).max(60),
  /** Country whose public holidays are not business days (ISO 3166-1 alpha-2). */
  holidayCountry: z.string().length(2).toUpperCase(),
});
export type ShippingPolicy = z.infer<typeof ShippingPolicySchema>;

export const ManifestSchema = z.object({
  id: z.string(),
  carrierAccountId: z.string(),
  locationId: z.string(),
  externalId: z.string().nullable(),
  shipments: z.number().int(),
  pickupConfirmation: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export const BranchSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  postalCode: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
});
export type Branch = z.infer<typeof BranchSchema>;

const id = z.string().trim().min(1).max(64);
const accountId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { error: 'lowercase letters, digits and dashes, 2–40 characters (e.g. andreani-ar)' });
const shipmentId = z.uuid({ error: 'not a shipment id: shipments are named by a UUID, as shown in the order detail' });
const reason = z.string().trim().min(3, { error: 'say why (at least 3 characters)' }).max(500);
const settings = z.record(z.string().trim().min(1).max(64), z.string().max(2_000));
const secrets = z.record(z.string().trim().min(1).max(64), z.string().max(8_000));
const ACCOUNT_READERS: readonly Role[] = ['planner', 'supervisor', 'admin'];

export const shippingContract = {
  /** An order's shipments (with their tracking) and the rate shop's decision per packing location. */
  'shipping.forOrder': {
    kind: 'query',
    roles: FLOOR_ROLES,
    input: z.object({ orderId: OrderIdSchema }),
    output: z.object({ decisions: z.array(ShippingDecisionSchema), shipments: z.array(ShipmentSchema) }),
  },
  /** Quotes every enabled carrier for what an order has packed at a location, without choosing (live calls). */
  'shipping.quote': {
    kind: 'query',
    roles: DESK_ROLES,
    input: z.object({ orderId: OrderIdSchema, locationId: id.optional() }),
    output: z.array(RateOptionSchema),
  },
  /**
   * A supervisor chooses the carrier and service for what an order packed at a location: labels not
   * yet handed over are cancelled at the old carrier and bought from the new one; the decision
   * records both, with the reason.
   */
  'shipping.choose': {
    kind: 'command',
    roles: SUPERVISOR_ONLY,
    input: z.object({ orderId: OrderIdSchema, locationId: id.optional(), carrierAccountId: accountId, service: id, reason }),
    output: ShippingDecisionSchema,
  },
  /** Try a shipment's label again now (after the carrier failed or rejected it). */
  'shipping.retryLabel': { kind: 'command', roles: FLOOR_ROLES, input: z.object({ shipmentId }), output: ShipmentSchema },
  /** Cancel a shipment not yet with the carrier (idempotent at the carrier). */
  'shipping.cancel': { kind: 'command', roles: SUPERVISOR_ONLY, input: z.object({ shipmentId, reason }), output: ShipmentSchema },
  /** Print a shipment's label again (a reprint needs a reason). */
  'shipping.printLabel': {
    kind: 'command',
    roles: FLOOR_ROLES,
    input: z.object({ shipmentId, stationId: id.optional(), reason: reason.optional() }),
    output: PrintJobSchema,
  },
  /** Close-out: the location's ready shipments for a carrier are manifested (and, optionally, a pickup booked). */
  'shipping.manifest': {
    kind: 'command',
    roles: FLOOR_ROLES,
    input: z.object({ locationId: id, carrierAccountId: accountId, bookPickup: z.boolean().default(false) }),
    output: ManifestSchema,
  },
  /** Shipments at a location waiting for the carrier (ready, or label pending), for the dock. */
  'shipping.dock': {
    kind: 'query',
    roles: FLOOR_ROLES,
    input: z.object({ locationId: id }),
    output: z.array(ShipmentSchema),
  },
  /** A carrier's branches / pickup points near a postcode. */
  'shipping.branches': {
    kind: 'query',
    roles: FLOOR_ROLES,
    input: z.object({ carrierAccountId: accountId, postalCode: z.string().trim().min(1).max(20) }),
    output: z.array(BranchSchema),
  },
  /** The "why late" board: open alerts grouped by reason and carrier, and on-time rates. */
  'shipping.lateBoard': { kind: 'query', roles: DESK_ROLES, input: z.object({}).default({}), output: LateBoardSchema },
  /** Shipment alerts (the exception inbox's shipping part). */
  'shipping.alerts': {
    kind: 'query',
    roles: DESK_ROLES,
    input: z.object({ status: z.enum(['open', 'resolved']).default('open'), limit: z.number().int().min(1).max(500).default(200) }),
    output: z.array(ShipmentAlertSchema),
  },
  /** A person dealt with an alert (called the customer, re-sent…). */
  'shipping.resolveAlert': {
    kind: 'command',
    roles: DESK_ROLES,
    input: z.object({ alertId: z.uuid(), note: z.string().trim().max(500).optional() }),
    output: ShipmentAlertSchema,
  },
  'shipping.policy': { kind: 'query', roles: DESK_ROLES, input: z.object({}).default({}), output: ShippingPolicySchema },
  'shipping.setPolicy': { kind: 'command', roles: SUPERVISOR_ONLY, input: ShippingPolicySchema, output: ShippingPolicySchema },
  /** Carrier accounts (never their secrets). */
  'carriers.list': { kind: 'query', roles: ACCOUNT_READERS, input: z.object({}).default({}), output: z.array(CarrierAccountSchema) },
  /** Adds or edits a carrier account; secrets are encrypted at rest and never read back. */
  'carriers.save': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: z.object({
      id: accountId,
      kind: z.enum(CARRIER_KINDS),
      name: z.string().trim().min(1).max(120),
      enabled: z.boolean().default(true),
      settings: settings.default({}),
      /** Absent keeps the stored secrets; a key with an empty value removes it. */
      secrets: secrets.optional(),
    }),
    output: CarrierAccountSchema,
  },
  /** Checks an account's credentials with a harmless call (a quote or the branch list). */
  'carriers.test': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: z.object({ id: accountId }),
    output: z.object({ ok: z.boolean(), message: z.string() }),
  },
} as const;
