import { z } from 'zod';
import { FLOOR_ROLES } from './roles';
import { OrderIdSchema, OrderSchema } from './order.schema';
import { PrintJobSchema } from './printing.contract';

/**
 * Pick work and packing at a location.
 *
 * The fulfilment orders a location has to pick are grouped into **waves** by carrier cut-off,
 * promise date and priority (`picking.work` suggests them; `picking.releaseWave` releases one and
 * prints its pick list). A wave is picked as a batch: one walk through the bins in order, then each
 * unit is sorted to its order's slot (A, B, C…). A keyboard-wedge scanner types the SKU or EAN and
 * Enter (`picking.scan`); a wrong item is refused with a clear message. Completing the wave reports
 * each order's pick: what was found moves the order to picked, what was not goes into the existing
 * short-pick flow. Packing puts a picked order's units into parcels (weight and dimensions), prints
 * the packing slip and the labels, and leaves the parcels ready to ship for the carrier.
 */

const locationId = z
  .string({ error: 'locationId is required: the store or warehouse whose floor you work (see locations.list)' })
  .trim()
  .min(1, { error: 'locationId is required: the store or warehouse whose floor you work (see locations.list)' })
  .max(64);
const waveId = z.string().trim().min(1, { error: 'waveId is required' }).max(64);
const stationId = z.string().trim().min(1).max(64).optional();

export const WAVE_STATUSES = ['released', 'completed', 'cancelled'] as const;
export type WaveStatus = (typeof WAVE_STATUSES)[number];

/** Why a fulfilment order sits where it does in the work list. */
export const PickCandidateSchema = z.object({
  fulfilmentOrderId: z.string(),
  orderId: z.string(),
  number: z.number().int(),
  customerName: z.string(),
  deliveryType: z.enum(['home_delivery', 'store_pickup']),
  /** The location's carrier cut-off this order must make (ISO time today or the next working day), null for store pickup. */
  cutoffAt: z.string().nullable(),
  promisedAt: z.string().nullable(),
  /** 1 (vip) … 4 (standard). */
  priority: z.number().int(),
  units: z.number().int(),
  lines: z.number().int(),
  assignedAt: z.string(),
});
export type PickCandidate = z.infer<typeof PickCandidateSchema>;

/** One bin visit of a batch walk: an SKU, where it is, how many in all, and which order gets how many. */
export const WaveLineSchema = z.object({
  seq: z.number().int(),
  sku: z.string(),
  ean: z.string().nullable(),
  productName: z.string().nullable(),
  /** Aisle-bin code at this location ("A03-12-2"); null = not binned (walked last). */
  bin: z.string().nullable(),
  quantity: z.number().int(),
  picked: z.number().int(),
  /** Sort to orders: the slot (A, B, …) and units of each order in the wave. */
  orders: z.array(
    z.object({
      fulfilmentOrderId: z.string(),
      orderNumber: z.number().int(),
      slot: z.string(),
      quantity: z.number().int(),
      picked: z.number().int(),
    }),
  ),
});
export type WaveLine = z.infer<typeof WaveLineSchema>;

export const WaveSchema = z.object({
  id: z.string(),
  /** People's name for it: "W-12". */
  code: z.string(),
  locationId: z.string(),
  status: z.enum(WAVE_STATUSES),
  /** What grouped these orders ("cut-off 16:00", "promised today", "store pickup"). */
  groupedBy: z.string(),
  cutoffAt: z.string().nullable(),
  orders: z.array(
    z.object({
      fulfilmentOrderId: z.string(),
      orderId: z.string(),
      orderNumber: z.number().int(),
      slot: z.string(),
      customerName: z.string(),
      units: z.number().int(),
      picked: z.number().int(),
    }),
  ),
  units: z.number().int(),
  picked: z.number().int(),
  releasedBy: z.string(),
  releasedAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Wave = z.infer<typeof WaveSchema>;

export const WaveDetailSchema = WaveSchema.extend({ lines: z.array(WaveLineSchema) });
export type WaveDetail = z.infer<typeof WaveDetailSchema>;

/** A suggested wave: orders that belong together and why. */
export const WaveSuggestionSchema = z.object({
  groupedBy: z.string(),
  cutoffAt: z.string().nullable(),
  fulfilmentOrderIds: z.array(z.string()),
  units: z.number().int(),
});

export const ParcelSchema = z.object({
  id: z.string(),
  /** Printed on the label as a barcode: "AT1043-1"; the tracking reference until a carrier gives one. */
  code: z.string(),
  orderId: z.string(),
  orderNumber: z.number().int(),
  locationId: z.string(),
  seq: z.number().int(),
  of: z.number().int(),
  weightGrams: z.number().int(),
  lengthMm: z.number().int().nullable(),
  widthMm: z.number().int().nullable(),
  heightMm: z.number().int().nullable(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
  /** packed → ready_to_ship (handed to the carrier issue) → shipped. */
  status: z.enum(['ready_to_ship', 'shipped', 'cancelled']),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  createdAt: z.string(),
});
export type Parcel = z.infer<typeof ParcelSchema>;

const mm = z.number().int().min(1).max(5_000);

export const ParcelInputSchema = z.object({
  /** Absent = the sum of the product master's weights of the units in it. */
  weightGrams: z.number().int().min(1).max(1_000_000).optional(),
  lengthMm: mm.optional(),
  widthMm: mm.optional(),
  heightMm: mm.optional(),
  /** Absent on a single parcel = every unit of the order picked here. */
  lines: z
    .array(z.object({ sku: z.string().trim().min(1).max(64), quantity: z.number().int().min(1).max(10_000) }))
    .min(1)
    .max(500)
    .optional(),
});

export const pickingContract = {
  /**
   * A location's pick work: the released waves still open and the fulfilment orders waiting to be
   * picked (in priority order), with suggested waves.
   */
  'picking.work': {
    kind: 'query',
    roles: FLOOR_ROLES,
    input: z.object({ locationId }),
    output: z.object({
      location: z.object({ id: z.string(), name: z.string(), carrierCutoff: z.string().nullable() }),
      waves: z.array(WaveSchema),
      waiting: z.array(PickCandidateSchema),
      suggestions: z.array(WaveSuggestionSchema),
    }),
  },
  /**
   * Releases a wave: the given fulfilment orders, or the first suggestion (up to `maxOrders`). Its
   * pick list prints at the station's pick-list printer unless `print` is false.
   */
  'picking.releaseWave': {
    kind: 'command',
    roles: FLOOR_ROLES,
    input: z.object({
      locationId,
      fulfilmentOrderIds: z
        .array(z.uuid({ error: 'not a fulfilment order id: use the ids picking.work lists (waiting[].fulfilmentOrderId)' }))
        .min(1)
        .max(100)
        .optional(),
      maxOrders: z.number().int().min(1).max(100).default(12),
      print: z.boolean().default(true),
      stationId,
    }),
    output: z.object({ wave: WaveDetailSchema, printJob: PrintJobSchema.nullable() }),
  },
  /** One wave with its walk (lines in bin order) and sort-to-order slots. */
  'picking.wave': { kind: 'query', roles: FLOOR_ROLES, input: z.object({ waveId }), output: WaveDetailSchema },
  /**
   * A scan during the walk: the SKU or EAN (as a keyboard-wedge scanner types it). Refused when the
   * item is not on the wave or all its units are already picked; otherwise says which slot to sort to.
   */
  'picking.scan': {
    kind: 'command',
    roles: FLOOR_ROLES,
    input: z.object({
      waveId,
      code: z.string().trim().min(1, { error: 'code is required: scan the item (SKU or EAN)' }).max(64),
      quantity: z.number().int().min(1).max(1_000).default(1),
    }),
    output: z.object({
      sku: z.string(),
      seq: z.number().int(),
      /** Where the unit(s) go. */
      sortTo: z.array(z.object({ slot: z.string(), orderNumber: z.number().int(), quantity: z.number().int() })),
      linePicked: z.number().int(),
      lineQuantity: z.number().int(),
      wavePicked: z.number().int(),
      waveUnits: z.number().int(),
    }),
  },
  /**
   * Ends the walk: each order of the wave is reported with what was scanned for it. Full picks move
   * the order to picked; short ones go into the short-pick flow (`fulfilment.shortPick`).
   */
  'picking.completeWave': {
    kind: 'command',
    roles: FLOOR_ROLES,
    input: z.object({ waveId }),
    output: z.object({
      wave: WaveSchema,
      orders: z.array(
        z.object({
          orderId: z.string(),
          orderNumber: z.number().int(),
          outcome: z.string(),
          shortfall: z.array(z.object({ sku: z.string(), ordered: z.number().int(), picked: z.number().int() })),
        }),
      ),
    }),
  },
  /** A released wave is given up: its orders go back to waiting. */
  'picking.cancelWave': { kind: 'command', roles: FLOOR_ROLES, input: z.object({ waveId }), output: WaveSchema },
  /**
   * Packs a picked order into parcels: the order moves to packed, the parcels are ready to ship,
   * the packing slip and one label per parcel print (unless `print` is false).
   */
  'packing.pack': {
    kind: 'command',
    roles: FLOOR_ROLES,
    input: z.object({
      orderId: OrderIdSchema,
      locationId: locationId.optional(),
      parcels: z.array(ParcelInputSchema).min(1, { error: 'parcels must list at least one parcel' }).max(50),
      print: z.boolean().default(true),
      stationId,
    }),
    output: z.object({ order: OrderSchema, parcels: z.array(ParcelSchema), printJobs: z.array(PrintJobSchema) }),
  },
  /** An order's parcels. */
  'packing.parcels': { kind: 'query', roles: FLOOR_ROLES, input: z.object({ orderId: OrderIdSchema }), output: z.array(ParcelSchema) },
} as const;
