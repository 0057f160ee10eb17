import { z } from 'zod';
import { NotifierError, type NotificationProvider, type SendReceipt, type WebhookMessage } from '../../ports/notifier.port';
import { NotifyHttp, replyLine, retryAfter, type NotifyResponse } from './notify-http';
import { signWebhook } from './webhook-signature';

/**
 * Merchant webhooks: the event's exact JSON body POSTed to the merchant's endpoint, signed so the
 * receiver can tell it came from us and is not a replay (webhook-signature.ts), with the message key
 * as `Atalaya-Delivery` so a receiver can drop a repeat (docs/merchant-webhooks.md is the receiver's
 * guide). Redirects are not followed: the endpoint is the URL the merchant registered.
 *
 * Answers: 2xx → sent; 408, 429 (with Retry-After), 5xx, a timeout or no connection → `retry`;
 * 401/403 → `config` (the receiver refused our signature or credentials: the endpoint's secret on the
 * two sides differs, and every delivery will meet the same until someone fixes it); 410 Gone →
 * `failed` with `httpStatus` 410 (the endpoint asks us to stop: the worker may disable it); a
 * redirect or any other 4xx → `failed` with the status and an excerpt of the body. A URL that is not
 * http(s) → `undeliverable`: there is nowhere to deliver to.
 */

export const webhookConfigSchema = z.object({
  channel: z.literal('webhook'),
  /** The longest wait for a merchant's answer (10 s: receivers should answer first and work later). */
  timeoutMs: z.number().int().positive().default(10_000),
  maxSockets: z.number().int().positive().default(10),
  userAgent: z.string().min(1).default('Atalaya-Webhooks/1'),
});
export type WebhookConfig = z.input<typeof webhookConfigSchema>;

/** The NotifierError for an endpoint's answer outside 2xx. */
export function classifyWebhookAnswer(res: NotifyResponse, event: string): NotifierError {
  const reply = replyLine(res);
  const s = res.status;
  const what = `webhook ${event}`;
  if (s === 410) {
    return new NotifierError(`${what}: the endpoint answered 410 Gone — it asks not to be called again`, 'failed', reply, undefined, s);
  }
  if (s === 401 || s === 403) {
    return new NotifierError(
      `${what}: the endpoint refused our signature (${reply}); the endpoint's signing secret differs from the merchant's`,
      'config',
      reply,
      undefined,
      s,
    );
  }
  if (s === 408 || s === 429 || s >= 500) {
    return new NotifierError(
      `${what}: the endpoint failed or is busy (${reply}); it can be tried again`,
      'retry',
      reply,
      retryAfter(res),
      s,
    );
  }
  if (s >= 300 && s < 400) {
    const location = String(res.headers.location ?? '');
    const to = location && URL.canParse(location, 'http://x') ? ` to ${new URL(location, 'http://x').host}` : '';
    return new NotifierError(
      `${what}: the endpoint redirects${to} (${s}); redirects are not followed — register the final URL`,
      'failed',
      reply,
      undefined,
      s,
    );
  }
  return new NotifierError(`${what}: the endpoint refused the delivery (${reply})`, 'failed', reply, undefined, s);
}

export class WebhookNotifier implements NotificationProvider<WebhookMessage> {
  readonly channel = 'webhook' as const;
  private readonly http: NotifyHttp;
  private readonly userAgent: string;

  constructor(
    config: WebhookConfig = { channel: 'webhook' },
    /** The clock of the signature's timestamp (tests pass a fixed one). */
    private readonly now: () => Date = () => new Date(),
  ) {
    const c = webhookConfigSchema.parse(config);
    this.userAgent = c.userAgent;
    this.http = new NotifyHttp({ timeoutMs: c.timeoutMs, maxSockets: c.maxSockets });
  }

  async send(m: WebhookMessage): Promise<SendReceipt> {
    const url = URL.canParse(m.url) ? new URL(m.url) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      // The URL itself stays out of the message: its query may carry the merchant's token.
      const reason = url ? `the endpoint's URL is not http(s) but ${url.protocol}` : "the endpoint's URL is not a URL";
      throw new NotifierError(`webhook ${m.event}: ${reason}; correct it on the desk`, 'undeliverable', reason);
    }
    if (!m.secret) throw new NotifierError(`webhook ${m.event}: the endpoint has no signing secret`, 'config');
    const res = await this.http.post({
      what: `webhook ${m.event}`,
      url: url.href,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': this.userAgent,
        'Atalaya-Event': m.event,
        'Atalaya-Delivery': m.key,
        'Atalaya-Signature': signWebhook(m.secret, m.body, this.now()),
      },
      body: m.body,
    });
    if (res.status >= 200 && res.status < 300) return { providerId: m.key, reply: replyLine(res) };
    throw classifyWebhookAnswer(res, m.event);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
