import { z } from 'zod';
import { OrderStatusSchema } from './order.schema';

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
]);
export type EngineEvent = z.infer<typeof EngineEventSchema>;
export type EngineEventType = EngineEvent['type'];
