import { AppError, storableText, unstorableTextIssues } from '../../../shared';
import { hashApiKey } from '../../adapters/crypto/secret-box';
import { presentedApiKey } from '../../adapters/channels/rest-api';
import { finishInbox, insertInbox, redactHeaders } from './inbox.store';
import type { ModuleContext } from '../../kernel/context';
import type { ChannelIntake, ReceiveResult } from '../../engine.types';
import { channelDirectory } from './workflows/channel-directory';

export const PROCESS_INBOX_JOB = 'process-inbox';

/** The inbox topic of a synchronous `POST /api/v1/orders` request (a webhook's row carries its adapter's topic). */
export const REST_ORDER_TOPIC = 'order.create';

/**
 * The `orders.create` input of a synchronous REST request: its JSON body as the order, sent as the
 * API key's channel (`channelId`, null for keyless loopback) whatever the body claims, with its
 * Idempotency-Key. One function for the HTTP route and for the inbox worker that takes a request
 * whose answer was never sent, so both make the same order, with the same hash, under the same key.
 * A body that is not JSON is VALIDATION_FAILED.
 */
export function restOrderCall(
  rawBody: Buffer,
  channelId: string | null,
  idempotencyKey: string | undefined,
): { order: unknown; idempotencyKey: string | undefined } {
  let body: unknown;
  try {
    body = rawBody.length ? JSON.parse(rawBody.toString('utf8')) : undefined;
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `The body is not valid JSON (${(e as Error).message}); send the order as a JSON object`, [
      { path: '(body)', message: `not JSON (${(e as Error).message})` },
    ]);
  }
  const order =
    body && typeof body === 'object' && !Array.isArray(body) ? { ...(body as object), channelId: channelId ?? undefined } : body;
  return { order, idempotencyKey };
}

export type { ChannelIntake, ReceiveResult, RestAuth } from '../../engine.types';

const CHANNEL_ID = /^[A-Za-z0-9_-]{1,64}$/;
const notFound = (message: string): ReceiveResult => ({ status: 404, body: { error: { code: 'NOT_FOUND', message } } });

/** Channel traffic for the HTTP host; `createRestOrder` goes through the contract and is added where the dispatcher is (start-engine). */
export function createChannelIntake(ctx: ModuleContext): Omit<ChannelIntake, 'createRestOrder'> {
  const dir = channelDirectory(ctx);
  const enqueue = batchedEnqueue((key) =>
    ctx.queue
      .enqueue(PROCESS_INBOX_JOB, key)
      .catch((err) => ctx.log.warn({ err, inboxIds: key }, 'enqueue of inbox rows failed; the sweeper will retry')),
  );

  return {
    async receive(channelId, req) {
      if (!CHANNEL_ID.test(channelId)) return notFound(`No channel "${channelId.slice(0, 64)}"`);
      const ch = await dir.get(channelId);
      if (!ch) return notFound(`No channel "${channelId}"; the desk's Channels view shows each channel's webhook URL`);
      if (!ch.adapter) return notFound(`Channel "${ch.stored.name}" is of kind ${ch.stored.kind}, which does not receive HTTP requests`);
      // The path and headers are stored as text: one that cannot be is refused, named, before anything is written.
      const unstorable = unstorableTextIssues({ path: req.path, headers: req.headers });
      if (unstorable.length)
        return {
          status: 400,
          body: {
            error: { code: 'VALIDATION_FAILED', message: unstorable.map((i) => `${i.path}: ${i.message}`).join('; '), issues: unstorable },
          },
        };
      const verdict = ch.adapter.verify(req, ch.account);
      if (!verdict.ok) {
        return verdict.status === 401
          ? { status: 401, body: { error: { code: 'UNAUTHORIZED', message: verdict.reason } } }
          : {
              status: 400,
              body: {
                error: { code: 'VALIDATION_FAILED', message: verdict.reason, ...(verdict.issues ? { issues: [...verdict.issues] } : {}) },
              },
            };
      }
      const held = ch.stored.paused;
      const row = await insertInbox(ctx.ds.manager, {
        channelId,
        method: req.method,
        path: req.path,
        headers: redactHeaders(req.headers, ch.adapter.secretHeaders?.(ch.account)),
        rawBody: req.rawBody,
        // Both may quote the body or an unsigned header: stored with what text cannot hold replaced.
        dedupeKey: storableText(verdict.dedupeKey).slice(0, 500),
        topic: storableText(verdict.topic).slice(0, 120),
        status: held ? 'held' : 'received',
        receivedAt: req.receivedAt,
      });
      if (row.inserted && !held) enqueue(row.id);
      return { status: 200, body: { received: true, inboxId: row.id, duplicate: !row.inserted, held } };
    },

    async authenticateRest(headers, loopback) {
      const key = presentedApiKey(headers);
      if (key) {
        const ch = await dir.byApiKeyHash(hashApiKey(key));
        if (!ch)
          return { ok: false, status: 401, reason: 'Unknown API key; a supervisor can create or rotate keys in the desk (Channels)' };
        // A synchronous call cannot be held like a webhook: the caller is told to come back later.
        if (ch.stored.paused)
          return {
            ok: false,
            status: 503,
            reason: `Channel "${ch.stored.name}" is paused; retry later (a supervisor resumes it in the desk)`,
          };
        return { ok: true, channelId: ch.stored.id, actor: { id: `channel:${ch.stored.id}`, name: ch.stored.name, role: 'integrator' } };
      }
      if (loopback && !(await dir.hasApiChannels())) return { ok: true, channelId: null, actor: null };
      return {
        ok: false,
        status: 401,
        reason:
          'An API key is required: send Authorization: Bearer <key> or X-Api-Key: <key> (keys are per channel, created in the desk under Channels)',
      };
    },

    async recordRest(channelId, req) {
      const row = await insertInbox(ctx.ds.manager, {
        channelId,
        method: req.method,
        path: req.path,
        headers: redactHeaders(req.headers),
        rawBody: req.rawBody,
        // Every REST request is kept; idempotency is the Idempotency-Key's job, answered by intake.
        dedupeKey: `rest:${req.receivedAt.getTime()}:${Math.random().toString(36).slice(2, 12)}`,
        topic: REST_ORDER_TOPIC,
        status: 'received',
        receivedAt: req.receivedAt,
      });
      return row.id;
    },

    async finishRest(inboxId, outcome) {
      const actor = 'REST API';
      if ('orderId' in outcome) await finishInbox(ctx.ds.manager, inboxId, { status: 'processed', orderId: outcome.orderId, actor });
      // The caller got the error synchronously and will correct and resend: recorded, not a planner's exception.
      else
        await finishInbox(ctx.ds.manager, inboxId, {
          status: 'ignored',
          reason: `rejected: ${outcome.rejected}`.slice(0, 2000),
          issues: outcome.issues,
          actor,
        });
    },
  };
}

/**
 * Rows received within a few milliseconds of each other share one process-inbox job (key: their
 * ids, comma-separated): one queue add and one job run for many rows, and one claim statement.
 * The rows are committed before they are batched, so a batch lost with the process is found by
 * the inbox sweeper like any lost job.
 */
export function batchedEnqueue(
  send: (key: string) => Promise<unknown>,
  opts: { maxRows: number; waitMs: number } = { maxRows: 16, waitMs: 3 },
): (id: string) => void {
  let pending: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const key = pending.join(',');
    pending = [];
    if (key) void send(key);
  };
  return (id) => {
    pending.push(id);
    if (pending.length >= opts.maxRows) flush();
    else timer ??= setTimeout(flush, opts.waitMs);
  };
}
