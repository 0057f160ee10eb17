import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../shared';
import { unavailableError, type Actor, type Engine } from '../engine';
import { sessionTokenOf } from './session-cookie';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request acts as, once a hook of its route has authenticated it. */
    actor: Actor | null;
  }
}

/** The secret of `Authorization: Bearer <key>` or `X-Api-Key: <key>`, as integrations send it. */
export function presentedKey(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization?.trim();
  if (auth && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim() || undefined;
  const header = req.headers['x-api-key'];
  return (Array.isArray(header) ? header[0] : header)?.trim() || undefined;
}

/** 401 with the header that tells a client how to authenticate. */
export function unauthorized(reply: FastifyReply, message: string, scheme = 'Bearer realm="atalaya"'): FastifyReply {
  return reply
    .code(401)
    .header('www-authenticate', scheme)
    .send({ error: { code: 'UNAUTHORIZED', message } } satisfies ErrorBody);
}

const SIGN_IN = 'Sign in first: no live session (it may have expired or been signed out) — open the desk and sign in again';

/** The one endpoint a desk may still call while the database (where sessions live) is away: it says the database is away. */
const OUTAGE_ENDPOINT = 'system.health';
const REMEMBERED = 10_000;

/**
 * Desk sessions at this host's doors: `require` is a route hook — the request acts as the person of
 * its live session cookie, or is refused 401. An API key is never a desk session (integrators do
 * not drive the desk).
 *
 * Sessions live in the database; while it is away nothing can be checked, and every endpoint but
 * `system.health` needs the database anyway. So that the desk can still show why it is stuck, a
 * token this host saw live within the idle timeout may call `system.health` (and nothing else)
 * during an outage. `forget` drops a token signed out here.
 */
export function sessionGate(engine: Engine, tls: boolean) {
  const seen = new Map<string, { actor: Actor; at: number }>();
  const remember = (token: string, actor: Actor) => {
    seen.delete(token);
    seen.set(token, { actor, at: Date.now() });
    if (seen.size > REMEMBERED) seen.delete(seen.keys().next().value!);
  };
  const duringOutage = (token: string, req: FastifyRequest): Actor | null => {
    const endpoint = (req.params as { endpoint?: string } | undefined)?.endpoint;
    const last = seen.get(token);
    if (endpoint !== OUTAGE_ENDPOINT || !last) return null;
    return Date.now() - last.at < engine.identity.sessionPolicy.idleSeconds * 1000 ? last.actor : null;
  };
  const require = async (req: FastifyRequest, reply: FastifyReply) => {
    const token = sessionTokenOf(req, tls);
    if (!token) return unauthorized(reply, SIGN_IN, 'Session realm="atalaya"');
    let actor: Actor | null;
    try {
      actor = await engine.identity.authenticate(token);
    } catch (e) {
      actor = unavailableError(e) ? duringOutage(token, req) : null;
      if (!actor) throw e;
      req.actor = actor;
      return;
    }
    if (!actor) {
      seen.delete(token);
      return unauthorized(reply, SIGN_IN, 'Session realm="atalaya"');
    }
    remember(token, actor);
    req.actor = actor;
  };
  return { require, forget: (token: string) => void seen.delete(token) };
}

/**
 * A route hook: the request acts as the integrator of an API key holding `scope`, or is refused 401
 * (no key, an unknown or revoked key, or one without the scope — the engine does not say which).
 */
export function requireKey(engine: Engine, scope: 'inventory.feeds' | 'orders.read') {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const secret = presentedKey(req);
    const actor = secret ? await engine.identity.authenticateKey(secret, scope) : null;
    if (!actor)
      return unauthorized(
        reply,
        secret
          ? `This API key is unknown, revoked, or lacks the scope "${scope}"; an admin creates keys in the desk (Settings → API keys)`
          : `An API key with the scope "${scope}" is required: send Authorization: Bearer <key>`,
      );
    req.actor = actor;
  };
}

/**
 * A route hook: the desk's endpoints take JSON only. A page on another site can make a browser post
 * a form or text/plain without asking (no CORS preflight); it cannot send application/json that way.
 */
export async function requireJson(req: FastifyRequest, reply: FastifyReply) {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type))
    return reply.code(415).send({
      error: {
        code: 'VALIDATION_FAILED',
        message: `Send the body as JSON (Content-Type: application/json), not "${type || 'none'}"`,
        issues: [{ path: 'headers.content-type', message: 'must be application/json' }],
      },
    } satisfies ErrorBody);
}
