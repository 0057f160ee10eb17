import { signWhatsAppWebhook } from '../../../src/engine/adapters/notify/whatsapp-webhook';
import type { WhatsAppServer } from './whatsapp-server';

/**
 * Meta's side of WhatsApp status webhooks, for tests: the body the Cloud API posts about messages
 * the loopback server accepted (the shape of Meta's "Status messages webhook reference", with the
 * `biz_opaque_callback_data` the send carried echoed back), signed as Meta signs it with the app's
 * secret, and posted to a running host.
 */

export interface StatusSpec {
  /** The wamid (the loopback server's `sent[i].id`). */
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed' | 'deleted';
  /** Unix seconds; default now. */
  timestamp?: number;
  /** E.164 without the plus, as Meta writes it. */
  recipientId?: string;
  /** What the send put in biz_opaque_callback_data (the message key); absent for a message sent without. */
  callbackData?: string;
  errors?: { code: number; title: string; message?: string; details?: string }[];
}

/** The JSON body of one status webhook (one entry, one change), exactly as it will be signed and posted. */
export function statusWebhookBody(server: Pick<WhatsAppServer, 'phoneNumberId'>, statuses: readonly StatusSpec[]): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: server.phoneNumberId },
              statuses: statuses.map((s) => ({
                id: s.id,
                status: s.status,
                timestamp: String(s.timestamp ?? Math.floor(Date.now() / 1000)),
                recipient_id: s.recipientId ?? '5491155550000',
                ...(s.callbackData !== undefined ? { biz_opaque_callback_data: s.callbackData } : {}),
                ...(s.status === 'sent' || s.status === 'delivered'
                  ? { pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' } }
                  : {}),
                ...(s.errors
                  ? {
                      errors: s.errors.map((e) => ({
                        code: e.code,
                        title: e.title,
                        message: e.message ?? e.title,
                        error_data: { details: e.details ?? e.title },
                        href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
                      })),
                    }
                  : {}),
              })),
            },
            field: 'messages',
          },
        ],
      },
    ],
  });
}

export interface PostedWebhook {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * Posts `body` to `url` as Meta does: JSON, with `X-Hub-Signature-256` made with `appSecret`
 * (`signature` overrides it — a forged or absent one: null sends none).
 */
export async function postStatusWebhook(
  url: string,
  body: string,
  appSecret: string,
  opts: { signature?: string | null } = {},
): Promise<PostedWebhook> {
  const signature = opts.signature === undefined ? signWhatsAppWebhook(appSecret, body) : opts.signature;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      ...(signature !== null ? { 'x-hub-signature-256': signature } : {}),
    },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: kept as text.
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
