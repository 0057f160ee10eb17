import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { AppError, isEndpoint, type ErrorBody } from '../shared';
import type { Actor, Engine } from '../engine';
import { carrierRoutes } from './carrier-routes';
import { channelRoutes } from './channel-routes';
import { eventSocket } from './event-socket';
import { sendError } from './http-errors';
import { registerInventoryRoutes } from './inventory-routes';
import { oidcRoutes, OIDC_CALLBACK_PATH, type OidcOptions } from './oidc';
import { orderReadRoute } from './order-read-route';
import { notifyRoutes } from './notify-routes';
import { returnLabelRoute } from './return-label-route';
import { isAllowedHost, isSameOrigin, LOOPBACK_HOSTS } from './origin-policy';
import { requireJson, sessionGate } from './request-auth';
import { registerSecurityHeaders } from './security-headers';
import { sessionRoutes } from './session-routes';

export interface HttpAppOptions {
  /** Folder of the built desk (out/renderer); absent for a headless node. */
  deskDir?: string;
  /** Who keyless loopback REST callers act as (callers with an API key act as their channel). */
  apiActor: Actor;
  /** Host names (no ports) this host answers to; default the loopback names (`ATALAYA_ALLOWED_HOSTS` adds to them). */
  allowedHosts?: readonly string[];
  /** PEM certificate and key: serve https (cookies Secure and `__Host-`, HSTS). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Sign-in through the company's identity provider. */
  oidc?: OidcOptions;
  /** Take the client address from X-Forwarded-For (`ATALAYA_TRUST_PROXY`: true, or the proxies' addresses); off by default. */
  trustProxy?: boolean | string[];
  /** How often open event sockets re-check their session (tests shorten it). */
  sessionRecheckMs?: number;
  logger?: boolean;
}

/** Paths that need no allowed Host (a load balancer's probe) or carry no Origin check (a top-level redirect back from the IdP). */
const HEALTH_PATH = '/healthz';

const refuse = (code: 'VALIDATION_FAILED' | 'FORBIDDEN', message: string, path: string): ErrorBody => ({
  error: { code, message, issues: [{ path, message }] },
});

/**
 * The HTTP + WebSocket transport of the contract: the public REST API for channels and
 * integrators, the desk's named endpoints (`POST /api/v1/desk/<endpoint>`) for signed-in people,
 * the live event stream, the session routes, health, and — for the web desk — the built renderer.
 * Every door is locked: the desk API and the stream by the session cookie, order reads and feeds by
 * API keys, webhooks by their channels', carriers' and notification providers' signatures, and everything by the Host allow-list.
 */
export async function buildHttpApp(engine: Engine, opts: HttpAppOptions): Promise<FastifyInstance> {
  const tls = opts.tls !== undefined;
  const allowedHosts = opts.allowedHosts ?? LOOPBACK_HOSTS;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
    ...(opts.tls ? { https: { cert: opts.tls.cert, key: opts.tls.key } } : {}),
  }) as unknown as FastifyInstance;
  app.decorateRequest('actor', null);
  await registerSecurityHeaders(app, { tileUrl: engine.config.tileUrl, tls });
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  app.setErrorHandler((err, _req, reply) => sendError(reply, err));

  // Host first (DNS rebinding: a page whose name resolves to this machine still sends its own name),
  // then Origin: once Host is trusted, a browser's Origin must be this very origin.
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0];
    if (path === HEALTH_PATH) return;
    if (!isAllowedHost(req.headers.host, allowedHosts))
      return reply
        .code(400)
        .send(
          refuse(
            'VALIDATION_FAILED',
            `This host does not answer to "${req.headers.host ?? ''}": add the name to ATALAYA_ALLOWED_HOSTS (comma-separated) if the desk should be reached by it`,
            'headers.host',
          ),
        );
    if (path !== OIDC_CALLBACK_PATH && !isSameOrigin(req.headers.origin, req.headers.host, tls))
      return reply
        .code(403)
        .send(refuse('FORBIDDEN', `Origin ${req.headers.origin} may not use this desk: only its own pages may`, 'headers.origin'));
  });

  app.get(HEALTH_PATH, async (_req, reply) => {
    const h = await engine.dispatch('system.health', {}, opts.apiActor);
    return reply.code(h.ok ? 200 : 503).send(h);
  });

  const sessions = sessionGate(engine, tls);
  const events = eventSocket(engine, { tls, gate: sessions.require, recheckMs: opts.sessionRecheckMs });
  const onSignOut = (token: string) => {
    sessions.forget(token);
    events.end(token);
  };
  await app.register(sessionRoutes(engine, { tls, oidcLabel: opts.oidc?.label ?? null, onSignOut }));
  if (opts.oidc) await app.register(oidcRoutes(engine, opts.oidc, { tls }));

  // Channel traffic (webhooks into the inbox, REST orders with API keys) and the OpenAPI document.
  await app.register(channelRoutes(engine, { apiActor: opts.apiActor }));
  // Carrier tracking webhooks, let in by the carrier's signature (no session).
  await app.register(carrierRoutes(engine));
  // Notification providers' delivery receipts (WhatsApp statuses), let in by the provider's signature (no session).
  await app.register(notifyRoutes(engine));
  // Return labels bought from a carrier, for the customer holding the link (no session: the link's token is the key).
  await app.register(returnLabelRoute(engine));
  await registerInventoryRoutes(app, engine);
  await app.register(orderReadRoute(engine, { tls }));

  // The desk may send an import file (imports.upload: base64, at most IMPORT_MAX_BYTES raw); every other body stays small.
  app.post<{ Params: { endpoint: string } }>(
    '/api/v1/desk/:endpoint',
    { onRequest: [sessions.require, requireJson], bodyLimit: 12 * 1024 * 1024 },
    async (req, reply) => {
      const { endpoint } = req.params;
      if (!isEndpoint(endpoint)) return sendError(reply, new AppError('NOT_FOUND', `Unknown endpoint "${endpoint}"`));
      return engine.dispatch(endpoint, req.body ?? {}, req.actor!);
    },
  );

  await app.register(events.register);

  if (opts.deskDir) {
    if (!existsSync(opts.deskDir)) throw new Error(`The desk is not built (${opts.deskDir} is missing): run "npm run build" first`);
    await app.register(fastifyStatic, { root: opts.deskDir, wildcard: false });
    app.setNotFoundHandler((req, reply) =>
      req.method === 'GET' && !req.url.startsWith('/api/')
        ? reply.sendFile('index.html')
        : sendError(reply, new AppError('NOT_FOUND', `No route ${req.method} ${req.url}`)),
    );
  } else {
    app.setNotFoundHandler((req, reply) => sendError(reply, new AppError('NOT_FOUND', `No route ${req.method} ${req.url}`)));
  }
  return app;
}
