import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppError, isEndpoint, type ErrorBody, type FieldIssue } from '../shared';
import type { Actor, Engine } from '../engine';
import { isAllowedOrigin } from './origin-policy';
import { registerInventoryRoutes } from './inventory-routes';

export interface HttpAppOptions {
  /** Folder of the built desk (out/renderer); absent for a headless node. */
  deskDir?: string;
  /** Who the local desk acts as. */
  deskActor: Actor;
  /** Who REST API callers act as (per-channel API keys come with channel management). */
  apiActor: Actor;
  logger?: boolean;
}

/** Serialises any failure as the contract's error body; unknown errors never leak internals. */
function sendError(reply: FastifyReply, err: unknown, stripPrefix?: string): FastifyReply {
  if (err instanceof AppError) {
    const body = err.toBody();
    if (stripPrefix && body.error.issues) {
      body.error.issues = body.error.issues.map((i: FieldIssue) => ({ ...i, path: i.path.startsWith(stripPrefix) ? i.path.slice(stripPrefix.length) || '(body)' : i.path }));
      body.error.message = `Invalid order: ${body.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
    }
    return reply.code(err.status).send(body);
  }
  const fe = err as { statusCode?: number; code?: string; message?: string };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const body: ErrorBody = { error: { code: fe.statusCode === 415 ? 'VALIDATION_FAILED' : 'VALIDATION_FAILED', message: fe.message ?? 'Bad request' } };
    return reply.code(fe.statusCode).send(body);
  }
  reply.log.error({ err }, 'unhandled error');
  return reply.code(500).send({ error: { code: 'INTERNAL', message: 'Internal error; the engine log has the details' } } satisfies ErrorBody);
}

/**
 * The HTTP + WebSocket transport of the contract: the public REST API for channels and
 * integrators, the desk's named endpoints (`POST /api/v1/desk/<endpoint>`), the live event stream,
 * health, and — for the web desk — the built renderer.
 */
export async function buildHttpApp(engine: Engine, opts: HttpAppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1024 * 1024 });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  app.setErrorHandler((err, _req, reply) => sendError(reply, err));

  /** The desk's endpoints refuse other web origins (a page elsewhere must not drive a local desk). */
  const checkOrigin = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!isAllowedOrigin(req.headers.origin, req.headers.host)) {
      return reply.code(403).send({ error: { code: 'FORBIDDEN', message: `Origin ${req.headers.origin} may not use this desk` } } satisfies ErrorBody);
    }
  };

  app.get('/healthz', async (_req, reply) => {
    const h = await engine.dispatch('system.health', {}, opts.apiActor);
    return reply.code(h.ok ? 200 : 503).send(h);
  });

  app.post('/api/v1/orders', async (req, reply) => {
    const raw = req.headers['idempotency-key'];
    const key = Array.isArray(raw) ? raw[0] : raw;
    try {
      const res = await engine.dispatch('orders.create', { order: req.body, idempotencyKey: key }, opts.apiActor);
      return reply.code(res.replayed ? 200 : 201).header('location', `/api/v1/orders/${res.order.id}`).send(res.order);
    } catch (e) {
      return sendError(reply, e, 'order.');
    }
  });

  await registerInventoryRoutes(app, engine, opts.apiActor);

  app.get<{ Params: { id: string } }>('/api/v1/orders/:id', async (req) => engine.dispatch('orders.get', { id: req.params.id }, opts.apiActor));

  // The desk may send an import file (imports.upload: base64, at most IMPORT_MAX_BYTES raw); every other body stays small.
  app.post<{ Params: { endpoint: string } }>('/api/v1/desk/:endpoint', { preHandler: checkOrigin, bodyLimit: 12 * 1024 * 1024 }, async (req, reply) => {
    const { endpoint } = req.params;
    if (!isEndpoint(endpoint)) return sendError(reply, new AppError('NOT_FOUND', `Unknown endpoint "${endpoint}"`));
    return engine.dispatch(endpoint, req.body ?? {}, opts.deskActor);
  });

  app.get('/api/v1/events', { websocket: true, preHandler: checkOrigin }, (socket) => {
    const off = engine.onEvent((event) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
    });
    socket.on('close', off);
    socket.on('error', off);
  });

  if (opts.deskDir) {
    if (!existsSync(opts.deskDir)) throw new Error(`The desk is not built (${opts.deskDir} is missing): run "npm run build" first`);
    await app.register(fastifyStatic, { root: opts.deskDir, wildcard: false });
    app.setNotFoundHandler((req, reply) =>
      req.method === 'GET' && !req.url.startsWith('/api/') ? reply.sendFile('index.html') : sendError(reply, new AppError('NOT_FOUND', `No route ${req.method} ${req.url}`)),
    );
  } else {
    app.setNotFoundHandler((req, reply) => sendError(reply, new AppError('NOT_FOUND', `No route ${req.method} ${req.url}`)));
  }
  return app;
}
