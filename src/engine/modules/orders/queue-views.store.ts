import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';
import { QueueViewQuerySchema, type QueueView, type QueueViewQuery } from '../../../shared';

/** A person's saved queue views (`queue_views`): every statement on the table. */

interface ViewRow {
  id: string;
  name: string;
  query: unknown;
  updated_at: Date;
}

// Parsed on the way out too: a view saved by an older desk reads as what this contract accepts (unknown fields dropped).
const toView = (r: ViewRow): QueueView => ({
  id: r.id,
  name: r.name,
  query: QueueViewQuerySchema.catch({ sort: 'createdAt', dir: 'desc' }).parse(r.query),
  updatedAt: r.updated_at.toISOString(),
});

export async function listQueueViews(m: Tx, userId: string): Promise<QueueView[]> {
  const rows: ViewRow[] = await m.query(`SELECT id, name, query, updated_at FROM queue_views WHERE user_id = $1 ORDER BY lower(name), id`, [
    userId,
  ]);
  return rows.map(toView);
}

/** Saves a view under its name for the user; a view of that name is replaced (same id). */
export async function saveQueueView(m: Tx, userId: string, name: string, query: QueueViewQuery): Promise<QueueView> {
  const rows: ViewRow[] = await m.query(
    `INSERT INTO queue_views (user_id, name, query) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (user_id, name) DO UPDATE SET query = EXCLUDED.query, updated_at = now()
     RETURNING id, name, query, updated_at`,
    [userId, name, JSON.stringify(query)],
  );
  return toView(rows[0]!);
}

/** Deletes one of the user's views; false when the user has no view with that id. */
export async function deleteQueueView(m: Tx, userId: string, id: string): Promise<boolean> {
  const rows = await returningRows<{ id: string }>(m, `DELETE FROM queue_views WHERE id = $1 AND user_id = $2 RETURNING id`, [id, userId]);
  return rows.length > 0;
}
