import { createHash } from 'node:crypto';
import { z } from 'zod';
import { NotifierError, type NotificationProvider, type SendReceipt, type WhatsAppMessage } from '../../ports/notifier.port';
import { NotifyHttp, replyLine } from './notify-http';
import { classifyWhatsAppError } from './whatsapp-errors';

/**
 * WhatsApp through Meta's Cloud API: an approved template message per notification (a business may
 * only open a conversation with a template), POSTed to `{baseUrl}/{apiVersion}/{phoneNumberId}/messages`
 * with the system user's access token as a Bearer token. Success is
 * `{"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id":"wamid…"}]}`: the
 * wamid is the receipt's provider id, the one the status webhooks (sent, delivered, read) name later.
 *
 * The Cloud API has no idempotency key, so the message key travels in `biz_opaque_callback_data`,
 * which Meta does not process and echoes in every status webhook for the message: the webhook handler
 * can tie a status to its intent, and a repeat is recognisable there. Errors: whatsapp-errors.ts.
 */

export const whatsappConfigSchema = z.object({
  channel: z.literal('whatsapp'),
  baseUrl: z.url().default('https://graph.facebook.com'),
  apiVersion: z
    .string()
    .regex(/^v\d+\.\d+$/, 'a Graph API version such as v21.0')
    .default('v21.0'),
  /** The business phone number's id in the WhatsApp Business Account (not the number itself). */
  phoneNumberId: z.string().regex(/^\d+$/, 'the numeric phone number id'),
  /** A system user's access token with whatsapp_business_messaging (never logged). */
  accessToken: z.string().min(1),
  timeoutMs: z.number().int().positive().default(10_000),
  maxSockets: z.number().int().positive().default(10),
});
export type WhatsAppConfig = z.input<typeof whatsappConfigSchema>;

/** What the Cloud API answers to a send. */
interface SendAnswer {
  messaging_product?: string;
  contacts?: { input?: string; wa_id?: string }[];
  messages?: { id?: string; message_status?: string }[];
}

/** Meta's limit for `biz_opaque_callback_data`; a longer key travels as its SHA-256. */
const MAX_CALLBACK_DATA = 512;

/** The request body for a template message, exactly as the Cloud API documents it. */
export function templateBody(m: WhatsAppMessage): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: m.to,
    type: 'template',
    template: { name: m.template.name, language: { code: m.template.language }, components: m.template.components },
    biz_opaque_callback_data: m.key.length <= MAX_CALLBACK_DATA ? m.key : createHash('sha256').update(m.key, 'utf8').digest('hex'),
  };
}

export class WhatsAppNotifier implements NotificationProvider<WhatsAppMessage> {
  readonly channel = 'whatsapp' as const;
  private readonly http: NotifyHttp;
  private readonly url: string;
  private readonly token: string;

  constructor(config: WhatsAppConfig) {
    const c = whatsappConfigSchema.parse(config);
    this.url = `${c.baseUrl.replace(/\/+$/, '')}/${c.apiVersion}/${c.phoneNumberId}/messages`;
    this.token = c.accessToken;
    this.http = new NotifyHttp({ timeoutMs: c.timeoutMs, maxSockets: c.maxSockets });
  }

  async send(m: WhatsAppMessage): Promise<SendReceipt> {
    const res = await this.http.post({
      what: `WhatsApp template ${m.template.name}`,
      url: this.url,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(templateBody(m)),
    });
    if (res.status < 200 || res.status >= 300) throw classifyWhatsAppError(res);
    let answer: SendAnswer;
    try {
      answer = JSON.parse(res.text) as SendAnswer;
    } catch {
      answer = {};
    }
    const id = answer.messages?.[0]?.id;
    if (!id) {
      // Accepted or not? Unknown: a retry could send twice, but the key in the status webhooks
      // shows a repeat, and not retrying could lose the message.
      throw new NotifierError(`WhatsApp answered ${res.status} without a message id`, 'retry', replyLine(res), undefined, res.status);
    }
    const status = answer.messages?.[0]?.message_status;
    return { providerId: id, reply: `HTTP ${res.status}${status ? ` ${status}` : ''} ${id}` };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
