import { restApiAdapter } from '../../../adapters/channels/rest-api';
import { claimInbox, claimInboxRows, finishInbox, noteRetry, type ClaimedInbox } from '../inbox.store';
import { PROCESS_INBOX_JOB, REST_ORDER_TOPIC, restOrderCall } from '../inbox-receive';
import type { ModuleContext } from '../../../kernel/context';
import { AppError, unstorableTextIssues, type Actor } from '../../../../shared';
import { parseInput } from '../../../kernel/dispatch';
import { intakeOrder } from '../../orders/intake-order';
import {
  ChannelPayloadError,
  type ChannelAccount,
  type ChannelAdapter,
  type ChannelIo,
  type ChannelMessage,
} from '../../../ports/channel.port';
import { getChannel, lockChannelRefresh, updateChannel } from '../channel.store';
import { applyOrderCancel, applyOrderUpsert, type ChangeOutcome } from '../../orders/channel-changes';
import { channelDirectory } from './channel-directory';
import { applyChannelReturn } from './channel-return';
import { normaliseDraft } from '../normalise-draft';
import { sourceOrder } from '../../sourcing/source-order';

/** Attempts before a row that keeps failing for other reasons (a channel API down) is quarantined. */
export const MAX_INBOX_ATTEMPTS = 5;

export type ProcessResult = 'processed' | 'ignored' | 'quarantined' | 'exception' | 'retry' | 'skipped';

/** Thrown to make the queue retry the job with backoff; the row stays `received`. */
export class InboxRetry extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InboxRetry';
  }
}

/** The REST channel's keyless loopback rows have no channel row: they are read as the REST adapter. */
const LOOPBACK_ACCOUNT: ChannelAccount = { id: 'loopback', kind: 'api', name: 'REST API (loopback)', settings: {}, secrets: {} };

/**
 * One idempotent step of the inbox: claim a `received` row, let its channel's adapter interpret it,
 * normalise and apply each message. A payload that can never work is quarantined with its reason
 * and field issues; anything else (the channel's API is down, the database hiccuped) is retried
 * with backoff and quarantined after {@link MAX_INBOX_ATTEMPTS}.
 */
export async function processInbox(ctx: ModuleContext, id: string): Promise<ProcessResult> {
  const row = await claimInbox(ctx.ds.manager, id);
  if (!row) return 'skipped';
  return processClaimed(ctx, row);
}

/** The backoff of a row retried on its own: 0.5 s, 1 s, 2 s, 4 s … as the queue's own retries. */
export const inboxRetryDelayMs = (attempts: number) => 500 * 2 ** Math.max(0, Math.min(attempts, 10) - 1);

/**
 * Rows received together, handled by one job: claimed in one statement and processed side by side.
 * A row that must be retried gets a job of its own with backoff instead of failing its neighbours
 * (the sweeper re-enqueues it should that enqueue fail).
 */
export async function processInboxBatch(ctx: ModuleContext, ids: readonly string[]): Promise<ProcessResult[]> {
  const rows = await claimInboxRows(ctx.ds.manager, ids);
  return Promise.all(
    rows.map(async (row): Promise<ProcessResult> => {
      try {
        return await processClaimed(ctx, row);
      } catch (e) {
        await ctx.queue
          .enqueue(PROCESS_INBOX_JOB, row.id, { delayMs: inboxRetryDelayMs(row.attempts) })
          .catch((err) => ctx.log.warn({ err, inboxId: row.id }, 'enqueue of an inbox retry failed; the sweeper will retry'));
        ctx.log.warn({ err: e, inboxId: row.id, attempt: row.attempts }, 'inbox row will be retried');
        return 'retry';
      }
    }),
  );
}

/** {@link processInbox} for a row already claimed. */
async function processClaimed(ctx: ModuleContext, row: ClaimedInbox): Promise<ProcessResult> {
  let adapter: ChannelAdapter | undefined = restApiAdapter;
  let account = LOOPBACK_ACCOUNT;
  let actor: Actor = { id: 'channel:loopback', name: 'REST API', role: 'system' };
  const outcomes: ChangeOutcome[] = [];
  try {
    if (row.channelId) {
      const ch = await channelDirectory(ctx).get(row.channelId);
      if (!ch) return finish(ctx, row, { status: 'quarantined', reason: `channel ${row.channelId} no longer exists` });
      adapter = ch.adapter;
      account = ch.account;
      actor = { id: `channel:${ch.stored.id}`, name: ch.stored.name, role: 'system' };
      if (!adapter) return finish(ctx, row, { status: 'quarantined', reason: `no adapter for channel kind ${ch.stored.kind}` });
    }
    if (row.topic === REST_ORDER_TOPIC && adapter.kind === restApiAdapter.kind) return await takeRestOrder(ctx, row, actor);
    const io = channelIo(ctx, account);
    const messages = await adapter!.interpret(
      { method: row.method, path: row.path, headers: row.headers, rawBody: row.rawBody, receivedAt: row.receivedAt },
      account,
      io,
    );
    refuseUnstorableText(messages);
    for (const msg of messages) {
      if (msg.type === 'ignore') {
        outcomes.push({ status: 'ignored', orderId: null, reason: msg.reason });
      } else if (msg.type === 'order.upsert') {
        const n = await normaliseDraft(ctx, row.channelId, msg.draft);
        if (!n.ok) {
          return finish(ctx, row, {
            status: 'quarantined',
            reason: `order ${msg.draft.externalId} cannot be normalised: ${n.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
            issues: n.issues,
          });
        }
        // A row that is one new order is settled by the order's own insert: one statement fewer.
        const settleInbox = messages.length === 1 ? { id: row.id, actor: 'engine' } : undefined;
        outcomes.push(await applyOrderUpsert(ctx, n.order, actor, { sourceInline: true, settleInbox }));
      } else if (msg.type === 'return.request') {
        if (!row.channelId) throw new ChannelPayloadError('a return needs a channel account');
        const out = await applyChannelReturn(ctx, row.channelId, msg.request, actor);
        // The return may have overtaken its order: retry a few times, then a person looks.
        if (!out) throw new InboxRetry(`no order ${msg.request.externalOrderId} from this channel (yet) to return`);
        outcomes.push(out);
      } else {
        const out = await applyOrderCancel(ctx, row.channelId, msg.externalId, msg.reason, actor);
        // The cancel may have overtaken its order: retry a few times, then a person looks.
        if (!out) throw new InboxRetry(`no order ${msg.externalId} from this channel (yet) to cancel`);
        outcomes.push(out);
      }
    }
    // A row that was one new order was settled by that order's insert (`settleInbox` above).
    if (messages.length === 1 && outcomes[0]?.status === 'processed' && outcomes[0].created) return 'processed';
    const exception = outcomes.find((o) => o.status === 'exception');
    const orderId = outcomes.find((o) => o.orderId)?.orderId ?? null;
    if (exception)
      return finish(ctx, row, { status: 'exception', reason: exception.status === 'exception' ? exception.reason : '', orderId });
    if (outcomes.length && outcomes.every((o) => o.status === 'ignored')) {
      return finish(ctx, row, {
        status: 'ignored',
        reason: outcomes.map((o) => (o.status === 'ignored' ? o.reason : '')).join('; '),
        orderId,
      });
    }
    return finish(ctx, row, { status: 'processed', orderId });
  } catch (e) {
    if (e instanceof ChannelPayloadError) return finish(ctx, row, { status: 'quarantined', reason: e.message, issues: e.issues });
    const message = e instanceof Error ? e.message : String(e);
    if (row.attempts >= MAX_INBOX_ATTEMPTS)
      return finish(ctx, row, { status: 'quarantined', reason: `failed ${row.attempts} times; last error: ${message}` });
    await noteRetry(ctx.ds.manager, row.id, message).catch(() => undefined);
    throw e instanceof InboxRetry ? e : new InboxRetry(message, { cause: e });
  } finally {
    // However the row ended, orders it created are committed and must be sourced.
    await sourceCreated(ctx, outcomes);
  }
}

/**
 * A message with text the database cannot store (a NUL, a lone surrogate — what `\u0000` or
 * `\ud800` in a channel's JSON becomes) can never be applied: the row is quarantined at once with
 * the field named (paths of the order draft), instead of failing in the database and being retried.
 */
function refuseUnstorableText(messages: readonly ChannelMessage[]): void {
  const issues = messages.flatMap((m, i) => {
    const base = messages.length > 1 ? `messages.${i}` : '';
    if (m.type === 'order.upsert') return unstorableTextIssues(m.draft, base);
    if (m.type === 'order.cancel') return unstorableTextIssues({ externalId: m.externalId, reason: m.reason }, base);
    if (m.type === 'return.request') return unstorableTextIssues(m.request, base);
    return [];
  });
  if (issues.length)
    throw new ChannelPayloadError(
      `The order has text that cannot be stored: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
}

/**
 * New orders from this row are sourced here, right after intake, rather than through a second
 * queue job per order (its add, fetch and completion on the queue cost more than the decision).
 * The order is committed first: if sourcing fails or this process dies, it is enqueued as usual,
 * and the sourcing sweeper finds any order still `received`.
 */
async function sourceCreated(ctx: ModuleContext, outcomes: readonly ChangeOutcome[]): Promise<void> {
  for (const o of outcomes) {
    if (o.status !== 'processed' || !o.created) continue;
    try {
      await sourceOrder(ctx, o.orderId, o.sourcing);
    } catch (err) {
      ctx.log.warn({ err, orderId: o.orderId }, 'sourcing right after intake failed; queued for the sourcing worker');
      await ctx.queue
        .enqueueSourcing(o.orderId)
        .catch((e2) => ctx.log.warn({ err: e2, orderId: o.orderId }, 'enqueue failed; the sweeper will retry'));
    }
  }
}

/**
 * A synchronous REST order (`POST /api/v1/orders`) whose answer was never sent: the process died
 * after committing the request to the inbox. It is taken exactly as the request would have been —
 * the same `orders.create` input, Idempotency-Key and body hash — so the client's identical retry
 * is answered with this order (200), and a request the call would have refused is recorded as
 * refused (`ignored`, "rejected: …", as the route records it), its retry refused the same way.
 */
async function takeRestOrder(ctx: ModuleContext, row: ClaimedInbox, actor: Actor): Promise<ProcessResult> {
  let taken: Awaited<ReturnType<typeof intakeOrder>>;
  try {
    const input = parseInput('orders.create', restOrderCall(row.rawBody, row.channelId, row.headers['idempotency-key']));
    // A new order settles the row in its own insert; sourcing is queued as for the synchronous call.
    taken = await intakeOrder(ctx, input.order, input.idempotencyKey, actor, { settleInbox: { id: row.id, actor: 'engine' } });
  } catch (e) {
    // The caller's mistake (4xx), not the engine's: retrying would not change the answer.
    if (e instanceof AppError && e.status < 500)
      return finish(ctx, row, { status: 'ignored', reason: `rejected: ${e.message}`, issues: e.issues });
    throw e;
  }
  // The same order again (the client's retry overtook this row): this row answered with it too.
  return taken.replayed ? finish(ctx, row, { status: 'processed', orderId: taken.order.id }) : 'processed';
}

async function finish(
  ctx: ModuleContext,
  row: ClaimedInbox,
  o: {
    status: 'processed' | 'ignored' | 'quarantined' | 'exception';
    reason?: string;
    issues?: readonly { path: string; message: string }[];
    orderId?: string | null;
  },
): Promise<ProcessResult> {
  await finishInbox(ctx.ds.manager, row.id, { ...o, reason: o.reason?.slice(0, 4000), actor: 'engine' });
  return o.status;
}

/**
 * Serialises token refreshes of one channel across engine nodes: a transaction-scoped advisory lock
 * (released at commit or when the connection dies), then the secrets re-read under it. Not retried:
 * `work` talks to the channel, and running it twice would spend a refresh token twice.
 */
export async function withChannelRefreshLock<T>(
  ctx: Pick<ModuleContext, 'ds' | 'bus' | 'config'>,
  channelId: string,
  work: (secrets: Readonly<Record<string, string>>) => Promise<T>,
): Promise<T> {
  return ctx.ds.transaction(async (m) => {
    await lockChannelRefresh(m, channelId);
    const stored = await getChannel(m, channelId);
    if (!stored) throw new Error(`channel ${channelId} no longer exists`);
    const dir = channelDirectory(ctx);
    const secrets = stored.secrets ? dir.box.open(stored.secrets, stored.secretsKeyId) : {};
    return work(secrets);
  });
}

/** What an adapter may do while interpreting: fetch, save rotated secrets, and refresh under the channel's cross-node lock. */
export function channelIo(ctx: Pick<ModuleContext, 'ds' | 'bus' | 'config'>, account: ChannelAccount): ChannelIo {
  return {
    fetch: (...args) => fetch(...args),
    now: () => new Date(),
    saveSecrets: async (update) => {
      const box = channelDirectory(ctx).box;
      const merged = { ...Object.fromEntries(Object.entries(account.secrets).filter(([k]) => k !== 'apiKeyHash')), ...update };
      await updateChannel(ctx.ds.manager, account.id, { secrets: box.seal(merged), secretsKeyId: box.keyId });
      channelDirectory(ctx).invalidate(account.id);
    },
    withRefreshLock: (work) => withChannelRefreshLock(ctx, account.id, work),
  };
}
