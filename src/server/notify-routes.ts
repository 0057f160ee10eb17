import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine } from '../engine';

/** Meta sends up to a few megabytes of statuses in one webhook; up to this size is taken. */
export const NOTIFY_BODY_LIMIT = 3 * 1024 * 1024;

export const WHATSAPP_WEBHOOK_PATH = '/api/v1/notify/whatsapp';

function flatHeaders(req: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function flatQuery(q: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries((q ?? {}) as Record<string, unknown>)) out[k] = Array.isArray(v) ? String(v[0]) : String(v);
  return out;
}

/**
 * Notification providers' webhooks, with bodies kept as raw bytes (Meta signs the bytes):
 * - `GET /api/v1/notify/whatsapp` — Meta's verification: `hub.challenge` echoed as plain text when
 *   `hub.verify_token` is the WhatsApp provider's verify token, 403 otherwise;
 * - `POST /api/v1/notify/whatsapp` — message statuses, signed with `X-Hub-Signature-256` (401 and
 *   nothing written when the signature is wrong), applied to the messages they name and answered
 *   200 (503 with Retry-After when a send they name is still being recorded: Meta sends it again).
 * No session: the signature is what lets Meta in (the Host allow-list still applies — Meta calls the
 * public name in ATALAYA_ALLOWED_HOSTS). docs/merchant-webhooks.md says how to point Meta here.
 */
export function notifyRoutes(engine: Engine) {
  return async (scope: FastifyInstance) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: NOTIFY_BODY_LIMIT }, (_req, body, done) => done(null, body));

    scope.get(WHATSAPP_WEBHOOK_PATH, async (req, reply) => {
      const res = await engine.receipts.verifyWhatsApp(flatQuery(req.query));
      if (res.status === 200) return reply.code(200).header('content-type', 'text/plain; charset=utf-8').send(res.body);
      return reply.code(res.status).send(res.body);
    });

    scope.post(WHATSAPP_WEBHOOK_PATH, { bodyLimit: NOTIFY_BODY_LIMIT }, async (req, reply) => {
      const res = await engine.receipts.receiveWhatsApp({
        headers: flatHeaders(req),
        rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        receivedAt: new Date(),
      });
      if (res.status === 503 && res.body.error.retryAfterSeconds) reply.header('retry-after', String(res.body.error.retryAfterSeconds));
      return reply.code(res.status).send(res.body);
    });
  };
}
