import { z } from 'zod';
import { OrderStatusSchema } from './order.schema';
import { actsOnLocation, type Actor } from './roles';

/**
 * Engine events pushed live to every connected desk. They are written to the event outbox in the
 * transaction that made the change and relayed once it has committed, so a desk only ever hears of
 * committed changes, and every engine host sharing the database hears them (many desks, one database).
 */
export const EngineEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('order.changed'),
    orderId: z.string(),
    number: z.number().int(),
    status: OrderStatusSchema,
    fromStatus: OrderStatusSchema.nullable(),
    locationId: z.string().nullable(),
    at: z.string(),
  }),
  z.object({ type: z.literal('locations.changed'), at: z.string() }),
  /** An inbox row entered or left a state that needs a person (quarantined, exception, held) or was discarded. */
  z.object({ type: z.literal('inbox.changed'), inboxId: z.string(), channelId: z.string().nullable(), status: z.string(), at: z.string() }),
  /** A channel was added, edited, paused or resumed, or its key rotated. */
  z.object({ type: z.literal('channels.changed'), channelId: z.string(), at: z.string() }),
  /** A file import moved on (written by a trigger on \`imports\`, in the transaction of the change). */
  z.object({
    type: z.literal('import.progress'),
    importId: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    progress: z.number(),
    rowsRead: z.number().int(),
    imported: z.number().int(),
    duplicates: z.number().int(),
    failed: z.number().int(),
    at: z.string(),
  }),
  /** Stock changed by a feed or a receipt. `skus` lists up to 100 of them; `more` says there were others. */
  z.object({
    type: z.literal('inventory.changed'),
    cause: z.enum(['snapshot', 'delta', 'receipt']),
    skus: z.array(z.string()),
    more: z.boolean(),
    snapshotId: z.string().optional(),
    at: z.string(),
  }),
  /** A location's floor work changed: a wave released, scanned or completed, an order packed, a pickup ready or collected. */
  z.object({
    type: z.literal('floor.changed'),
    locationId: z.string(),
    kind: z.enum(['wave', 'pack', 'pickup']),
    refId: z.string(),
    at: z.string(),
  }),
  /** A print job moved (queued, sending, done, failed, cancelled). */
  z.object({
    type: z.literal('print.changed'),
    jobId: z.string(),
    stationId: z.string(),
    printerId: z.string().nullable(),
    status: z.enum(['queued', 'sending', 'done', 'failed', 'cancelled']),
    at: z.string(),
  }),
  /** A printer was added, edited or removed, a route changed, or a printer's health changed. */
  z.object({ type: z.literal('printers.changed'), stationId: z.string(), printerId: z.string().nullable(), at: z.string() }),
  /** A shipment moved (label, tracking), or a shipping alert was raised or resolved. */
  z.object({
    type: z.literal('shipping.changed'),
    shipmentId: z.string(),
    orderId: z.string(),
    locationId: z.string(),
    status: z.string(),
    alert: z.string().nullable(),
    at: z.string(),
  }),
  /** Someone took, took over or released an item of the exception inbox (who: the inbox says, for those who may read it). */
  z.object({ type: z.literal('exceptions.claimed'), kind: z.string(), refId: z.string(), at: z.string() }),
  /**
   * Customer messages or webhook deliveries were made or moved (sent, delivered, retrying, failed…):
   * up to 100 of their orders (`more`: there were others), whether any failed, whether any is a
   * delivery to the merchant's webhooks.
   */
  z.object({
    type: z.literal('notifications.changed'),
    orderIds: z.array(z.string()),
    more: z.boolean(),
    failed: z.boolean(),
    webhooks: z.boolean(),
    at: z.string(),
  }),
]);
export type EngineEvent = z.infer<typeof EngineEventSchema>;
export type EngineEventType = EngineEvent['type'];

/**
 * Whether a desk signed in as `actor` hears `event` — the live stream sends each desk only what its
 * user may see (every transport filters with this before sending):
 * - orders: planners and supervisors all of them; a store associate only orders at their locations;
 * - inbox and channels: planners, supervisors and admins; imports and exception claims: planners and supervisors;
 * - stock and location changes carry no customer data: every person at a desk.
 * Integrators and the engine itself have no desk.
 */
export function deskMayHear(actor: Actor, event: EngineEvent): boolean {
  const role = actor.role;
  switch (event.type) {
    case 'order.changed':
      if (role === 'associate') return event.locationId !== null && actsOnLocation(actor, event.locationId);
      return role === 'planner' || role === 'supervisor';
    case 'inbox.changed':
    case 'channels.changed':
      return role === 'planner' || role === 'supervisor' || role === 'admin';
    case 'import.progress':
    case 'exceptions.claimed':
      return role === 'planner' || role === 'supervisor';
    case 'floor.changed':
    case 'shipping.changed':
      if (role === 'associate') return actsOnLocation(actor, event.locationId);
      return role === 'planner' || role === 'supervisor';
    case 'notifications.changed':
      // Who reads customer messages (the order's people) and the merchant's webhook log (admins).
      return role === 'planner' || role === 'supervisor' || role === 'admin';
    case 'print.changed':
    case 'printers.changed':
    case 'inventory.changed':
    case 'locations.changed':
      return role === 'planner' || role === 'supervisor' || role === 'associate' || role === 'admin';
  }
}
