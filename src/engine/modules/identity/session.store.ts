import type { StaffRole } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { preparedRows, returningRows } from '../../db/sql';
import type { ClientMeta } from '../../engine.types';

/** Why a session ended (kept on the row, for whoever reads the table after an incident). */
export type EndReason = 'signed out' | 'password changed' | 'password reset' | 'disabled' | 'role changed' | 'locations changed';

export async function insertSession(
  m: Tx,
  s: { id: string; tokenHash: Buffer; userId: string; absoluteSeconds: number; meta: ClientMeta },
): Promise<Date> {
  const rows: { expires_at: Date }[] = await m.query(
    `INSERT INTO sessions (id, token_hash, user_id, expires_at, via, ip, user_agent)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5, $6, $7) RETURNING expires_at`,
    [s.id, s.tokenHash, s.userId, s.absoluteSeconds, s.meta.via, s.meta.ip ?? null, s.meta.userAgent?.slice(0, 500) ?? null],
  );
  return rows[0]!.expires_at;
}

export interface LiveSession {
  sessionId: string;
  userId: string;
  displayName: string;
  role: StaffRole;
  /** An associate's locations; null for other roles. */
  locations: string[] | null;
}

// One statement per request: find the live session (not ended, before its absolute expiry, used
// within the idle time, its user enabled), slide last_seen_at — only when older than $3 seconds,
// so a busy desk writes about once a minute, not on every call — and return the actor.
const AUTHENTICATE = `
  WITH live AS (
    SELECT s.id, s.last_seen_at, u.id AS user_id, u.display_name, u.role
      FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now()
       AND s.last_seen_at > now() - make_interval(secs => $2) AND NOT u.disabled
  ), touched AS (
    UPDATE sessions s SET last_seen_at = now() FROM live
     WHERE s.id = live.id AND live.last_seen_at < now() - make_interval(secs => $3)
  )
  SELECT live.id AS session_id, live.user_id, live.display_name, live.role,
         CASE WHEN live.role = 'associate' THEN coalesce(
           (SELECT array_agg(l.location_id ORDER BY l.location_id) FROM user_locations l WHERE l.user_id = live.user_id), '{}')
         END AS locations
    FROM live`;

export async function authenticateSession(
  m: Tx,
  tokenHash: Buffer,
  idleSeconds: number,
  touchAfterSeconds: number,
): Promise<LiveSession | null> {
  const rows = await preparedRows<{
    session_id: string;
    user_id: string;
    display_name: string;
    role: StaffRole;
    locations: string[] | null;
  }>(m, 'identity-authenticate', AUTHENTICATE, [tokenHash, idleSeconds, touchAfterSeconds]);
  const r = rows[0];
  return r ? { sessionId: r.session_id, userId: r.user_id, displayName: r.display_name, role: r.role, locations: r.locations } : null;
}

/** Ends the session of a token if it is still open; the user it belonged to, or null. */
export async function endSessionByToken(
  m: Tx,
  tokenHash: Buffer,
  reason: EndReason,
): Promise<{ sessionId: string; userId: string; username: string; role: StaffRole } | null> {
  const rows = await returningRows<{ id: string; user_id: string; username: string; role: StaffRole }>(
    m,
    `UPDATE sessions s SET ended_at = now(), ended_reason = $2 FROM users u
      WHERE s.token_hash = $1 AND s.ended_at IS NULL AND u.id = s.user_id
      RETURNING s.id, s.user_id, u.username, u.role`,
    [tokenHash, reason],
  );
  const r = rows[0];
  return r ? { sessionId: r.id, userId: r.user_id, username: r.username, role: r.role } : null;
}

/** Ends every open session of a user (but `keep`, the caller's own, when given); how many ended. */
export async function endUserSessions(m: Tx, userId: string, reason: EndReason, keep?: string): Promise<number> {
  const rows = await returningRows<{ id: string }>(
    m,
    `UPDATE sessions SET ended_at = now(), ended_reason = $2
      WHERE user_id = $1 AND ended_at IS NULL AND id <> coalesce($3, '') RETURNING id`,
    [userId, reason, keep ?? null],
  );
  return rows.length;
}

/** A session as `session.me` shows it, if it is still open. */
export async function getOpenSession(m: Tx, id: string): Promise<{ userId: string; expiresAt: Date } | null> {
  const rows: { user_id: string; expires_at: Date }[] = await m.query(
    `SELECT user_id, expires_at FROM sessions WHERE id = $1 AND ended_at IS NULL AND expires_at > now()`,
    [id],
  );
  return rows[0] ? { userId: rows[0].user_id, expiresAt: rows[0].expires_at } : null;
}

/** Sessions past their absolute expiry by more than `keepDays` go (the audit log keeps who signed in). */
export async function pruneSessions(m: Tx, keepDays: number): Promise<number> {
  const rows = await returningRows<{ id: string }>(
    m,
    `DELETE FROM sessions WHERE expires_at < now() - make_interval(days => $1) RETURNING id`,
    [keepDays],
  );
  return rows.length;
}

// --- the first-run setup token -----------------------------------------------------------------

export async function insertSetupToken(m: Tx, tokenHash: Buffer, validSeconds: number): Promise<void> {
  await m.query(`INSERT INTO setup_tokens (token_hash, expires_at) VALUES ($1, now() + make_interval(secs => $2))`, [
    tokenHash,
    validSeconds,
  ]);
}

/** Whether the token is unused and unexpired (`forUpdate`: and lock it, for the setup that spends it). */
export async function setupTokenLive(m: Tx, tokenHash: Buffer, forUpdate = false): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM setup_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()${forUpdate ? ' FOR UPDATE' : ''}`,
    [tokenHash],
  );
  return rows.length > 0;
}

/** Once an admin exists no setup token is needed: every open one is spent. */
export async function spendSetupTokens(m: Tx): Promise<void> {
  await m.query(`UPDATE setup_tokens SET used_at = now() WHERE used_at IS NULL`);
}

export async function pruneSetupTokens(m: Tx, keepDays: number): Promise<void> {
  await m.query(`DELETE FROM setup_tokens WHERE expires_at < now() - make_interval(days => $1)`, [keepDays]);
}
