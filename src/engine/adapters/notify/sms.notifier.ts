import { z } from 'zod';
import { NotifierError, type NotificationProvider, type SendReceipt, type SmsMessage } from '../../ports/notifier.port';
import { NotifyHttp, replyLine, retryAfter, type NotifyResponse } from './notify-http';

/**
 * SMS through an HTTP gateway. SMS providers share no standard API, so Atalaya speaks one small
 * format and a gateway (or a thin proxy in front of Twilio, Infobip, a local aggregator …) must meet
 * this contract:
 *
 * Request — `POST {baseUrl}/messages`, headers `Authorization: Bearer <token>`,
 * `Content-Type: application/json`, `Idempotency-Key: <reference>`; body
 * `{"to": "+5491155550000", "text": "…", "reference": "<message key>", "from"?: "<sender id>"}`.
 * `to` is E.164; `text` is UTF-8 (the gateway splits and encodes it); `reference` is unique per
 * message: a gateway that sees a reference again must answer with the first message's id and send
 * nothing (a retry after a lost answer repeats the call); `from` only when configured.
 *
 * Answers —
 * - 200, 201 or 202 `{"id": "<gateway message id>"}`: accepted (→ sent, the id is the receipt's);
 * - 400 or 422 `{"error": {"code": "invalid_number" | "not_mobile" | "opted_out", "message": "…"}}`:
 *   the number cannot get SMS (→ undeliverable, never retried);
 * - 401 or 403: the token is wrong (→ config);
 * - 429 with `Retry-After` (seconds or an HTTP date), or any 5xx: try later (→ retry);
 * - any other 4xx, `{"error": {"code", "message"}}` where possible: the message is refused (→ failed).
 */

export const smsConfigSchema = z.object({
  channel: z.literal('sms'),
  baseUrl: z.url(),
  /** The gateway's API token (never logged). */
  token: z.string().min(1),
  /** Sender id or number, when the gateway lets the caller choose. */
  from: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().default(10_000),
  maxSockets: z.number().int().positive().default(10),
});
export type SmsConfig = z.input<typeof smsConfigSchema>;

/** Gateway error codes that mean "this number cannot receive SMS". */
export const UNDELIVERABLE_SMS_CODES: readonly string[] = ['invalid_number', 'not_mobile', 'opted_out'];

function gatewayError(res: NotifyResponse): { code?: string; message?: string } {
  try {
    const body = JSON.parse(res.text) as { error?: { code?: unknown; message?: unknown } };
    const e = body?.error;
    return {
      code: typeof e?.code === 'string' ? e.code : undefined,
      message: typeof e?.message === 'string' ? e.message : undefined,
    };
  } catch {
    return {};
  }
}

/** The NotifierError for a gateway answer that is not a 2xx. */
export function classifySmsError(res: NotifyResponse): NotifierError {
  const reply = replyLine(res);
  const s = res.status;
  const { code } = gatewayError(res);
  if ((s === 400 || s === 422) && code && UNDELIVERABLE_SMS_CODES.includes(code)) {
    return new NotifierError(`the SMS gateway cannot send to this number (${reply})`, 'undeliverable', reply, undefined, s);
  }
  if (s === 401 || s === 403) {
    return new NotifierError(`the SMS gateway refused our token (${reply}); check the SMS token`, 'config', reply, undefined, s);
  }
  if (s === 404 || s === 405) {
    return new NotifierError(`the SMS gateway has no POST /messages (${reply}); check the SMS base URL`, 'config', reply, undefined, s);
  }
  if (s === 408 || s === 429 || s >= 500) {
    return new NotifierError(`the SMS gateway is busy or failing (${reply}); it can be tried again`, 'retry', reply, retryAfter(res), s);
  }
  return new NotifierError(`the SMS gateway refused the message (${reply})`, 'failed', reply, undefined, s);
}

export class SmsNotifier implements NotificationProvider<SmsMessage> {
  readonly channel = 'sms' as const;
  private readonly http: NotifyHttp;
  private readonly url: string;
  private readonly token: string;
  private readonly from: string | undefined;

  constructor(config: SmsConfig) {
    const c = smsConfigSchema.parse(config);
    this.url = `${c.baseUrl.replace(/\/+$/, '')}/messages`;
    this.token = c.token;
    this.from = c.from;
    this.http = new NotifyHttp({ timeoutMs: c.timeoutMs, maxSockets: c.maxSockets });
  }

  async send(m: SmsMessage): Promise<SendReceipt> {
    const res = await this.http.post({
      what: 'SMS',
      url: this.url,
      headers: {
        authorization: `Bearer ${this.token}`,
        'content-type': 'application/json',
        accept: 'application/json',
        'idempotency-key': m.key,
      },
      body: JSON.stringify({ to: m.to, text: m.text, reference: m.key, ...(this.from ? { from: this.from } : {}) }),
    });
    if (res.status < 200 || res.status >= 300) throw classifySmsError(res);
    let id: unknown;
    try {
      id = (JSON.parse(res.text) as { id?: unknown }).id;
    } catch {
      id = undefined;
    }
    // An accepted message without an id is still accepted: the reference finds it at the gateway.
    return { providerId: typeof id === 'string' || typeof id === 'number' ? String(id) : null, reply: `HTTP ${res.status}` };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
