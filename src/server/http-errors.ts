import type { FastifyReply } from 'fastify';
import { AppError, type ErrorBody, type FieldIssue } from '../shared';
import { RETRY_AFTER_SECONDS, unavailableError } from '../engine';

/**
 * Serialises any failure as the contract's error body; unknown errors never leak internals. The
 * database or the queue being unreachable is 503 UNAVAILABLE with Retry-After (a channel redelivers,
 * a client retries), never a 500; too many failed sign-ins is 429 RATE_LIMITED with Retry-After.
 */
export function sendError(reply: FastifyReply, err: unknown, stripPrefix?: string): FastifyReply {
  err = unavailableError(err) ?? err;
  if (err instanceof AppError) {
    // Throttled sign-ins (RATE_LIMITED) say when to try again; an outage without its own figure gets the default.
    if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
    else if (err.code === 'UNAVAILABLE' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    const body = err.toBody();
    if (stripPrefix && body.error.issues) {
      body.error.issues = body.error.issues.map((i: FieldIssue) => ({
        ...i,
        path: i.path.startsWith(stripPrefix) ? i.path.slice(stripPrefix.length) || '(body)' : i.path,
      }));
      body.error.message = `Invalid order: ${body.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
    }
    return reply.code(err.status).send(body);
  }
  const fe = err as { statusCode?: number; code?: string; message?: string };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const body: ErrorBody = {
      error: {
        code: fe.statusCode === 401 ? 'UNAUTHORIZED' : fe.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED',
        message: fe.message ?? 'Bad request',
      },
    };
    return reply.code(fe.statusCode).send(body);
  }
  reply.log.error({ err }, 'unhandled error');
  return reply
    .code(500)
    .send({ error: { code: 'INTERNAL', message: 'Internal error; the engine log has the details' } } satisfies ErrorBody);
}
