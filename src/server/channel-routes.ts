import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorBody } from '../shared';
import { restOrderCall, type Actor, type Engine } from '../engine';
import { sendError } from './http-errors';
import { openApiDocument } from './openapi';

/** Webhook bodies up to this size are taken (a large marketplace order is far below). */
export const CHANNEL_BODY_LIMIT = 2 * 1024 * 1024;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function flatHeaders(req: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * The path after `/api/v1/channels/<id>` exactly as sent (still percent-encoded, no query string):
 * adapters decode what they read from it once, so an external id may hold `/` or `%` as `%2F`, `%25`.
 */
function channelPath(req: FastifyRequest): string {
  const path = (req.raw.url ?? '').split('?')[0]!;
  return /^\/api\/v1\/channels\/[^/]*(\/.*)?$/.exec(path)?.[1] ?? '/';
}

const rawOf = (req: FastifyRequest): Buffer => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));

const unauthorized = (reply: FastifyReply, message: string) =>
  reply
    .code(401)
    .header('www-authenticate', 'Bearer realm="atalaya"')
    .send({ error: { code: 'UNAUTHORIZED', message } } satisfies ErrorBody);

/**
 * Channel traffic, with bodies kept as raw bytes (signatures are computed over them):
 * - `POST /api/v1/channels/:channelId/*` — a channel's webhook or notification: verified by its
 *   adapter (401 and nothing written when the signature is wrong), committed to the inbox, answered
 *   200 at once; a worker processes it. A redelivery is answered 200 and changes nothing.
 * - `POST /api/v1/orders` — the synchronous REST API: the request is recorded in the inbox first,
 *   then the order is taken and returned. With an API key it acts as that key's channel; without
 *   one it is accepted only from loopback while no API channel exists.
 * - `GET /api/v1/openapi.json` — the OpenAPI 3.1 document.
 */
export function channelRoutes(engine: Engine, opts: { apiActor: Actor }) {
  return async (scope: FastifyInstance) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CHANNEL_BODY_LIMIT }, (_req, body, done) => done(null, body));

    scope.get('/api/v1/openapi.json', async () => openApiDocument());

    scope.post<{ Params: { channelId: string; '*': string } }>('/api/v1/channels/:channelId/*', async (req, reply) => {
      const res = await engine.intake.receive(req.params.channelId, {
        method: req.method,
        path: channelPath(req),
        headers: flatHeaders(req),
        rawBody: rawOf(req),
        receivedAt: new Date(),
      });
      return reply.code(res.status).send(res.body);
    });

    scope.post('/api/v1/orders', async (req, reply) => {
      const headers = flatHeaders(req);
      const auth = await engine.intake.authenticateRest(headers, LOOPBACK.has(req.ip));
      if (!auth.ok && auth.status === 503)
        return reply
          .code(503)
          .header('retry-after', '60')
          .send({ error: { code: 'UNAVAILABLE', message: auth.reason } } satisfies ErrorBody);
      if (!auth.ok) return unauthorized(reply, auth.reason);
      const rawBody = rawOf(req);
      const inboxId = await engine.intake.recordRest(auth.channelId, {
        method: 'POST',
        path: '/orders',
        headers,
        rawBody,
        receivedAt: new Date(),
      });
      try {
        // The channel is who the key says, whatever the body claims; the inbox worker reads a row
        // whose answer was never sent with the same function, so a retry finds the same order.
        const call = restOrderCall(rawBody, auth.channelId, headers['idempotency-key']);
        // A new order settles its inbox row in the same statement; a replay is recorded here.
        const res = await engine.intake.createRestOrder(inboxId, call, auth.actor ?? opts.apiActor);
        if (res.replayed) await engine.intake.finishRest(inboxId, { orderId: res.order.id });
        return reply
          .code(res.replayed ? 200 : 201)
          .header('location', `/api/v1/orders/${res.order.id}`)
          .send(res.order);
      } catch (e) {
        // A refused order is recorded with why; an engine failure or outage (5xx) leaves the row `received` for the inbox workers.
        if (e instanceof AppError && e.status < 500) await engine.intake.finishRest(inboxId, { rejected: e.message, issues: e.issues });
        return sendError(reply, e, 'order.');
      }
    });
  };
}
