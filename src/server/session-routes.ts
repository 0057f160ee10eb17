import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type SessionInfo, type SessionOptions } from '../shared';
import type { ClientMeta, Engine, SignedIn } from '../engine';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './session-cookie';
import { requireJson } from './request-auth';

const SignInBody = z.object({ username: z.string().trim().min(1).max(200), password: z.string().min(1).max(256) });
const SetupBody = z.object({
  token: z.string().min(1).max(200),
  username: z.string().min(1).max(200),
  displayName: z.string().min(1).max(200),
  password: z.string().min(1).max(256),
});

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  throw new AppError('VALIDATION_FAILED', `Invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

export const clientMeta = (req: FastifyRequest): ClientMeta => ({ ip: req.ip, userAgent: req.headers['user-agent'], via: 'web' });

export interface SessionRouteOptions {
  tls: boolean;
  /** The button text of the company's sign-in, when OIDC is configured. */
  oidcLabel: string | null;
}

/**
 * Hands a fresh session to the browser: the cookie, and what `session.me` answers (the desk shows
 * who is signed in without a second call).
 */
export async function answerSignedIn(engine: Engine, reply: FastifyReply, signedIn: SignedIn, tls: boolean): Promise<SessionInfo> {
  setSessionCookie(reply, signedIn.token, engine.identity.sessionPolicy.absoluteSeconds, tls);
  return engine.dispatch('session.me', {}, signedIn.actor);
}

/**
 * A session cookie the browser already holds is never adopted: signing in ends it and issues a new
 * token (session fixation — someone who planted a cookie value cannot ride the session it becomes).
 */
export async function endPresentedSession(engine: Engine, req: FastifyRequest, tls: boolean): Promise<void> {
  const old = sessionTokenOf(req, tls);
  if (old) await engine.identity.signOut(old);
}

/**
 * The session routes of the web desk (shapes in src/shared/session.ts): the sign-in page's options,
 * sign-in, sign-out and the first-run setup. Wrong credentials are 401, throttling 429 with
 * Retry-After (sendError), both from the engine.
 */
export function sessionRoutes(engine: Engine, o: SessionRouteOptions & { onSignOut(token: string): void }) {
  return async (scope: FastifyInstance) => {
    scope.get('/api/v1/session/options', async (): Promise<SessionOptions> => ({
      setupPending: (await engine.identity.pendingSetupToken()) !== null,
      oidc: o.oidcLabel ? { label: o.oidcLabel } : null,
    }));

    scope.post('/api/v1/session', { onRequest: requireJson }, async (req, reply) => {
      const body = parseBody(SignInBody, req.body);
      await endPresentedSession(engine, req, o.tls);
      const signedIn = await engine.identity.signIn(body, clientMeta(req));
      return answerSignedIn(engine, reply, signedIn, o.tls);
    });

    scope.delete('/api/v1/session', async (req, reply) => {
      const token = sessionTokenOf(req, o.tls);
      if (token) {
        await engine.identity.signOut(token);
        o.onSignOut(token);
      }
      clearSessionCookie(reply, o.tls);
      return reply.code(204).send();
    });

    scope.post('/api/v1/setup', { onRequest: requireJson }, async (req, reply) => {
      const body = parseBody(SetupBody, req.body);
      await endPresentedSession(engine, req, o.tls);
      const signedIn = await engine.identity.completeSetup(body, clientMeta(req));
      return answerSignedIn(engine, reply, signedIn, o.tls);
    });
  };
}
