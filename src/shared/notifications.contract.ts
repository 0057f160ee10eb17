import { z } from 'zod';
import { ADMIN_ONLY, DESK_ROLES, type Role } from './roles';
import { OrderIdSchema } from './order.schema';
import { DELAY_REASONS } from './shipping.contract';
import { MESSAGE_STATUSES, NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS } from './notifications';

/**
 * Customer notifications and merchant webhooks as the desk sees them: the messages of an order
 * (each with its status and a preview), failed ones to resend, the settings, the channel providers
 * (secrets write-only) and a customer's preferences.
 */

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'a time of day as HH:MM (21:00)' });

export const NotificationSettingsSchema = z.object({
  /** Off: nothing is queued (events are still recorded, and queue once it is on again). */
  enabled: z.boolean().default(true),
  /** The shop's name as customers know it: the sender of every message. */
  merchantName: z.string().trim().min(1).max(120).default('Atalaya'),
  /** The order's status page: this base and the order number ("https://shop.example/pedidos/"). */
  orderUrlBase: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  /** The language of customers whose country has none below. */
  defaultLocale: z.string().trim().min(2).max(10).default('es-AR'),
  /** The language per ship-to country (ISO 3166-1 alpha-2). */
  localeByCountry: z
    .record(z.string().length(2), z.string().min(2).max(10))
    .default({ AR: 'es-AR', BR: 'pt-BR', MX: 'es', CL: 'es', UY: 'es' }),
  /** The merchant's time zone: dates in messages, and quiet hours for customers without one of their own. */
  timeZone: z.string().trim().min(1).max(64).default('America/Argentina/Buenos_Aires'),
  /** Events customers are told of, and through which channels by default (in order of preference). */
  customerEvents: z.array(z.enum(NOTIFICATION_EVENTS)).default([...NOTIFICATION_EVENTS]),
  defaultChannels: z
    .array(z.enum(['email', 'whatsapp', 'sms']))
    .min(1)
    .default(['email']),
  /** No messages in these hours (customer's time zone), except operational ones below. */
  quietHours: z.object({ from: clock, to: clock }).nullable().default({ from: '21:00', to: '08:00' }),
  quietHoursExempt: z.array(z.enum(NOTIFICATION_EVENTS)).default(['order.ready_for_pickup', 'shipment.out_for_delivery']),
  /** Which delays customers hear of (others stay with the desk). */
  delayReasons: z.array(z.enum(DELAY_REASONS)).default(['eta_after_promise', 'promise_passed']),
  /** Tries before a message fails for good (transient failures: SMTP 4xx, timeouts, 429, 5xx). */
  maxAttempts: z.number().int().min(1).max(30).default(8),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

export const NotificationMessageSchema = z.object({
  id: z.string(),
  event: z.enum(NOTIFICATION_EVENTS),
  orderId: z.string(),
  orderNumber: z.number().int(),
  shipmentId: z.string().nullable(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  /** The address, phone number or webhook endpoint. */
  recipient: z.string().nullable(),
  locale: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  /** Why it failed, is undeliverable or was suppressed (the provider's words where it gave some). */
  reason: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  subject: z.string().nullable(),
  /** The message as sent, in plain text (e-mail's text part, the SMS, the WhatsApp parameters, the webhook body). */
  preview: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type NotificationMessage = z.infer<typeof NotificationMessageSchema>;

export const NotificationAttemptSchema = z.object({ at: z.string(), outcome: z.string(), reply: z.string().nullable(), actor: z.string() });

export const NotificationProviderSchema = z.object({
  channel: z.enum(NOTIFICATION_CHANNELS),
  enabled: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  /** The names of the secrets stored (never their values). */
  secretNames: z.array(z.string()),
  updatedAt: z.string(),
});

export const CustomerPreferencesSchema = z.object({
  /** The customer's e-mail address (lower case) or phone number as given on their orders. */
  customerKey: z.string().trim().min(3).max(320),
  /** Channels in order of preference (empty: the shop's default). */
  channels: z
    .array(z.enum(['email', 'whatsapp', 'sms']))
    .max(3)
    .default([]),
  /** Channels the customer asked never to be contacted on. */
  optedOut: z.array(z.enum(['email', 'whatsapp', 'sms'])).default([]),
  locale: z.string().trim().min(2).max(10).nullable().default(null),
  timeZone: z.string().trim().min(1).max(64).nullable().default(null),
  /** The customer's own quiet hours (null: the shop's). */
  quietHours: z.object({ from: clock, to: clock }).nullable().default(null),
});
export type CustomerPreferences = z.infer<typeof CustomerPreferencesSchema>;

export const WebhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  /** The events it receives (see NOTIFICATION_EVENTS). */
  events: z.array(z.enum(NOTIFICATION_EVENTS)),
  enabled: z.boolean(),
  /** Why it was turned off by the engine (it answered 410 Gone), when it was. */
  disabledReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

/**
 * A notification template as the desk edits it (the engine's `NotificationTemplate`): one event in
 * one language over every channel. Field names are plain strings here so that a misspelt one
 * reaches the engine's validation, which names it and suggests the right one.
 */
export const NotificationTemplateSchema = z.object({
  event: z.enum(NOTIFICATION_EVENTS),
  /** A BCP 47 tag (es-AR, es, en, pt-BR, or any other for the merchant's own). */
  locale: z.string().trim().min(2).max(20),
  email: z.object({
    /** Plain text with mustache tags. */
    subject: z.string().max(500),
    /** MJML with mustache tags. */
    mjml: z.string().max(200_000),
    /** The plain-text part, mustache tags. */
    text: z.string().max(50_000),
  }),
  /** The SMS text, mustache tags. */
  sms: z.string().max(2_000),
  whatsapp: z.object({
    /** The approved template's name. */
    name: z.string().max(512),
    /** Meta's language code (es_AR, es, en, pt_BR). */
    language: z.string().max(20),
    /** The fields that fill {{1}}, {{2}} … in order. */
    body: z.array(z.string().max(64)).max(20),
    button: z.object({ field: z.string().max(64), index: z.number().int().optional() }).optional(),
    /** The body as submitted to Meta, with {{1}} … placeholders. */
    text: z.string().max(2_000).optional(),
  }),
});
export type NotificationTemplateInput = z.infer<typeof NotificationTemplateSchema>;

/** Which template is in effect for an event and locale: the merchant's (with its version) or Atalaya's default. */
export const TemplateSummarySchema = z.object({
  event: z.enum(NOTIFICATION_EVENTS),
  locale: z.string(),
  source: z.enum(['merchant', 'default']),
  /** The merchant's template's version (1 on the first save); null for a default. */
  version: z.number().int().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type TemplateSummary = z.infer<typeof TemplateSummarySchema>;

/** A template rendered for one channel; the other channels' fields are null. */
export const TemplatePreviewSchema = z.object({
  channel: z.enum(['email', 'sms', 'whatsapp']),
  subject: z.string().nullable(),
  html: z.string().nullable(),
  text: z.string().nullable(),
  sms: z.string().nullable(),
  whatsapp: z
    .object({
      name: z.string(),
      language: z.string(),
      parameters: z.array(z.string()),
      button: z.string().nullable(),
      /** The approved text with its parameters filled in, when the template gives it. */
      text: z.string().nullable(),
    })
    .nullable(),
  /** The order shown (null: the sample order). */
  orderNumber: z.number().int().nullable(),
  /** Fields the order lacks that the event needs, shown with sample values. */
  sampled: z.array(z.string()),
});
export type TemplatePreview = z.infer<typeof TemplatePreviewSchema>;

const NOTIFY_READERS: readonly Role[] = [...DESK_ROLES, 'admin'];
const id = z.string().uuid();
const templateLocale = z.string().trim().min(2).max(20);

export const notificationsContract = {
  /** The messages of one order (customer and merchant webhooks), oldest first. */
  'notifications.messages': {
    kind: 'query',
    roles: NOTIFY_READERS,
    input: z.object({ orderId: OrderIdSchema }),
    output: z.array(NotificationMessageSchema),
  },
  /** One message with its delivery log. */
  'notifications.message': {
    kind: 'query',
    roles: NOTIFY_READERS,
    input: z.object({ id }),
    output: z.object({ message: NotificationMessageSchema, attempts: z.array(NotificationAttemptSchema) }),
  },
  /** Messages that failed or could not be delivered, newest first (the exception inbox). */
  'notifications.failed': {
    kind: 'query',
    roles: NOTIFY_READERS,
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }),
    output: z.array(NotificationMessageSchema),
  },
  /** Sends a message again (failed, undeliverable, suppressed or already sent), with a reason for the log. */
  'notifications.resend': {
    kind: 'command',
    roles: NOTIFY_READERS,
    input: z.object({ id, reason: z.string().trim().min(1).max(500).optional() }),
    output: NotificationMessageSchema,
  },
  'notifications.settings': { kind: 'query', roles: NOTIFY_READERS, input: z.object({}).default({}), output: NotificationSettingsSchema },
  'notifications.saveSettings': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: NotificationSettingsSchema,
    output: NotificationSettingsSchema,
  },
  'notifications.providers': {
    kind: 'query',
    roles: ADMIN_ONLY,
    input: z.object({}).default({}),
    output: z.array(NotificationProviderSchema),
  },
  /** Sets a channel's provider (SMTP server, WhatsApp, SMS gateway, webhook client); secrets are sealed at rest and never read back. */
  'notifications.saveProvider': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: z.object({
      channel: z.enum(NOTIFICATION_CHANNELS),
      enabled: z.boolean().default(true),
      settings: z.record(z.string(), z.unknown()).default({}),
      /** Absent keeps the stored secrets; a key with an empty value removes it. */
      secrets: z.record(z.string(), z.string().max(4000)).optional(),
    }),
    output: NotificationProviderSchema,
  },
  'notifications.preferences': {
    kind: 'query',
    roles: NOTIFY_READERS,
    input: z.object({ customerKey: z.string().trim().min(3).max(320) }),
    output: CustomerPreferencesSchema,
  },
  'notifications.savePreferences': {
    kind: 'command',
    roles: NOTIFY_READERS,
    input: CustomerPreferencesSchema,
    output: CustomerPreferencesSchema,
  },
  /** The merchant's webhook endpoints (their signing secrets are never read back). */
  'notifications.endpoints': { kind: 'query', roles: ADMIN_ONLY, input: z.object({}).default({}), output: z.array(WebhookEndpointSchema) },
  /**
   * Adds or edits a webhook endpoint. A new endpoint, or `rotateSecret`, gets a new signing secret,
   * answered once in `secret` (give it to the receiver; it is sealed at rest and never shown again).
   */
  'notifications.saveEndpoint': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: z.object({
      id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { error: 'id: 2–40 lower-case letters, digits and dashes ("erp-main")' }),
      url: z.url({ protocol: /^https?$/, error: 'url: the receiver’s http(s) address' }).max(2000),
      events: z.array(z.enum(NOTIFICATION_EVENTS)).min(1, { error: 'events: choose at least one event to send' }),
      enabled: z.boolean().default(true),
      rotateSecret: z.boolean().default(false),
    }),
    output: z.object({ endpoint: WebhookEndpointSchema, secret: z.string().nullable() }),
  },
  /** What was sent to the merchant's endpoints (the delivery log), newest first; a delivery is replayed with `notifications.resend`. */
  'notifications.deliveries': {
    kind: 'query',
    roles: ADMIN_ONLY,
    input: z.object({ endpointId: z.string().optional(), limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }),
    output: z.array(NotificationMessageSchema),
  },
  /** Every event in every language with a template in effect: Atalaya's default, or the merchant's own (with its version). */
  'notifications.templates': {
    kind: 'query',
    roles: NOTIFY_READERS,
    input: z.object({}).default({}),
    output: z.array(TemplateSummarySchema),
  },
  /**
   * The template in effect for an event and a customer locale (the merchant's, else the default,
   * along the language fallbacks): what the editor starts a new override from.
   */
  'notifications.template': {
    kind: 'query',
    roles: NOTIFY_READERS,
    input: z.object({ event: z.enum(NOTIFICATION_EVENTS), locale: templateLocale }),
    output: TemplateSummarySchema.extend({ template: NotificationTemplateSchema }),
  },
  /**
   * Saves the merchant's template for its event and locale (a new version). Refused with
   * VALIDATION_FAILED, naming each part, line and fix, when a tag is unknown or unguarded, the
   * MJML does not compile, or the WhatsApp mapping disagrees with its text; nothing is saved then.
   */
  'notifications.saveTemplate': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: z.object({
      template: NotificationTemplateSchema,
      /**
       * The version the editor opened (null: it opened Atalaya's default). When given and someone
       * saved since, the save is refused with VERSION_CONFLICT and nothing changes.
       */
      expectedVersion: z.number().int().min(1).nullable().optional(),
    }),
    output: TemplateSummarySchema.extend({ template: NotificationTemplateSchema }),
  },
  /** Removes the merchant's template for an event and locale: Atalaya's default is in effect again. */
  'notifications.resetTemplate': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: z.object({ event: z.enum(NOTIFICATION_EVENTS), locale: templateLocale }),
    output: TemplateSummarySchema.extend({ template: NotificationTemplateSchema }),
  },
  /**
   * A template (an unsaved draft, or the one in effect) rendered for one channel with a real
   * order's facts, or with a sample order when none is given. Fields the order lacks but the
   * event needs are filled from the sample and listed in `sampled`.
   */
  'notifications.previewTemplate': {
    kind: 'query',
    roles: NOTIFY_READERS,
    input: z.object({
      event: z.enum(NOTIFICATION_EVENTS),
      locale: templateLocale,
      template: NotificationTemplateSchema.optional(),
      orderId: OrderIdSchema.optional(),
      /** The order by the number people say (#1234), when no id is given. */
      orderNumber: z.number().int().positive().optional(),
      channel: z.enum(['email', 'sms', 'whatsapp']).default('email'),
    }),
    output: TemplatePreviewSchema,
  },
} as const;
