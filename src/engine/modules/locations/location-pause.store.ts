import type { Tx } from '../../db/data-source';

/**
 * Pauses (`active = false`, with who, when and why) or resumes a location; answers whether it was
 * active before, or undefined when there is no such location. The locations trigger tells every
 * engine to reload its network, so sourcing stops (or starts again) choosing it at once.
 */
export async function setLocationPaused(
  m: Tx,
  id: string,
  pause: { by: string; reason: string } | null,
): Promise<{ wasActive: boolean; code: string } | undefined> {
  const rows: { was_active: boolean; code: string }[] = await m.query(
    // Through a CTE: the driver answers a bare UPDATE … RETURNING with [rows, count], a SELECT with rows.
    `WITH u AS (UPDATE locations l SET active = $2, paused_at = CASE WHEN $2 THEN NULL ELSE coalesce(CASE WHEN b.was_active THEN NULL ELSE l.paused_at END, now()) END,
            paused_by = CASE WHEN $2 THEN NULL ELSE $3 END, paused_reason = CASE WHEN $2 THEN NULL ELSE $4 END
     FROM (SELECT id, active AS was_active FROM locations WHERE id = $1 FOR UPDATE) b
     WHERE l.id = b.id
     RETURNING b.was_active, l.code)
     SELECT was_active, code FROM u`,
    [id, pause === null, pause?.by ?? null, pause?.reason ?? null],
  );
  return rows[0] ? { wasActive: rows[0].was_active, code: rows[0].code } : undefined;
}
