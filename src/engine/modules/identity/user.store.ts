import type { StaffRole } from '../../../shared';
import type { Tx } from '../../db/data-source';

/** A user as stored, with the password hash: never leaves the identity module (see `toUser`). */
export interface StoredUser {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string | null;
  email: string | null;
  externalIssuer: string | null;
  externalSubject: string | null;
  disabled: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
  /** An associate's locations, sorted; empty for other roles. */
  locations: string[];
}

interface Sql {
  id: string;
  username: string;
  display_name: string;
  role: StaffRole;
  password_hash: string | null;
  email: string | null;
  external_issuer: string | null;
  external_subject: string | null;
  disabled: boolean;
  created_at: Date;
  last_sign_in_at: Date | null;
  locations: string[] | null;
}

const SELECT = `
  SELECT u.id, u.username, u.display_name, u.role, u.password_hash, u.email, u.external_issuer, u.external_subject,
         u.disabled, u.created_at, u.last_sign_in_at,
         (SELECT array_agg(l.location_id ORDER BY l.location_id) FROM user_locations l WHERE l.user_id = u.id) AS locations
    FROM users u`;

const toStored = (r: Sql): StoredUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  passwordHash: r.password_hash,
  email: r.email,
  externalIssuer: r.external_issuer,
  externalSubject: r.external_subject,
  disabled: r.disabled,
  createdAt: r.created_at,
  lastSignInAt: r.last_sign_in_at,
  locations: r.locations ?? [],
});

export async function listUsers(m: Tx): Promise<StoredUser[]> {
  const rows: Sql[] = await m.query(`${SELECT} ORDER BY u.username`);
  return rows.map(toStored);
}

/** One user; `forUpdate` locks the row for the rest of the transaction (an update reads, checks, writes). */
export async function getUser(m: Tx, id: string, forUpdate = false): Promise<StoredUser | null> {
  const rows: Sql[] = await m.query(`${SELECT} WHERE u.id = $1${forUpdate ? ' FOR UPDATE OF u' : ''}`, [id]);
  return rows[0] ? toStored(rows[0]) : null;
}

/** By sign-in name (already lower-case). */
export async function findUserByUsername(m: Tx, username: string): Promise<StoredUser | null> {
  const rows: Sql[] = await m.query(`${SELECT} WHERE u.username = $1`, [username]);
  return rows[0] ? toStored(rows[0]) : null;
}

/** The user linked to an identity provider's account. */
export async function findUserByExternal(m: Tx, issuer: string, subject: string): Promise<StoredUser | null> {
  const rows: Sql[] = await m.query(`${SELECT} WHERE u.external_issuer = $1 AND u.external_subject = $2`, [issuer, subject]);
  return rows[0] ? toStored(rows[0]) : null;
}

/**
 * Enabled users not yet linked to any provider whose e-mail or user name is `email`
 * (case-insensitive), locked for the link that follows. More than one means it is ambiguous.
 */
export async function findLinkableUsers(m: Tx, email: string): Promise<StoredUser[]> {
  const rows: Sql[] = await m.query(
    `${SELECT} WHERE NOT u.disabled AND u.external_issuer IS NULL AND (lower(u.email) = lower($1) OR u.username = lower($1))
      ORDER BY u.id LIMIT 2 FOR UPDATE OF u`,
    [email],
  );
  return rows.map(toStored);
}

export async function linkExternal(m: Tx, id: string, link: { issuer: string; subject: string; email: string }): Promise<void> {
  await m.query(
    `UPDATE users SET external_issuer = $2, external_subject = $3, email = coalesce(email, $4), updated_at = now() WHERE id = $1`,
    [id, link.issuer, link.subject, link.email],
  );
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string | null;
  email?: string | null;
  locations: readonly string[];
}

/**
 * Inserts a user and their locations; false (nothing written) when the name is taken. No error is
 * raised for a taken name: a failed statement is logged with its parameters, and these carry a hash.
 */
export async function insertUser(m: Tx, u: NewUser): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `INSERT INTO users (id, username, display_name, role, password_hash, email, password_changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $5::text IS NULL THEN NULL ELSE now() END)
     ON CONFLICT (username) DO NOTHING RETURNING id`,
    [u.id, u.username, u.displayName, u.role, u.passwordHash, u.email ?? null],
  );
  if (!rows.length) return false;
  await setLocations(m, u.id, u.locations);
  return true;
}

/** Changes the given fields (absent = unchanged). */
export async function updateUserFields(
  m: Tx,
  id: string,
  f: { displayName?: string; role?: StaffRole; disabled?: boolean },
): Promise<void> {
  await m.query(
    `UPDATE users SET display_name = coalesce($2, display_name), role = coalesce($3, role), disabled = coalesce($4, disabled),
            updated_at = now()
      WHERE id = $1`,
    [id, f.displayName ?? null, f.role ?? null, f.disabled ?? null],
  );
}

export async function setLocations(m: Tx, userId: string, locations: readonly string[]): Promise<void> {
  await m.query(`DELETE FROM user_locations WHERE user_id = $1`, [userId]);
  if (locations.length)
    await m.query(`INSERT INTO user_locations (user_id, location_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [
      userId,
      [...locations],
    ]);
}

export async function setPasswordHash(m: Tx, userId: string, hash: string): Promise<void> {
  await m.query(`UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1`, [userId, hash]);
}

/**
 * Stores a new hash of the same password (stronger parameters) only if the hash is still the one
 * that was verified: a password changed meanwhile on another desk is not overwritten.
 */
export async function rehashPassword(m: Tx, userId: string, verified: string, hash: string): Promise<void> {
  await m.query(`UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2`, [userId, verified, hash]);
}

export async function recordSignIn(m: Tx, userId: string): Promise<void> {
  await m.query(`UPDATE users SET last_sign_in_at = now() WHERE id = $1`, [userId]);
}

/** The ids among `ids` that are locations. */
export async function existingLocations(m: Tx, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows: { id: string }[] = await m.query(`SELECT id FROM locations WHERE id = ANY($1::text[])`, [[...ids]]);
  return new Set(rows.map((r) => r.id));
}

/** Enabled admins other than `exceptId`. */
export async function countEnabledAdmins(m: Tx, exceptId?: string): Promise<number> {
  const rows: { n: number }[] = await m.query(
    `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled AND id <> coalesce($1, '')`,
    [exceptId ?? null],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Serialises, across every desk, the changes that could leave no enabled admin (demote, disable)
 * and the first-run setup: each checks the admins, then writes, under this transaction lock.
 */
export async function lockAdmins(m: Tx): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('atalaya:identity:admins'))`);
}
