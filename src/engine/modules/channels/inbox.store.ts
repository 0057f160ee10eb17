import { reasonText } from '../../../shared/reasons';
import type { Tx } from '../../db/data-source';
import { INBOX_TRANSITIONS, storableText, type FieldIssue, type InboxDetail, type InboxRow, type InboxStatus } from '../../../shared';
import type { Actor } from '../../../shared';
import { preparedRows, returningRows, statusGuard } from '../../db/sql';

/**
 * Header names whose values never reach the table nor a view: credentials, and signatures — a
 * webhook's HMAC (X-Shopify-Hmac-Sha256, X-WC-Webhook-Signature) with its body is a request anyone
 * who reads it could send again. Adapters name their other secret headers (VTEX's configurable
 * hook-key header) through `ChannelAdapter.secretHeaders`.
 */
const REDACT =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$|token|secret|password|api[-_]?key|signature|hmac|hook[-_]?key/i;

export function redactHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  alsoSecret: readonly string[] = [],
): Record<string, string> {
  const extra = new Set(alsoSecret.map((h) => h.toLowerCase()));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const name = k.toLowerCase();
    out[name] = REDACT.test(name) || extra.has(name) ? '[redacted]' : Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Postgres text and jsonb hold neither NUL nor lone surrogates; a reason quoting a hostile body must still be storable. */
const storable = storableText;
const storableIssues = (issues: readonly FieldIssue[]) => issues.map((i) => ({ path: storable(i.path), message: storable(i.message) }));

export interface NewInboxRow {
  channelId: string | null;
  method: string;
  path: string;
  headers: Record<string, string>;
  rawBody: Buffer;
  dedupeKey: string;
  topic: string;
  status: 'received' | 'held';
  receivedAt: Date;
}

/**
 * Commits one inbound request (one statement, so it is durable when this returns). A delivery
 * whose dedupe key the channel already used is a no-op: `inserted` is false and nothing changes.
 */
export async function insertInbox(m: Tx, r: NewInboxRow): Promise<{ id: string; inserted: boolean }> {
  const rows = await preparedRows<{ id: string; inserted: boolean }>(
    m,
    'atalaya_inbox_insert',
    `WITH ins AS (
       INSERT INTO inbox (channel_id, received_at, method, path, headers, raw_body, dedupe_key, topic, status, history)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, jsonb_build_array(jsonb_build_object('at', atalaya_iso($2), 'action', $9::text, 'actor', 'channel', 'note', NULL)))
       ON CONFLICT ON CONSTRAINT inbox_dedupe DO NOTHING RETURNING id)
     SELECT id::text, true AS inserted FROM ins
     UNION ALL
     SELECT id::text, false FROM inbox WHERE channel_id IS NOT DISTINCT FROM $1 AND dedupe_key = $7 AND NOT EXISTS (SELECT 1 FROM ins)`,
    [r.channelId, r.receivedAt, r.method, r.path, r.headers, r.rawBody, r.dedupeKey, r.topic, r.status],
  );
  // Nothing returned: a concurrent delivery with the same key committed between our insert and our look — a duplicate.
  return rows[0] ?? { id: '', inserted: false };
}

export interface ClaimedInbox {
  id: string;
  channelId: string | null;
  method: string;
  path: string;
  headers: Record<string, string>;
  rawBody: Buffer;
  receivedAt: Date;
  topic: string;
  attempts: number;
}

/** Claims a `received` row for processing (counts the attempt); null when it is not waiting. */
export async function claimInbox(m: Tx, id: string): Promise<ClaimedInbox | null> {
  return (await claimInboxRows(m, [id]))[0] ?? null;
}

/**
 * Claims the `received` rows among `ids` in one statement (each attempt counted), in id order;
 * rows no longer waiting (processed, discarded, unknown) are left out.
 */
export async function claimInboxRows(m: Tx, ids: readonly string[]): Promise<ClaimedInbox[]> {
  const rows = await preparedRows<{
    id: string;
    channel_id: string | null;
    method: string;
    path: string;
    headers: Record<string, string>;
    raw_body: Buffer;
    received_at: Date;
    topic: string;
    attempts: number;
  }>(
    m,
    'atalaya_inbox_claim_v2',
    `UPDATE inbox SET attempts = attempts + 1, updated_at = now() WHERE id = ANY($1::bigint[]) AND status = 'received'
     RETURNING id::text, channel_id, method, path, headers, raw_body, received_at, topic, attempts`,
    [ids],
  );
  return rows
    .map((r) => ({
      id: r.id,
      channelId: r.channel_id,
      method: r.method,
      path: r.path,
      headers: r.headers,
      rawBody: r.raw_body,
      receivedAt: r.received_at,
      topic: r.topic,
      attempts: r.attempts,
    }))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/** An inbox row's status guard for a move into `to` (see INBOX_TRANSITIONS). */
export const inboxInto = (to: InboxStatus, only?: readonly InboxStatus[]) => statusGuard(INBOX_TRANSITIONS, to, only);

/** What processing makes of a row: each outcome is a move out of `received`, and only out of it. */
const OUTCOMES = ['processed', 'ignored', 'quarantined', 'exception'] as const satisfies readonly InboxOutcome['status'][];
const [finished] = OUTCOMES.map((to) => inboxInto(to, ['received'])); // each checked against the table
const INTO = {
  finished: finished!,
  replayed: inboxInto('received', ['quarantined', 'exception']),
  discarded: inboxInto('discarded'),
  released: inboxInto('received', ['held']),
};

export interface InboxOutcome {
  status: Exclude<InboxStatus, 'received' | 'held' | 'discarded'>;
  reason?: string;
  issues?: readonly FieldIssue[];
  orderId?: string | null;
  actor: string;
}

/** Records what processing made of a row; only a row still being processed (`received`) changes. */
export async function finishInbox(m: Tx, id: string, o: InboxOutcome): Promise<boolean> {
  const reason = o.reason === undefined ? undefined : storable(o.reason);
  const error = reason ? { reason, issues: storableIssues(o.issues ?? []) } : null;
  const rows = await preparedRows<{ id: string }>(
    m,
    'atalaya_inbox_finish_v1',
    `UPDATE inbox SET status = $2, error = $3, order_id = coalesce($4, order_id), processed_at = now(), updated_at = now(),
       history = history || jsonb_build_array(jsonb_build_object('at', atalaya_iso(now()), 'action', $2::text, 'actor', $5::text, 'note', $6::text))
     WHERE id = $1 AND status IN ${INTO.finished} RETURNING id`,
    [id, o.status, error, o.orderId ?? null, o.actor, reason ?? null],
  );
  return rows.length > 0;
}

/** Notes a failed attempt that will be retried (the row stays `received`). */
export async function noteRetry(m: Tx, id: string, reason: string): Promise<void> {
  await m.query(
    `UPDATE inbox SET error = jsonb_build_object('reason', $2::text, 'issues', '[]'::jsonb), updated_at = now(),
       history = history || jsonb_build_array(jsonb_build_object('at', atalaya_iso(now()), 'action', 'retried', 'actor', 'engine', 'note', $2::text))
     WHERE id = $1 AND status = 'received'`,
    [id, storable(reason)],
  );
}

/**
 * Puts a quarantined or exception row back to `received` for another go, optionally with a fixed
 * body (the first body is kept). Guarded: replaying a row twice, or one already processed, changes nothing.
 */
export async function reopenForReplay(m: Tx, id: string, body: Buffer | null, actor: Actor): Promise<boolean> {
  const rows = await returningRows<{ id: string }>(
    m,
    `UPDATE inbox SET status = 'received', attempts = 0, error = NULL, updated_at = now(),
       original_body = CASE WHEN $2::bytea IS NULL THEN original_body ELSE coalesce(original_body, raw_body) END,
       raw_body = coalesce($2::bytea, raw_body),
       history = history || jsonb_build_array(jsonb_build_object('at', atalaya_iso(now()), 'action', 'replayed', 'actor', $3::text,
         'note', CASE WHEN $2::bytea IS NULL THEN NULL ELSE $4::text END))
     WHERE id = $1 AND status IN ${INTO.replayed} RETURNING id`,
    [id, body, actor.name, reasonText('intake.replayed_edited')],
  );
  return rows.length > 0;
}

/** Discards a row a person decided needs no processing; the reason is required (CHECK) and audited. */
export async function discardInbox(m: Tx, id: string, reason: string, actor: Actor): Promise<boolean> {
  const rows = await returningRows<{ id: string }>(
    m,
    `UPDATE inbox SET status = 'discarded', error = coalesce(error, '{}'::jsonb) || jsonb_build_object('reason', $2::text, 'discardedBy', $3::text), updated_at = now(),
       history = history || jsonb_build_array(jsonb_build_object('at', atalaya_iso(now()), 'action', 'discarded', 'actor', $3::text, 'note', $2::text))
     WHERE id = $1 AND status IN ${INTO.discarded} RETURNING id`,
    [id, storable(reason), actor.name],
  );
  return rows.length > 0;
}

/** Held rows of a channel that resumed: back to `received`, ids returned for enqueueing. */
export async function releaseHeld(m: Tx, channelId: string, actor: Actor): Promise<string[]> {
  const rows = await returningRows<{ id: string }>(
    m,
    `UPDATE inbox SET status = 'received', updated_at = now(),
       history = history || jsonb_build_array(jsonb_build_object('at', atalaya_iso(now()), 'action', 'released', 'actor', $2::text, 'note', 'channel resumed'))
     WHERE channel_id = $1 AND status IN ${INTO.released} RETURNING id::text`,
    [channelId, actor.name],
  );
  return rows.map((r) => r.id);
}

/** Rows still `received` after `olderThanMs` (their job was lost): the sweeper enqueues them again. */
export async function findStaleInbox(m: Tx, olderThanMs: number, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT id::text FROM inbox WHERE status = 'received' AND updated_at < now() - make_interval(secs => $1) ORDER BY id LIMIT $2`,
    [olderThanMs / 1000, limit],
  );
  return rows.map((r) => r.id);
}

const ROW_SELECT = `SELECT i.id::text, i.channel_id, c.name AS channel_name, i.received_at, i.method, i.path, i.topic, i.dedupe_key, i.status,
  i.attempts, i.error, i.order_id FROM inbox i LEFT JOIN channels c ON c.id = i.channel_id`;

interface RowSql {
  id: string;
  channel_id: string | null;
  channel_name: string | null;
  received_at: Date;
  method: string;
  path: string;
  topic: string;
  dedupe_key: string;
  status: InboxStatus;
  attempts: number;
  error: { reason?: string; issues?: FieldIssue[] } | null;
  order_id: string | null;
}

const toRow = (r: RowSql): InboxRow => ({
  id: r.id,
  channelId: r.channel_id,
  channelName: r.channel_name,
  receivedAt: r.received_at.toISOString(),
  method: r.method,
  path: r.path,
  topic: r.topic,
  dedupeKey: r.dedupe_key,
  status: r.status,
  attempts: r.attempts,
  reason: r.error?.reason ?? null,
  orderId: r.order_id,
});

/** Rows still waiting, per channel and status (finished rows are left out), with the oldest one waiting for a person. */
export async function waitingPerChannel(m: Tx): Promise<
  {
    channelId: string;
    channelName: string;
    received: number;
    held: number;
    quarantined: number;
    exception: number;
    oldestForPersonAt: string | null;
  }[]
> {
  const rows: {
    channel_id: string;
    channel_name: string;
    received: number;
    held: number;
    quarantined: number;
    exception: number;
    oldest: Date | null;
  }[] = await m.query(
    `SELECT i.channel_id, c.name AS channel_name,
       count(*) FILTER (WHERE i.status = 'received')::int AS received,
       count(*) FILTER (WHERE i.status = 'held')::int AS held,
       count(*) FILTER (WHERE i.status = 'quarantined')::int AS quarantined,
       count(*) FILTER (WHERE i.status = 'exception')::int AS exception,
       min(i.received_at) FILTER (WHERE i.status IN ('quarantined', 'exception')) AS oldest
     FROM inbox i JOIN channels c ON c.id = i.channel_id
     WHERE i.status IN ('received', 'held', 'quarantined', 'exception')
     GROUP BY i.channel_id, c.name ORDER BY c.name, i.channel_id`,
  );
  return rows.map((r) => ({
    channelId: r.channel_id,
    channelName: r.channel_name,
    received: r.received,
    held: r.held,
    quarantined: r.quarantined,
    exception: r.exception,
    oldestForPersonAt: r.oldest?.toISOString() ?? null,
  }));
}

export async function listInbox(
  m: Tx,
  q: { status?: InboxStatus[]; channelId?: string; search?: string; page: number; pageSize: number },
): Promise<{ rows: InboxRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  if (q.status?.length) where.push(`i.status = ANY(${p(q.status)}::text[])`);
  if (q.channelId) where.push(`i.channel_id = ${p(q.channelId)}`);
  if (q.search) {
    const like = p(`%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(i.dedupe_key ILIKE ${like} OR i.topic ILIKE ${like} OR (i.error->>'reason') ILIKE ${like})`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total: { n: string }[] = await m.query(`SELECT count(*) AS n FROM inbox i ${w}`, params);
  const rows: RowSql[] = await m.query(
    `${ROW_SELECT} ${w} ORDER BY i.id DESC LIMIT ${p(q.pageSize)} OFFSET ${p(q.page * q.pageSize)}`,
    params,
  );
  return { rows: rows.map(toRow), total: Number(total[0]?.n ?? 0) };
}

export async function getInbox(m: Tx, id: string): Promise<InboxDetail | null> {
  const rows: (RowSql & {
    headers: Record<string, string>;
    raw_body: Buffer;
    original_body: Buffer | null;
    history: InboxDetail['history'];
  })[] = await m.query(
    `SELECT i.id::text, i.channel_id, c.name AS channel_name, i.received_at, i.method, i.path, i.topic, i.dedupe_key, i.status,
       i.attempts, i.error, i.order_id, i.headers, i.raw_body, i.original_body, i.history
     FROM inbox i LEFT JOIN channels c ON c.id = i.channel_id WHERE i.id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    ...toRow(r),
    // Rows stored before a header was known to be secret are redacted on the way out too.
    headers: redactHeaders(r.headers),
    body: r.raw_body.toString('utf8'),
    originalBody: r.original_body ? r.original_body.toString('utf8') : null,
    issues: r.error?.issues ?? [],
    history: r.history,
  };
}

/**
 * Deletes settled rows (processed, ignored, discarded) older than the retention, in batches; rows
 * that still need a person are never pruned. Returns how many went.
 */
export async function pruneInbox(m: Tx, olderThanDays: number, batch = 5000): Promise<number> {
  const rows = await returningRows<{ id: string }>(
    m,
    `DELETE FROM inbox WHERE id IN (
       SELECT id FROM inbox WHERE status IN ('processed', 'ignored', 'discarded') AND received_at < now() - make_interval(days => $1) LIMIT $2)
     RETURNING id`,
    [olderThanDays, batch],
  );
  return rows.length;
}
