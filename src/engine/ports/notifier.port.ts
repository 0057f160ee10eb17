import type { NotificationChannel } from '../../shared';

/**
 * The notifier port: one provider per channel — e-mail over SMTP, WhatsApp (Cloud API template
 * messages), SMS (a generic HTTP provider) and merchant webhooks (signed HTTP POSTs). Every
 * provider passes the conformance suite in `tests/integration/notifications/` against a loopback
 * server that speaks its format.
 *
 * A provider sends one rendered message and says what happened; it never retries by itself (the
 * notification worker owns retries, backoff and the delivery log) and keeps no state between
 * calls but its connection pool. The message's `key` is the intent's unique key: providers pass
 * it on where the channel has a place for it (the e-mail's Message-ID, the webhook's delivery id,
 * the SMS provider's reference), so a receiver can recognise a repeat.
 */

interface MessageBase {
  /** The intent's unique key (event, order/shipment, version, channel). */
  key: string;
}

export interface EmailMessage extends MessageBase {
  channel: 'email';
  /** The recipient's address, already checked for shape. */
  to: string;
  /** Display name of the recipient, if known. */
  toName?: string;
  subject: string;
  html: string;
  /** The plain-text part. */
  text: string;
}

export interface WhatsAppTemplateParameter {
  type: 'text';
  text: string;
}

export interface WhatsAppTemplateComponent {
  type: 'header' | 'body' | 'button';
  /** For buttons: 'url' or 'quick_reply'. */
  sub_type?: 'url' | 'quick_reply';
  /** For buttons: their position in the approved template, as a string ("0"). */
  index?: string;
  parameters: WhatsAppTemplateParameter[];
}

export interface WhatsAppMessage extends MessageBase {
  channel: 'whatsapp';
  /** E.164 without spaces ("+5491155550000"). */
  to: string;
  /** The approved template's name and language code ("es_AR", "pt_BR", "en"). */
  template: { name: string; language: string; components: WhatsAppTemplateComponent[] };
}

export interface SmsMessage extends MessageBase {
  channel: 'sms';
  /** E.164 without spaces. */
  to: string;
  text: string;
}

export interface WebhookMessage extends MessageBase {
  channel: 'webhook';
  /** The merchant endpoint's URL. */
  url: string;
  /** The event name sent in the Atalaya-Event header ("shipment.delivered"). */
  event: string;
  /** The exact JSON body to send and sign. */
  body: string;
  /** The endpoint's signing secret (never logged). */
  secret: string;
}

export type OutgoingMessage = EmailMessage | WhatsAppMessage | SmsMessage | WebhookMessage;

/** The provider accepted the message. */
export interface SendReceipt {
  /** The provider's id for the message (WhatsApp's wamid, the SMTP queue id, the SMS id …). */
  providerId: string | null;
  /** The provider's reply, for the delivery log ("250 2.0.0 Ok: queued as …", "HTTP 200"). */
  reply: string;
}

/**
 * Why a message was not sent:
 * - `undeliverable` — the address itself is wrong (unknown mailbox, not a phone number, not on
 *   WhatsApp): recorded with the reason, never retried;
 * - `retry` — a transient failure (SMTP 4xx, a timeout, HTTP 429/5xx, a refused connection): try
 *   again later, after `retryAfterMs` when the provider said so;
 * - `failed` — the provider refused the message for good (SMTP 5xx other than a bad mailbox, HTTP
 *   4xx, a rejected template): recorded with the provider's reply, not retried automatically (a
 *   person can resend it from the desk);
 * - `config` — our side is wrong (no credentials, a bad base URL): failed until someone fixes it.
 */
export class NotifierError extends Error {
  constructor(
    message: string,
    readonly kind: 'undeliverable' | 'retry' | 'failed' | 'config',
    /** The provider's own words (SMTP reply line, HTTP status and body excerpt). */
    readonly reply: string | null = null,
    readonly retryAfterMs?: number,
    /**
     * The HTTP status the provider answered with, for HTTP channels (absent for SMTP and for a
     * failure before any answer): lets the worker act on it — a webhook endpoint answering 410
     * Gone asks to be disabled.
     */
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'NotifierError';
  }
}

/** What the caller may do while a message is sent. */
export interface SendOptions {
  /**
   * Called once the provider holds everything but the last step that makes the other side take the
   * message (SMTP: the end-of-data dot, after the server accepted the recipients and the data); the
   * send finishes once it resolves, and is abandoned — the other side discards it — if it rejects.
   * The worker records the message as sent here: a process killed afterwards never sends it again,
   * and one killed before it never sent it. Providers without such a step never call it.
   */
  beforeFinal?: () => Promise<void>;
}

export interface NotificationProvider<M extends OutgoingMessage = OutgoingMessage> {
  readonly channel: NotificationChannel;
  /** Sends one message; resolves with the provider's receipt or throws a {@link NotifierError}. */
  send(message: M, options?: SendOptions): Promise<SendReceipt>;
  /** Closes pooled connections; sending after close is an error. */
  close(): Promise<void>;
}
