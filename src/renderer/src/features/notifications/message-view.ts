import type { MessageStatus, NotificationMessage } from '../../../../shared';

/** A chip's colour family (the shipping chips' tones, so the desk reads one colour language). */
export type MessageTone = 'waiting' | 'moving' | 'ok' | 'warn' | 'bad' | 'over';

const TONES: Record<MessageStatus, MessageTone> = {
  queued: 'waiting',
  sending: 'moving',
  sent: 'ok',
  delivered: 'ok',
  retrying: 'warn',
  failed: 'bad',
  undeliverable: 'bad',
  suppressed: 'over',
};

export const messageTone = (status: MessageStatus): MessageTone => TONES[status];

/** Statuses a person may send again from the desk: the engine has given up on them (or never sent them). */
const RESENDABLE: readonly MessageStatus[] = ['failed', 'undeliverable', 'suppressed'];

/**
 * Whether the provider took the message (sent, or delivered): only then is its `sentAt` when it went
 * out — a message that failed after the engine recorded it as going out keeps the time it tried.
 */
export const wentOut = (m: Pick<NotificationMessage, 'status'>): boolean => m.status === 'sent' || m.status === 'delivered';

export const mayResend = (m: Pick<NotificationMessage, 'status'>): boolean => RESENDABLE.includes(m.status);

/** A retry further away than this is not waited for on screen (the desk looks again when something else happens). */
export const RETRY_WATCH_MS = 60_000;

/**
 * Whether the engine's loops will move one of these messages soon (queued or being sent, or a
 * retry due within {@link RETRY_WATCH_MS}): no live event says when they do, so the desk looks again.
 */
export function selectAwaiting(messages: readonly NotificationMessage[], now: number): boolean {
  return messages.some(
    (m) =>
      m.status === 'queued' ||
      m.status === 'sending' ||
      (m.status === 'retrying' && (!m.nextAttemptAt || Date.parse(m.nextAttemptAt) - now <= RETRY_WATCH_MS)),
  );
}

/** The same calendar day in the desk's time zone: a retry later today shows its time only. */
export const sameDay = (iso: string, now: number): boolean => new Date(iso).toDateString() === new Date(now).toDateString();

/** The messages to the customer (e-mail, WhatsApp, SMS); the merchant's own webhooks are the admin's delivery log. */
export const customerMessages = (messages: readonly NotificationMessage[]): NotificationMessage[] =>
  messages.filter((m) => m.channel !== 'webhook');
