import type { ApiKey } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { preparedRows, returningRows } from '../../db/sql';

type Scope = ApiKey['scopes'][number];

interface Sql {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  created_at: Date;
  created_by: string;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLS = 'id, name, prefix, scopes, created_at, created_by, last_used_at, revoked_at';

const toKey = (r: Sql): ApiKey => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  prefix: r.prefix,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

export async function listApiKeys(m: Tx): Promise<ApiKey[]> {
  const rows: Sql[] = await m.query(`SELECT ${COLS} FROM api_keys ORDER BY revoked_at IS NOT NULL, created_at DESC`);
  return rows.map(toKey);
}

export async function getApiKey(m: Tx, id: string): Promise<ApiKey | null> {
  const rows: Sql[] = await m.query(`SELECT ${COLS} FROM api_keys WHERE id = $1`, [id]);
  return rows[0] ? toKey(rows[0]) : null;
}

export async function insertApiKey(
  m: Tx,
  k: { id: string; name: string; prefix: string; secretHash: Buffer; scopes: readonly Scope[]; createdBy: string },
): Promise<ApiKey> {
  const rows: Sql[] = await m.query(
    `INSERT INTO api_keys (id, name, prefix, secret_hash, scopes, created_by) VALUES ($1, $2, $3, $4, $5::text[], $6) RETURNING ${COLS}`,
    [k.id, k.name, k.prefix, k.secretHash, [...new Set(k.scopes)], k.createdBy],
  );
  return toKey(rows[0]!);
}

/** Revokes a key (a second revoke keeps the first time); null when there is no such key. */
export async function revokeApiKey(m: Tx, id: string): Promise<ApiKey | null> {
  const rows = await returningRows<Sql>(m, `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLS}`, [
    id,
  ]);
  return rows[0] ? toKey(rows[0]) : null;
}

// Every feed call presents its key: one statement finds a live key with the scope and notes its use
// at most once a minute (a feed sending every second does not write every second).
const AUTHENTICATE = `
  WITH k AS (
    SELECT id, name, last_used_at FROM api_keys WHERE secret_hash = $1 AND revoked_at IS NULL AND $2 = ANY(scopes)
  ), touched AS (
    UPDATE api_keys a SET last_used_at = now() FROM k
     WHERE a.id = k.id AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '60 seconds')
  )
  SELECT id, name FROM k`;

export async function authenticateApiKey(m: Tx, secretHash: Buffer, scope: Scope): Promise<{ id: string; name: string } | null> {
  const rows = await preparedRows<{ id: string; name: string }>(m, 'identity-authenticate-key', AUTHENTICATE, [secretHash, scope]);
  return rows[0] ?? null;
}
