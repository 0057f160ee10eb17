import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared';
import { sendError } from './http-errors';

/** A host whose routes fail as the engine can, answered by sendError like the real one. */
async function appThrowing(errors: Record<string, () => unknown>) {
  const app = Fastify({ logger: false });
  app.setErrorHandler((err, _req, reply) => sendError(reply, err));
  for (const [name, make] of Object.entries(errors))
    app.get(`/${name}`, async () => {
      throw make();
    });
  app.get('/paused', async (_req, reply) => sendError(reply.header('retry-after', '60'), new AppError('UNAVAILABLE', 'Channel paused')));
  await app.ready();
  return app;
}

describe('sendError', () => {
  it('answers an unreachable database or queue with 503 UNAVAILABLE and Retry-After, never 500', async () => {
    const app = await appThrowing({
      refused: () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      terminated: () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      starting: () => Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      poolTimeout: () => new Error('timeout exceeded when trying to connect'),
      redis: () =>
        Object.assign(new Error('Reached the max retries per request limit (which is 20).'), { name: 'MaxRetriesPerRequestError' }),
    });
    for (const url of ['/refused', '/terminated', '/starting', '/poolTimeout', '/redis']) {
      const res = await app.inject({ method: 'GET', url });
      expect([url, res.statusCode, res.json().error.code, Number(res.headers['retry-after'])]).toEqual([url, 503, 'UNAVAILABLE', 5]);
      // The driver's words stay in the log.
      expect(res.body).not.toMatch(/ECONNREFUSED|administrator|max retries/);
    }
    await app.close();
  });

  it('keeps a Retry-After already chosen, and maps nothing else to 503', async () => {
    const app = await appThrowing({
      bug: () => new TypeError('x is undefined'),
      duplicate: () => Object.assign(new Error('duplicate key value'), { code: '23505' }),
      invalid: () => new AppError('VALIDATION_FAILED', 'Invalid order', [{ path: 'lines', message: 'required' }]),
    });
    const paused = await app.inject({ method: 'GET', url: '/paused' });
    expect([paused.statusCode, paused.headers['retry-after']]).toEqual([503, '60']);
    expect([
      (await app.inject({ method: 'GET', url: '/bug' })).statusCode,
      (await app.inject({ method: 'GET', url: '/duplicate' })).statusCode,
    ]).toEqual([500, 500]);
    const invalid = await app.inject({ method: 'GET', url: '/invalid' });
    expect([invalid.statusCode, invalid.headers['retry-after']]).toEqual([400, undefined]);
    await app.close();
  });
});
