import { z } from 'zod';
import { INBOX_STATUSES } from './lifecycles';
import { ADMIN_ONLY, DESK_ROLES } from './roles';
import { CHANNEL_KINDS } from './channel.schema';

/** Inbox row states: `received` waits for a worker; `held` waits for its paused channel to resume. */

const id = z.string().trim().min(1).max(64);
// NUL and lone surrogates are refused in every field before any schema (src/shared/text.ts, the dispatcher).
const settingValue = z.string().max(2000);
const settings = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'setting names are letters, digits and _'), settingValue);
const secrets = z.record(
  z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'secret names are letters, digits and _'),
  z.string().min(1).max(4000),
);

export const ChannelHealthSchema = z.object({
  lastOrderAt: z.string().nullable(),
  received24h: z.number().int(),
  failed24h: z.number().int(),
  /** failed / received over the last 24 hours (0 when nothing was received). */
  errorRate: z.number(),
  quarantined: z.number().int(),
});

/** A channel as the desk sees it: never its secrets, only their names. */
export const ChannelSchema = z.object({
  id: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  paused: z.boolean(),
  settings: z.record(z.string(), z.string()),
  /** Names of the secrets that are set (the values are write-only). */
  secretNames: z.array(z.string()),
  /** Last characters of the API key, for kind `api`. */
  apiKeyHint: z.string().nullable(),
  /** Where the channel posts: `/api/v1/channels/<id>/…`. */
  webhookPath: z.string(),
  requiredSettings: z.array(z.string()),
  requiredSecrets: z.array(z.string()),
  health: ChannelHealthSchema,
  createdAt: z.string(),
});
export type Channel = z.infer<typeof ChannelSchema>;

export const InboxIssueSchema = z.object({ path: z.string(), message: z.string() });
export const InboxHistoryEntrySchema = z.object({
  at: z.string(),
  action: z.enum(['received', 'processed', 'quarantined', 'exception', 'ignored', 'replayed', 'discarded', 'retried', 'held', 'released']),
  actor: z.string(),
  note: z.string().nullable(),
});

export const InboxRowSchema = z.object({
  id: z.string(),
  channelId: z.string().nullable(),
  channelName: z.string().nullable(),
  receivedAt: z.string(),
  method: z.string(),
  path: z.string(),
  topic: z.string(),
  dedupeKey: z.string(),
  status: z.enum(INBOX_STATUSES),
  attempts: z.number().int(),
  reason: z.string().nullable(),
  orderId: z.string().nullable(),
});
export type InboxRow = z.infer<typeof InboxRowSchema>;

export const InboxDetailSchema = InboxRowSchema.extend({
  /** Auth headers are redacted before the row is stored. */
  headers: z.record(z.string(), z.string()),
  /** The body as text (UTF-8; invalid bytes replaced) — what a planner edits to fix and replay. */
  body: z.string(),
  /** The body as first received, when it was replaced by a fix. */
  originalBody: z.string().nullable(),
  issues: z.array(InboxIssueSchema),
  history: z.array(InboxHistoryEntrySchema),
});
export type InboxDetail = z.infer<typeof InboxDetailSchema>;

export const SkuMappingSchema = z.object({ channelId: z.string(), channelSku: z.string(), sku: z.string(), updatedAt: z.string() });

/** Channel management and the exception inbox. */
export const channelsContract = {
  /** The kinds this engine has adapters for, with what each needs: drives the desk's channel form. */
  'channels.kinds': {
    kind: 'query',
    roles: [...DESK_ROLES, 'admin'],
    input: z.object({}).default({}),
    output: z.array(
      z.object({
        kind: z.enum(CHANNEL_KINDS),
        requiredSettings: z.array(z.string()),
        requiredSecrets: z.array(z.string()),
        /** What the kind uses when given (Shopify's adminAccessToken, for refunds): offered by the form, not required. */
        optionalSettings: z.array(z.string()).default([]),
        optionalSecrets: z.array(z.string()).default([]),
      }),
    ),
  },
  'channels.list': { kind: 'query', roles: [...DESK_ROLES, 'admin'], input: z.object({}).default({}), output: z.array(ChannelSchema) },
  'channels.create': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: z.object({
      kind: z.enum(CHANNEL_KINDS),
      name: z.string().trim().min(1).max(120),
      settings: settings.default({}),
      secrets: secrets.default({}),
    }),
    /** `apiKey` is the only time the key is ever shown (kind `api`). */
    output: z.object({ channel: ChannelSchema, apiKey: z.string().nullable() }),
  },
  'channels.update': {
    kind: 'command',
    roles: ADMIN_ONLY,
    /** Secrets are merged: a name given replaces that secret, names not given are kept. */
    input: z.object({ id, name: z.string().trim().min(1).max(120).optional(), settings: settings.optional(), secrets: secrets.optional() }),
    output: ChannelSchema,
  },
  'channels.setPaused': {
    kind: 'command',
    roles: ['supervisor', 'admin'],
    input: z.object({ id, paused: z.boolean() }),
    output: ChannelSchema,
  },
  'channels.rotateKey': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: z.object({ id }),
    output: z.object({ channel: ChannelSchema, apiKey: z.string() }),
  },
  'inbox.list': {
    kind: 'query',
    roles: DESK_ROLES,
    input: z
      .object({
        status: z.array(z.enum(INBOX_STATUSES)).max(INBOX_STATUSES.length).optional(),
        channelId: id.optional(),
        search: z.string().trim().max(120).optional(),
        page: z.number().int().min(0).default(0),
        pageSize: z.number().int().min(1).max(200).default(50),
      })
      .default({ page: 0, pageSize: 50 }),
    output: z.object({ rows: z.array(InboxRowSchema), total: z.number().int() }),
  },
  'inbox.get': {
    kind: 'query',
    roles: DESK_ROLES,
    input: z.object({ id: z.string().regex(/^\d{1,18}$/, 'an inbox id is a number') }),
    output: InboxDetailSchema,
  },
  'inbox.replay': {
    kind: 'command',
    roles: DESK_ROLES,
    input: z.object({ id: z.string().regex(/^\d{1,18}$/, 'an inbox id is a number'), body: z.string().min(1).max(2_000_000).optional() }),
    output: InboxDetailSchema,
  },
  'inbox.discard': {
    kind: 'command',
    roles: DESK_ROLES,
    input: z.object({
      id: z.string().regex(/^\d{1,18}$/, 'an inbox id is a number'),
      reason: z.string().trim().min(3, 'say why it is discarded (at least 3 characters)').max(500),
    }),
    output: InboxDetailSchema,
  },
  /** What waits in each channel's inbox, for the exception inbox's summary: one row per channel with anything waiting. */
  'inbox.waiting': {
    kind: 'query',
    roles: DESK_ROLES,
    input: z.object({}).default({}),
    output: z.array(
      z.object({
        channelId: z.string(),
        channelName: z.string(),
        /** Being processed (or retried) by the engine. */
        received: z.number().int(),
        /** Waiting for a paused channel to resume. */
        held: z.number().int(),
        /** A person must fix the payload and replay it, or discard it. */
        quarantined: z.number().int(),
        /** A change that came too late for the floor: a person decides. */
        exception: z.number().int(),
        /** When the oldest row waiting for a person (quarantined or exception) arrived. */
        oldestForPersonAt: z.string().nullable(),
      }),
    ),
  },
  'skuMappings.list': {
    kind: 'query',
    roles: [...DESK_ROLES, 'admin'],
    input: z.object({ channelId: id }),
    output: z.array(SkuMappingSchema),
  },
  'skuMappings.upsert': {
    kind: 'command',
    roles: ['supervisor', 'admin'],
    input: z.object({
      channelId: id,
      mappings: z
        .array(z.object({ channelSku: z.string().trim().min(1).max(128), sku: z.string().trim().min(1).max(64) }))
        .min(1)
        .max(1000),
    }),
    output: z.object({ upserted: z.number().int() }),
  },
} as const;
