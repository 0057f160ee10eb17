import { z } from 'zod';
import type { NotificationChannel } from '../../../shared';
import { NotifierError, type NotificationProvider, type OutgoingMessage } from '../../ports/notifier.port';
import { SmsNotifier, smsConfigSchema } from './sms.notifier';
import { SmtpNotifier, smtpConfigSchema } from './smtp.notifier';
import { WebhookNotifier, webhookConfigSchema } from './webhook.notifier';
import { WhatsAppNotifier, whatsappConfigSchema } from './whatsapp.notifier';

/**
 * Builds the provider of a channel from its configuration, the one place the notification worker
 * needs: `providerFor(config)` (or `providerFor('sms', config)`) parses the settings — from the
 * database, a file or the environment — and answers a ready provider, or throws a `config`
 * {@link NotifierError} naming the field that is wrong, so a bad setting reads as "fix the settings",
 * not as a crash. One line per channel.
 */

export const notifierConfigSchema = z.discriminatedUnion('channel', [
  smtpConfigSchema,
  whatsappConfigSchema,
  smsConfigSchema,
  webhookConfigSchema,
]);
export type NotifierConfig = z.input<typeof notifierConfigSchema>;

/** The message type each channel's provider sends. */
export type MessageOf<C extends NotificationChannel> = Extract<OutgoingMessage, { channel: C }>;

/** Field paths and problems, never values (a value may be a password or a token). */
function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`).join('; ');
}

export function providerFor(config: unknown): NotificationProvider;
export function providerFor<C extends NotificationChannel>(channel: C, config: unknown): NotificationProvider<MessageOf<C>>;
export function providerFor(a: unknown, b?: unknown): NotificationProvider {
  const [channel, raw] = typeof a === 'string' ? [a, { ...(b as object), channel: a }] : [undefined, a];
  const parsed = notifierConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const which = channel ?? (raw as { channel?: unknown } | null)?.channel ?? 'notifier';
    throw new NotifierError(`${String(which)} settings are not valid: ${describe(parsed.error)}`, 'config');
  }
  const c = parsed.data;
  // Each provider parses again (its defaults are idempotent): the constructors stay usable directly.
  const provider =
    c.channel === 'email'
      ? new SmtpNotifier(c)
      : c.channel === 'whatsapp'
        ? new WhatsAppNotifier(c)
        : c.channel === 'sms'
          ? new SmsNotifier(c)
          : new WebhookNotifier(c);
  return provider as NotificationProvider;
}
