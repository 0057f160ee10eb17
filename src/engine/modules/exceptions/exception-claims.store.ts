import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';
import type { ExceptionKind, ExceptionOwner } from '../../../shared';

/** Who holds an exception (`exception_claims`): every statement on the table. */

interface ClaimSql {
  user_id: string;
  user_name: string;
  taken_at: Date;
}

const toOwner = (r: ClaimSql): ExceptionOwner => ({ userId: r.user_id, name: r.user_name, takenAt: r.taken_at.toISOString() });

/** The holder of an item, locked until the transaction ends (null when nobody holds it). */
export async function lockClaim(m: Tx, kind: ExceptionKind, refId: string): Promise<ExceptionOwner | null> {
  const rows: ClaimSql[] = await m.query(
    `SELECT user_id, user_name, taken_at FROM exception_claims WHERE kind = $1 AND ref_id = $2 FOR UPDATE`,
    [kind, refId],
  );
  return rows[0] ? toOwner(rows[0]) : null;
}

/**
 * Makes the user the holder: inserts the claim, or hands an existing one over (the caller checked
 * it may). Two people taking a free item at once: the second waits on the first's row and is refused.
 */
export async function putClaim(
  m: Tx,
  kind: ExceptionKind,
  refId: string,
  user: { id: string; name: string },
  over: string | null,
): Promise<ExceptionOwner | null> {
  const rows = await returningRows<ClaimSql>(
    m,
    over === null
      ? `INSERT INTO exception_claims (kind, ref_id, user_id, user_name) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind, ref_id) DO NOTHING RETURNING user_id, user_name, taken_at`
      : `UPDATE exception_claims SET user_id = $3, user_name = $4, taken_at = now()
         WHERE kind = $1 AND ref_id = $2 AND user_id = $5 RETURNING user_id, user_name, taken_at`,
    over === null ? [kind, refId, user.id, user.name] : [kind, refId, user.id, user.name, over],
  );
  return rows[0] ? toOwner(rows[0]) : null;
}

/** Removes the claim of an item (whoever holds it). */
export async function dropClaim(m: Tx, kind: ExceptionKind, refId: string): Promise<void> {
  await m.query(`DELETE FROM exception_claims WHERE kind = $1 AND ref_id = $2`, [kind, refId]);
}

/** Tells every desk (through the outbox, in the caller's transaction) that an item's holder changed. */
export async function announceClaim(m: Tx, kind: ExceptionKind, refId: string): Promise<void> {
  await m.query(
    `INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'exceptions.claimed', 'kind', $1::text, 'refId', $2::text, 'at', atalaya_iso(clock_timestamp())))`,
    [kind, refId],
  );
}
