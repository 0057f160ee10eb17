import { randomBytes } from 'node:crypto';
import { AppError, type Actor, type notificationsContract } from '../../../shared';
import { seesPickupCode } from '../pickup/pickup-view';
import { inTransaction } from '../../db/data-source';
import { auditNote } from '../../kernel/audit';
import type { ModuleContext } from '../../kernel/context';
import { defineModule } from '../../kernel/define-module';
import { startPeriodic } from '../../kernel/periodic';
import { failedMessages, messageById, messagesOfOrder, webhookDeliveries } from './message-views.store';
import { requeueMessage } from './messages.store';
import {
  listEndpoints,
  listProviders,
  saveEndpoint,
  readNotificationSettings,
  readPreferences,
  savePreferences,
  saveProvider,
  writeNotificationSettings,
} from './notify-config.store';
import { closeProviders, notifySecretBox } from './provider-runtime';
import { checkedTemplate, previewTemplate, templateInEffect, templateKey, templateOut, templatesInEffect } from './template-editor';
import { deleteTemplateOverride, listTemplateOverrides, saveTemplateOverride } from './templates.store';
import { expandIntents } from './workflows/expand-intents';
import { sendDueMessages } from './workflows/send-messages';

/** A pass keeps going while there is a backlog, up to this long. */
const PASS_BUDGET_MS = 5_000;

/** Runs `step` until it finds less than a full batch or the budget is spent. */
async function drain(step: () => Promise<number>, full: number): Promise<void> {
  const started = Date.now();
  while ((await step()) >= full && Date.now() - started < PASS_BUDGET_MS);
}

/** A pickup code in a message's preview is shown to those who may see pickup codes (supervisors), hidden from the rest. */
const readerOf = (actor: Actor) => ({ seesPickupCode: seesPickupCode(actor) });

const endpointOut = (e: Awaited<ReturnType<typeof listEndpoints>>[number]) => ({
  id: e.id,
  url: e.url,
  events: e.events,
  enabled: e.enabled,
  disabledReason: e.disabledReason,
  updatedAt: e.updatedAt.toISOString(),
});

const providerOut = (ctx: ModuleContext, p: Awaited<ReturnType<typeof listProviders>>[number]) => ({
  channel: p.channel,
  enabled: p.enabled,
  settings: p.settings,
  secretNames: p.secrets ? Object.keys(notifySecretBox(ctx).open(p.secrets, p.secretsKeyId)).sort() : [],
  updatedAt: p.updatedAt.toISOString(),
});

/**
 * Customer notifications and merchant webhooks: events a customer hears of are kept by the
 * `order_events` trigger in the change's own transaction; the loops make them into messages (one
 * per event and channel, by key) and send them through each channel's provider, retrying what
 * failed for a while; the desk reads each order's messages, resends failed ones and keeps the
 * settings, providers and customers' preferences.
 */
export const notifyModule = defineModule<keyof typeof notificationsContract>({
  name: 'notify',
  handlers: {
    'notifications.messages': (ctx, { orderId }, actor) => messagesOfOrder(ctx.ds.manager, orderId, readerOf(actor)),
    'notifications.message': async (ctx, { id }, actor) => {
      const found = await messageById(ctx.ds.manager, id, readerOf(actor));
      if (!found) throw new AppError('NOT_FOUND', `No message with id ${id}`);
      return found;
    },
    'notifications.failed': (ctx, { limit }, actor) => failedMessages(ctx.ds.manager, limit, readerOf(actor)),
    'notifications.resend': async (ctx, { id, reason }, actor) => {
      const ok = await inTransaction(ctx.ds, (m) => requeueMessage(m, id, actor.name, reason ?? 'resent from the desk'));
      const found = await messageById(ctx.ds.manager, id, readerOf(actor));
      if (!found) throw new AppError('NOT_FOUND', `No message with id ${id}`);
      if (!ok) throw new AppError('ILLEGAL_TRANSITION', 'The message is being sent right now; wait a moment and look again');
      auditNote({ orderId: found.message.orderId, subject: `message ${id}`, after: { status: 'queued', reason: reason ?? null } });
      return found.message;
    },
    'notifications.settings': (ctx) => readNotificationSettings(ctx.ds.manager),
    'notifications.saveSettings': async (ctx, s, actor) => {
      const before = await inTransaction(ctx.ds, (m) => writeNotificationSettings(m, s, actor.id));
      auditNote({ subject: 'notification settings', before, after: s });
      return s;
    },
    'notifications.providers': async (ctx) => (await listProviders(ctx.ds.manager)).map((p) => providerOut(ctx, p)),
    'notifications.saveProvider': async (ctx, input, actor) => {
      const saved = await inTransaction(ctx.ds, (m) => saveProvider(m, notifySecretBox(ctx), input, actor.id));
      auditNote({
        subject: `${input.channel} provider`,
        after: { enabled: input.enabled, settings: input.settings, secrets: Object.keys(input.secrets ?? {}) },
      });
      return providerOut(ctx, saved);
    },
    'notifications.preferences': async (ctx, { customerKey }) =>
      (await readPreferences(ctx.ds.manager, [customerKey])).get(customerKey.toLowerCase()) ?? {
        customerKey: customerKey.toLowerCase(),
        channels: [],
        optedOut: [],
        locale: null,
        timeZone: null,
        quietHours: null,
      },
    'notifications.savePreferences': async (ctx, p, actor) => {
      const saved = await inTransaction(ctx.ds, (m) => savePreferences(m, p, actor.id));
      auditNote({ subject: `contact preferences of ${saved.customerKey}`, after: saved });
      return saved;
    },
    'notifications.endpoints': async (ctx) => (await listEndpoints(ctx.ds.manager)).map(endpointOut),
    'notifications.saveEndpoint': async (ctx, input, actor) => {
      const exists = (await listEndpoints(ctx.ds.manager, [input.id])).length > 0;
      // A new endpoint or a rotation gets a fresh secret, shown this once.
      const secret = !exists || input.rotateSecret ? `whsec_${randomBytes(24).toString('base64url')}` : null;
      const saved = await inTransaction(ctx.ds, (m) => saveEndpoint(m, notifySecretBox(ctx), { ...input, secret }, actor.id));
      auditNote({
        subject: `webhook endpoint ${input.id}`,
        after: { url: input.url, events: input.events, enabled: input.enabled, secretRotated: !!secret },
      });
      return { endpoint: endpointOut(saved), secret };
    },
    'notifications.deliveries': (ctx, { endpointId, limit }) => webhookDeliveries(ctx.ds.manager, endpointId ?? null, limit),
    'notifications.templates': async (ctx) => templatesInEffect(await listTemplateOverrides(ctx.ds.manager)),
    'notifications.template': (ctx, { event, locale }) => templateInEffect(ctx, event, templateKey(event, locale).locale),
    'notifications.saveTemplate': async (ctx, input, actor) => {
      const template = await checkedTemplate(ctx, input.template);
      const { before, saved } = await inTransaction(ctx.ds, (m) => saveTemplateOverride(m, template, actor.name, input.expectedVersion));
      auditNote({
        subject: `${template.event} template (${template.locale})`,
        before: before ? { version: before.version, template: before.template } : null,
        after: { version: saved.version, template: saved.template },
      });
      return {
        event: template.event,
        locale: saved.template.locale,
        source: 'merchant' as const,
        version: saved.version,
        updatedAt: saved.updatedAt.toISOString(),
        updatedBy: saved.updatedBy,
        template: templateOut(saved.template),
      };
    },
    'notifications.resetTemplate': async (ctx, input) => {
      const { event, locale } = templateKey(input.event, input.locale);
      const removed = await inTransaction(ctx.ds, (m) => deleteTemplateOverride(m, event, locale));
      auditNote({
        subject: `${event} template (${locale})`,
        before: removed ? { version: removed.version, template: removed.template } : null,
        after: { source: 'default' },
      });
      return templateInEffect(ctx, event, locale);
    },
    'notifications.previewTemplate': (ctx, input) => previewTemplate(ctx, input),
  },
  loops: (ctx) => {
    const expand = startPeriodic(ctx.log, 'notification intents', 250, () => drain(() => expandIntents(ctx), 200));
    const send = startPeriodic(ctx.log, 'notification sender', 250, () => drain(() => sendDueMessages(ctx), 200));
    return [
      expand,
      {
        async stop() {
          await send.stop();
          await closeProviders(ctx);
        },
      },
    ];
  },
});
