import { verifyWebhookSignature, type WebhookVerification } from '../../../src/engine/adapters/notify/webhook-signature';
import { HANG, startHttpTestServer, type HttpTestServer, type TestReply, type TestRequest } from './http-test-server';

/**
 * A merchant's webhook endpoint on loopback, written as docs/merchant-webhooks.md tells merchants to
 * write one: it verifies `Atalaya-Signature` over the raw body bytes with verifyWebhookSignature (any
 * of its secrets, for a rotation) and answers 401 when it does not hold; it drops a repeated
 * `Atalaya-Delivery` (answers 200, records nothing new). On request it answers a status of choice
 * (500, 410, 429 with Retry-After, a redirect …) or holds the answer, for the next N requests.
 */

export interface WebhookDelivery {
  path: string;
  event: string;
  delivery: string;
  signature: string;
  contentType: string;
  raw: Buffer;
  body: string;
}

export type ReceiverFailure = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

export interface WebhookReceiver {
  /** The endpoint URL to register (`/hooks/atalaya`). */
  url: string;
  http: HttpTestServer;
  /** Accepted deliveries, each Atalaya-Delivery once. */
  deliveries: WebhookDelivery[];
  /** The verification result of every request, in order (refusals included). */
  verdicts: WebhookVerification[];
  /** The next `times` verified requests answer this way. */
  failNext(failure: ReceiverFailure, times?: number): void;
  close(): Promise<void>;
}

const header = (req: TestRequest, name: string): string => {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

export async function startWebhookReceiver(opts: { secrets: string[]; toleranceSec?: number }): Promise<WebhookReceiver> {
  const deliveries: WebhookDelivery[] = [];
  const verdicts: WebhookVerification[] = [];
  const seen = new Set<string>();
  const next: ReceiverFailure[] = [];

  const handle = (req: TestRequest): TestReply | typeof HANG => {
    if (req.method !== 'POST') return { status: 405, body: { error: 'POST only' } };
    const verdict = verifyWebhookSignature(opts.secrets, header(req, 'atalaya-signature'), req.raw, { toleranceSec: opts.toleranceSec });
    verdicts.push(verdict);
    if (!verdict.ok) return { status: 401, body: { error: `signature rejected: ${verdict.reason}` } };
    const injected = next.shift();
    if (injected === 'hang') return HANG;
    if (injected) return { status: injected.status, body: injected.body, headers: injected.headers };
    const delivery = header(req, 'atalaya-delivery');
    if (!delivery) return { status: 400, body: { error: 'Atalaya-Delivery header missing' } };
    if (seen.has(delivery)) return { status: 200, body: { ok: true, duplicate: true } };
    seen.add(delivery);
    deliveries.push({
      path: req.path,
      event: header(req, 'atalaya-event'),
      delivery,
      signature: header(req, 'atalaya-signature'),
      contentType: header(req, 'content-type'),
      raw: req.raw,
      body: req.body,
    });
    return { status: 200, body: { ok: true } };
  };

  const http = await startHttpTestServer(handle);
  return {
    url: `${http.url}/hooks/atalaya`,
    http,
    deliveries,
    verdicts,
    failNext: (failure, times = 1) => {
      for (let i = 0; i < times; i++) next.push(failure);
    },
    close: () => http.close(),
  };
}
