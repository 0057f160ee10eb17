import type { Tx } from '../../db/data-source';
import type { ChannelKind } from '../../../shared';
import { preparedRows, returningRows } from '../../db/sql';

/** A channel row as stored: secrets still sealed. */
export interface StoredChannel {
  id: string;
  kind: ChannelKind;
  name: string;
  paused: boolean;
  settings: Record<string, string>;
  secrets: Buffer | null;
  secretsKeyId: string | null;
  apiKeyHash: string | null;
  apiKeyHint: string | null;
  createdAt: Date;
}

const COLS = 'id, kind, name, paused, settings, secrets, secrets_key_id, api_key_hash, api_key_hint, created_at';
interface Sql {
  id: string;
  kind: ChannelKind;
  name: string;
  paused: boolean;
  settings: Record<string, string>;
  secrets: Buffer | null;
  secrets_key_id: string | null;
  api_key_hash: string | null;
  api_key_hint: string | null;
  created_at: Date;
}
const toStored = (r: Sql): StoredChannel => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  paused: r.paused,
  settings: r.settings,
  secrets: r.secrets,
  secretsKeyId: r.secrets_key_id,
  apiKeyHash: r.api_key_hash,
  apiKeyHint: r.api_key_hint,
  createdAt: r.created_at,
});

export async function getChannel(m: Tx, id: string): Promise<StoredChannel | null> {
  const rows: Sql[] = await m.query(`SELECT ${COLS} FROM channels WHERE id = $1`, [id]);
  return rows[0] ? toStored(rows[0]) : null;
}

export async function findChannelByApiKeyHash(m: Tx, hash: string): Promise<StoredChannel | null> {
  const rows: Sql[] = await m.query(`SELECT ${COLS} FROM channels WHERE api_key_hash = $1 AND kind = 'api'`, [hash]);
  return rows[0] ? toStored(rows[0]) : null;
}

export async function countApiChannels(m: Tx): Promise<number> {
  const rows: { n: string }[] = await m.query(`SELECT count(*) AS n FROM channels WHERE kind = 'api'`);
  return Number(rows[0]?.n ?? 0);
}

export async function listChannels(m: Tx): Promise<StoredChannel[]> {
  const rows: Sql[] = await m.query(`SELECT ${COLS} FROM channels ORDER BY name`);
  return rows.map(toStored);
}

export interface ChannelHealthRow {
  channelId: string;
  lastOrderAt: Date | null;
  received24h: number;
  failed24h: number;
  quarantined: number;
}

/** Health of every channel from the inbox and orders, one grouped pass each. */
export async function channelHealth(m: Tx): Promise<Map<string, ChannelHealthRow>> {
  const rows: { channel_id: string; last_order_at: Date | null; received: string; failed: string; quarantined: string }[] = await m.query(`
    SELECT c.id AS channel_id,
      (SELECT max(o.created_at) FROM orders o WHERE o.channel_id = c.id) AS last_order_at,
      coalesce(i.received, 0) AS received, coalesce(i.failed, 0) AS failed, coalesce(q.n, 0) AS quarantined
    FROM channels c
    LEFT JOIN (SELECT channel_id, count(*) AS received, count(*) FILTER (WHERE status IN ('quarantined','exception','discarded')) AS failed
               FROM inbox WHERE received_at > now() - interval '24 hours' GROUP BY channel_id) i ON i.channel_id = c.id
    LEFT JOIN (SELECT channel_id, count(*) AS n FROM inbox WHERE status IN ('quarantined','exception') GROUP BY channel_id) q ON q.channel_id = c.id`);
  return new Map(
    rows.map((r) => [
      r.channel_id,
      {
        channelId: r.channel_id,
        lastOrderAt: r.last_order_at,
        received24h: Number(r.received),
        failed24h: Number(r.failed),
        quarantined: Number(r.quarantined),
      },
    ]),
  );
}

export async function insertChannel(
  m: Tx,
  c: {
    id: string;
    kind: ChannelKind;
    name: string;
    settings: Record<string, string>;
    secrets: Buffer | null;
    secretsKeyId: string | null;
    apiKeyHash: string | null;
    apiKeyHint: string | null;
  },
): Promise<StoredChannel> {
  const rows: Sql[] = await m.query(
    `INSERT INTO channels (id, kind, name, settings, secrets, secrets_key_id, api_key_hash, api_key_hint) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING ${COLS}`,
    [c.id, c.kind, c.name, c.settings, c.secrets, c.secretsKeyId, c.apiKeyHash, c.apiKeyHint],
  );
  return toStored(rows[0]!);
}

/** Updates what is given; null/undefined leaves a column as it is. */
export async function updateChannel(
  m: Tx,
  id: string,
  c: {
    name?: string;
    settings?: Record<string, string>;
    secrets?: Buffer;
    secretsKeyId?: string;
    paused?: boolean;
    apiKeyHash?: string;
    apiKeyHint?: string;
  },
): Promise<StoredChannel | null> {
  const rows = await returningRows<Sql>(
    m,
    `UPDATE channels SET name = coalesce($2, name), settings = coalesce($3, settings), secrets = coalesce($4, secrets),
       secrets_key_id = coalesce($5, secrets_key_id), paused = coalesce($6, paused), api_key_hash = coalesce($7, api_key_hash),
       api_key_hint = coalesce($8, api_key_hint), updated_at = now()
     WHERE id = $1 RETURNING ${COLS}`,
    [
      id,
      c.name ?? null,
      c.settings ?? null,
      c.secrets ?? null,
      c.secretsKeyId ?? null,
      c.paused ?? null,
      c.apiKeyHash ?? null,
      c.apiKeyHint ?? null,
    ],
  );
  return rows[0] ? toStored(rows[0]) : null;
}

export async function listSkuMappings(
  m: Tx,
  channelId: string,
): Promise<{ channelId: string; channelSku: string; sku: string; updatedAt: string }[]> {
  const rows: { channel_id: string; channel_sku: string; sku: string; updated_at: Date }[] = await m.query(
    'SELECT channel_id, channel_sku, sku, updated_at FROM channel_sku_map WHERE channel_id = $1 ORDER BY channel_sku',
    [channelId],
  );
  return rows.map((r) => ({ channelId: r.channel_id, channelSku: r.channel_sku, sku: r.sku, updatedAt: r.updated_at.toISOString() }));
}

export async function upsertSkuMappings(
  m: Tx,
  channelId: string,
  mappings: readonly { channelSku: string; sku: string }[],
): Promise<number> {
  await m.query(
    `INSERT INTO channel_sku_map (channel_id, channel_sku, sku)
     SELECT $1, t.cs, t.sku FROM unnest($2::text[], $3::text[]) AS t(cs, sku)
     ON CONFLICT (channel_id, channel_sku) DO UPDATE SET sku = EXCLUDED.sku, updated_at = now()`,
    [channelId, mappings.map((x) => x.channelSku), mappings.map((x) => x.sku)],
  );
  return mappings.length;
}

/** Our SKU for each of a channel's SKUs it has a mapping for. */
export async function mapSkus(m: Tx, channelId: string, channelSkus: readonly string[]): Promise<Map<string, string>> {
  const rows: { channel_sku: string; sku: string }[] = await m.query(
    'SELECT channel_sku, sku FROM channel_sku_map WHERE channel_id = $1 AND channel_sku = ANY($2::text[])',
    [channelId, channelSkus],
  );
  return new Map(rows.map((r) => [r.channel_sku, r.sku]));
}

/**
 * For one channel: its SKU mapping for these SKUs, and which of them (as sent or as mapped) the
 * catalog has. One array of candidate SKUs keeps the catalog lookup on the primary key.
 */
export async function mapAndCheck(
  m: Tx,
  channelId: string | null,
  skus: readonly string[],
): Promise<{ map: Map<string, string>; known: Set<string> }> {
  const rows = await preparedRows<{ map: [string, string][]; known: string[] }>(
    m,
    'atalaya_sku_check_v2',
    `WITH mapped AS (SELECT channel_sku, sku FROM channel_sku_map WHERE $1::text IS NOT NULL AND channel_id = $1 AND channel_sku = ANY($2::text[]))
     SELECT (SELECT coalesce(json_agg(json_build_array(channel_sku, sku)), '[]') FROM mapped) AS map,
            (SELECT coalesce(array_agg(p.sku), '{}') FROM products p WHERE p.sku = ANY($2::text[] || ARRAY(SELECT sku FROM mapped))) AS known`,
    [channelId, skus],
  );
  return { map: new Map(rows[0]!.map), known: new Set(rows[0]!.known) };
}

/**
 * Takes the channel's cross-node token-refresh lock for the rest of the transaction (released at
 * commit, or when the connection dies).
 */
export async function lockChannelRefresh(m: Tx, channelId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('atalaya.channel-refresh'), hashtext($1))`, [channelId]);
}
