import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine';

export const RETURN_LABEL_PATH = '/api/v1/returns/labels/:token';

/**
 * `GET /api/v1/returns/labels/:token` — the return label a customer was sent a link to (the
 * carrier's PDF, or its ZPL as text), while the return is approved or on its way back. No session:
 * the link's 24 random bytes are the key; anything else is the same 404, so a guess learns nothing.
 * Not cached by proxies or browsers (`no-store`), never framed, named after the return's code.
 */
export function returnLabelRoute(engine: Engine) {
  return async (scope: FastifyInstance) => {
    scope.get<{ Params: { token: string } }>(RETURN_LABEL_PATH, async (req, reply) => {
      const label = await engine.returnLabels.download(req.params.token);
      reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
      if (!label)
        return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'No return label at this link (it may have expired)' } });
      const name = `devolucion-R-${label.returnNumber}.${label.format === 'pdf' ? 'pdf' : 'zpl'}`;
      return reply
        .code(200)
        .header('content-type', label.format === 'pdf' ? 'application/pdf' : 'text/plain; charset=utf-8')
        .header('content-disposition', `inline; filename="${name}"`)
        .send(label.bytes);
    });
  };
}
