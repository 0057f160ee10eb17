import { randomBytes } from 'node:crypto';
import { HANG, bearerOf, startHttpTestServer, type HttpTestServer, type TestReply, type TestRequest } from './http-test-server';

/**
 * An SMS gateway on loopback that meets the contract in src/engine/adapters/notify/sms.notifier.ts:
 * `POST /messages` with a Bearer token and `{to, text, reference, from?}`; 202 `{id}`; the same
 * reference again answers the first id and sends nothing; a number that is not E.164, or one listed
 * as invalid, gets 422 `invalid_number`; failures on request (any status and error body, 429 with
 * Retry-After, a held answer). Every message actually "sent" is recorded once.
 */

export interface SmsSent {
  id: string;
  to: string;
  text: string;
  reference: string;
  from: string | null;
  idempotencyKey: string | null;
}

export type SmsFailure = { status: number; code: string; message: string; retryAfterS?: number } | 'hang';

export interface SmsServer {
  url: string;
  token: string;
  http: HttpTestServer;
  sent: SmsSent[];
  /** Numbers the gateway answers 422 invalid_number for. */
  invalidNumbers: Set<string>;
  /** The next `times` requests fail this way. */
  failNext(failure: SmsFailure, times?: number): void;
  close(): Promise<void>;
}

const gatewayError = (status: number, code: string, message: string, headers: Record<string, string> = {}): TestReply => ({
  status,
  headers,
  body: { error: { code, message } },
});

const FIELDS = new Set(['to', 'text', 'reference', 'from']);

export async function startSmsServer(): Promise<SmsServer> {
  const token = `sms_${randomBytes(12).toString('hex')}`;
  const sent: SmsSent[] = [];
  const byReference = new Map<string, SmsSent>();
  const invalidNumbers = new Set<string>();
  const next: SmsFailure[] = [];

  const handle = (req: TestRequest): TestReply | typeof HANG => {
    if (req.method !== 'POST' || req.path !== '/messages') return gatewayError(404, 'not_found', `no route ${req.method} ${req.path}`);
    if (bearerOf(req) !== token) return gatewayError(401, 'unauthorized', 'invalid API token');
    const injected = next.shift();
    if (injected === 'hang') return HANG;
    if (injected) {
      const headers: Record<string, string> = injected.retryAfterS !== undefined ? { 'retry-after': String(injected.retryAfterS) } : {};
      return gatewayError(injected.status, injected.code, injected.message, headers);
    }
    let b: Record<string, unknown>;
    try {
      b = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return gatewayError(400, 'bad_request', 'the body is not JSON');
    }
    for (const k of Object.keys(b)) if (!FIELDS.has(k)) return gatewayError(400, 'bad_request', `unknown field ${k}`);
    if (typeof b.text !== 'string' || !b.text) return gatewayError(400, 'bad_request', 'text is required');
    if (typeof b.reference !== 'string' || !b.reference) return gatewayError(400, 'bad_request', 'reference is required');
    const to = typeof b.to === 'string' ? b.to : '';
    if (!/^\+[1-9]\d{6,14}$/.test(to) || invalidNumbers.has(to)) {
      return gatewayError(422, 'invalid_number', `${to || 'to'} is not a mobile number that can receive SMS`);
    }
    const earlier = byReference.get(b.reference);
    if (earlier) return { status: 200, body: { id: earlier.id, status: 'accepted', duplicate: true } };
    const message: SmsSent = {
      id: `SM${randomBytes(8).toString('hex')}`,
      to,
      text: b.text,
      reference: b.reference,
      from: typeof b.from === 'string' ? b.from : null,
      idempotencyKey: typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null,
    };
    sent.push(message);
    byReference.set(b.reference, message);
    return { status: 202, body: { id: message.id, status: 'accepted' } };
  };

  const http = await startHttpTestServer(handle);
  return {
    url: http.url,
    token,
    http,
    sent,
    invalidNumbers,
    failNext: (failure, times = 1) => {
      for (let i = 0; i < times; i++) next.push(failure);
    },
    close: () => http.close(),
  };
}
