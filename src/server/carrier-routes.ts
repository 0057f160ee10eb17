import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine } from '../engine';

/** A carrier's webhook is small (a delivery id and a few tracking numbers); up to this size is taken. */
export const CARRIER_BODY_LIMIT = 1024 * 1024;

function flatHeaders(req: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * The path after `/api/v1/carriers/<id>` exactly as sent (still percent-encoded), with its query
 * string: carriers that do not sign (Mercado Libre, Envia) prove themselves by a `?token=` in the URL.
 */
export function carrierPath(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q);
  return (/^\/api\/v1\/carriers\/[^/]*(\/.*)?$/.exec(path)?.[1] ?? '/') + query;
}

/**
 * Carrier webhooks, with bodies kept as raw bytes (signatures are computed over them):
 * `POST /api/v1/carriers/:accountId/*` — verified by the account's adapter (401 and nothing written
 * when the signature is wrong), kept raw and answered 200 at once; a worker re-fetches the tracking
 * of the shipments it names. No session: the carrier's signature is what lets it in (the Host
 * allow-list still applies — the carrier calls the public name in ATALAYA_ALLOWED_HOSTS).
 */
export function carrierRoutes(engine: Engine) {
  return async (scope: FastifyInstance) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CARRIER_BODY_LIMIT }, (_req, body, done) => done(null, body));

    scope.post<{ Params: { accountId: string; '*': string } }>(
      '/api/v1/carriers/:accountId/*',
      { bodyLimit: CARRIER_BODY_LIMIT },
      async (req, reply) => {
        const res = await engine.carriers.receive(req.params.accountId, {
          method: req.method,
          path: carrierPath(req.raw.url ?? ''),
          headers: flatHeaders(req),
          rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          receivedAt: new Date(),
        });
        return reply.code(res.status).send(res.body);
      },
    );
  };
}
