import { z } from 'zod';
import { EngineEventSchema } from './events';

/**
 * The desk's live stream (`GET /api/v1/events`, a WebSocket): each engine event with its place in the
 * engine's durable outbox (`at`, opaque to the desk). A desk that reconnects opens the stream with
 * `?after=<the last at it applied>` and is sent what it missed first, then the live events, none twice.
 * When that is not possible (too much was missed, or `after` is not a place), the stream says `resync`
 * first: the desk refetches what it shows.
 */
export const LiveMessageSchema = z.union([
  z.object({ at: z.string().regex(/^\d{1,20}:\d{1,20}$/), event: EngineEventSchema }),
  z.object({ resync: z.literal(true) }),
]);
export type LiveMessage = z.infer<typeof LiveMessageSchema>;

/** The query parameter of the stream's URL naming the last place the desk applied. */
export const LIVE_AFTER_PARAM = 'after';
/** At most this many missed events are replayed after a reconnect; past it the desk is told to resync instead. */
export const LIVE_CATCH_UP_MAX = 20_000;
