import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../shared';
import type { Actor, Engine } from '../engine';
import { presentedKey, unauthorized } from './request-auth';
import { sessionTokenOf } from './session-cookie';

type Reader = { actor: Actor; onlyChannel?: string } | { refused: string };

/**
 * Who reads an order: an integrator key with the scope `orders.read` (any order), an API channel's
 * own key (its channel's orders only), or a signed-in person (the engine applies their role and
 * locations). The key is tried first when one is sent, so a browser's cookie never widens a key.
 */
async function readerOf(engine: Engine, req: FastifyRequest, tls: boolean): Promise<Reader> {
  const secret = presentedKey(req);
  if (secret) {
    const integrator = await engine.identity.authenticateKey(secret, 'orders.read');
    if (integrator) return { actor: integrator };
    const channel = await engine.intake.authenticateRest({ authorization: `Bearer ${secret}` }, false);
    if (channel.ok && channel.channelId && channel.actor) return { actor: channel.actor, onlyChannel: channel.channelId };
    return { refused: 'This API key is unknown, revoked, or may not read orders (an integrator key needs the scope "orders.read")' };
  }
  const token = sessionTokenOf(req, tls);
  const person = token ? await engine.identity.authenticate(token) : null;
  if (person) return { actor: person };
  return {
    refused: 'Authenticate: send Authorization: Bearer <key> (an integrator key with "orders.read", or your channel\'s key), or sign in',
  };
}

/** `GET /api/v1/orders/:id` — an order with its lines and timeline, for whoever may read it. */
export function orderReadRoute(engine: Engine, o: { tls: boolean }) {
  return async (scope: FastifyInstance) => {
    scope.get<{ Params: { id: string } }>('/api/v1/orders/:id', async (req, reply) => {
      const reader = await readerOf(engine, req, o.tls);
      if ('refused' in reader) return unauthorized(reply, reader.refused);
      const order = await engine.dispatch('orders.get', { id: req.params.id }, reader.actor);
      // Another channel's order does not exist as far as this key can tell: the very answer of an unknown id.
      if (reader.onlyChannel && order.intake.channelId !== reader.onlyChannel)
        throw new AppError('NOT_FOUND', `No order with id ${req.params.id}`);
      return order;
    });
  };
}
