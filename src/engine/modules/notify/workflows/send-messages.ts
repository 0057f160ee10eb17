import type { NotificationSettings } from '../../../../shared';
import type { NotificationTemplate } from '../../../core/notifications/notification-template';
import { localiseView, type NotificationView } from '../../../core/notifications/notification-view';
import { renderEmail, renderSms, renderWhatsApp } from '../../../core/notifications/render-notification';
import { selectTemplate } from '../../../core/notifications/select-template';
import { inTransaction } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { NotifierError, type OutgoingMessage } from '../../../ports/notifier.port';
import { claimDueMessages, recordOutcome, recordReceipts, type DueMessage, type MessageOutcome } from '../messages.store';
import { disableEndpoint, listEndpoints, readNotificationSettings } from '../notify-config.store';
import { liveProviders, mjmlCompiler, notifySecretBox, webhookProvider } from '../provider-runtime';
import { SentGroups } from '../sent-groups';
import { listTemplateOverrides } from '../templates.store';

/** Messages claimed per pass, sent this many at a time (the providers pool their connections). */
const CLAIM = 200;
const IN_FLIGHT = 16;
/** A node that dies mid-send frees its messages after this long. */
const LEASE_SECONDS = 60;

/** When a transient failure is tried again: 30 s, doubling, at most an hour, ±20 % so a burst spreads. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

type Rendered = { message: OutgoingMessage; subject: string | null; preview: string };

/** A webhook endpoint as a pass sends to it: where, and the secret to sign with. */
type Target = { url: string; secret: string; enabled: boolean };

/** What one pass sends with: the settings and the merchant's own templates, read once for all its messages. */
interface PassConfig {
  settings: NotificationSettings;
  overrides: readonly NotificationTemplate[];
  /** Where messages at their point of no return are recorded sent, a group at a time. */
  sent: SentGroups;
}

/** The message as its channel sends it, from the stored facts, in the customer's language (the merchant's template first). */
async function render(
  ctx: Pick<ModuleContext, 'ds' | 'config'>,
  d: DueMessage,
  pass: PassConfig,
  target: Target | undefined,
): Promise<Rendered> {
  const { settings, overrides } = pass;
  if (d.channel === 'webhook') {
    if (!target) throw new NotifierError(`the webhook endpoint ${d.endpointId} no longer exists`, 'config');
    if (!target.enabled) throw new NotifierError(`the webhook endpoint ${d.endpointId} is turned off`, 'config');
    const body = JSON.stringify(d.view);
    return {
      message: { channel: 'webhook', key: d.key, url: target.url, event: d.event, body, secret: target.secret },
      subject: null,
      preview: body,
    };
  }
  const { template, formatLocale } = selectTemplate(d.event, d.locale, { overrides });
  const view = localiseView(d.view as unknown as NotificationView, { locale: formatLocale, timeZone: settings.timeZone });
  const to = d.recipient ?? '';
  if (d.channel === 'email') {
    const html = (await mjmlCompiler(ctx).compile(template.email.mjml)).html;
    const r = renderEmail(template, html, view);
    return {
      message: { channel: 'email', key: d.key, to, subject: r.subject, html: r.html, text: r.text },
      subject: r.subject,
      preview: r.text,
    };
  }
  if (d.channel === 'sms') {
    const text = renderSms(template, view);
    return { message: { channel: 'sms', key: d.key, to, text }, subject: null, preview: text };
  }
  if (d.channel === 'whatsapp') {
    const t = renderWhatsApp(template, view);
    const words = t.components.flatMap((c) => c.parameters.map((p) => p.text)).join(' · ');
    return { message: { channel: 'whatsapp', key: d.key, to, template: t }, subject: null, preview: `${t.name} (${t.language}): ${words}` };
  }
  throw new NotifierError(`no way to send on ${d.channel}`, 'config');
}

/** Sends one claimed message and says what became of it. Never throws. */
async function sendOne(
  ctx: Pick<ModuleContext, 'ds' | 'config' | 'log'>,
  d: DueMessage,
  pass: PassConfig,
  live: Awaited<ReturnType<typeof liveProviders>>,
  targets: ReadonlyMap<string, Target>,
): Promise<MessageOutcome> {
  const l = d.channel === 'webhook' ? webhookProvider(ctx, live) : live.get(d.channel);
  if (!l?.provider)
    return {
      id: d.id,
      claim: d.claim,
      status: 'failed',
      reason: l?.problem ?? `no ${d.channel} provider is set up: set one up under Notifications, then resend`,
      outcome: 'failed',
    };
  let r: Rendered;
  try {
    r = await render(ctx, d, pass, d.endpointId ? targets.get(d.endpointId) : undefined);
  } catch (e) {
    if (e instanceof NotifierError) return { id: d.id, claim: d.claim, status: 'failed', reason: e.message, outcome: 'failed' };
    return { id: d.id, claim: d.claim, status: 'failed', reason: `cannot render the message: ${(e as Error).message}`, outcome: 'failed' };
  }
  const shown = { subject: r.subject, preview: r.preview.slice(0, 4000) };
  try {
    // Recorded as sent with the point of no return: the COMMIT leaves in the same turn as the dot.
    let committing: Promise<void> | null = null;
    const beforeFinal = async () => {
      committing = (await pass.sent.hold({ id: d.id, claim: d.claim, ...shown })).committed;
    };
    let receipt;
    try {
      receipt = await l.provider.send(r.message, { beforeFinal });
    } finally {
      await (committing as Promise<void> | null)?.catch((err: unknown) =>
        ctx.log.warn({ err, messageId: d.id }, 'notification: recording a sent message failed; it may be sent again'),
      );
    }
    return {
      id: d.id,
      claim: d.claim,
      status: 'sent',
      reason: null,
      providerId: receipt.providerId,
      reply: receipt.reply.slice(0, 1000),
      ...shown,
      outcome: 'sent',
    };
  } catch (e) {
    const err = e instanceof NotifierError ? e : new NotifierError((e as Error).message, 'retry');
    if (!(e instanceof NotifierError))
      ctx.log.warn({ err: e, messageId: d.id }, 'notification: unexpected failure while sending; tried again later');
    const reply = err.reply?.slice(0, 1000) ?? null;
    // The endpoint asks not to be called again: it is turned off until someone saves it.
    if (d.channel === 'webhook' && d.endpointId && err.httpStatus === 410)
      await disableEndpoint(ctx.ds.manager, d.endpointId, `answered 410 Gone on ${new Date().toISOString()}`);
    if (err.kind === 'retry') {
      if (d.attempts >= pass.settings.maxAttempts)
        return {
          id: d.id,
          claim: d.claim,
          status: 'failed',
          reason: `gave up after ${d.attempts} tries: ${err.message}`,
          reply,
          ...shown,
          outcome: 'failed',
        };
      const wait = err.retryAfterMs ?? retryDelayMs(d.attempts);
      return {
        id: d.id,
        claim: d.claim,
        status: 'retrying',
        reason: err.message,
        reply,
        nextAttemptAt: new Date(Date.now() + wait),
        ...shown,
        outcome: 'retry',
      };
    }
    return {
      id: d.id,
      claim: d.claim,
      status: err.kind === 'undeliverable' ? 'undeliverable' : 'failed',
      reason: err.message,
      reply,
      ...shown,
      outcome: err.kind,
    };
  }
}

/**
 * One pass of the sender: claims the messages due (with a lease), renders each in its customer's
 * language and sends it through its channel's provider, a few at a time, and records each outcome
 * as soon as it is known (so a node killed mid-pass re-sends only what it had not recorded).
 * Answers how many were tried.
 */
export async function sendDueMessages(ctx: Pick<ModuleContext, 'ds' | 'config' | 'log'>): Promise<number> {
  const settings = await readNotificationSettings(ctx.ds.manager);
  const due = await inTransaction(ctx.ds, (m) => claimDueMessages(m, CLAIM, LEASE_SECONDS));
  if (!due.length) return 0;
  const live = await liveProviders(ctx);
  // Read once a pass, so a template saved in the desk is used from the next pass on.
  const overrides = due.some((d) => d.channel !== 'webhook') ? (await listTemplateOverrides(ctx.ds.manager)).map((o) => o.template) : [];
  const pass: PassConfig = { settings, overrides, sent: new SentGroups(ctx.ds) };
  const targets = new Map<string, Target>();
  const endpointIds = [...new Set(due.map((d) => d.endpointId).filter((x): x is string => !!x))];
  for (const e of endpointIds.length ? await listEndpoints(ctx.ds.manager, endpointIds) : [])
    targets.set(e.id, {
      url: e.url,
      enabled: e.enabled,
      secret: e.secrets ? (notifySecretBox(ctx).open(e.secrets, e.secretsKeyId).signingSecret ?? '') : '',
    });
  let next = 0;
  // A message sent is already recorded (with its dot); its receipt waits for the pass's one statement.
  const receipts: Parameters<typeof recordReceipts>[1][number][] = [];
  const lane = async () => {
    while (next < due.length) {
      const d = due[next++]!;
      const o = await sendOne(ctx, d, pass, live, targets);
      if (o.status === 'sent' && d.channel === 'email')
        receipts.push({
          id: o.id,
          claim: o.claim,
          providerId: o.providerId ?? null,
          reply: o.reply ?? '',
          subject: o.subject ?? null,
          preview: o.preview ?? '',
        });
      else await recordOutcome(ctx.ds.manager, o);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, due.length) }, lane));
  } finally {
    await recordReceipts(ctx.ds.manager, receipts);
  }
  return due.length;
}
