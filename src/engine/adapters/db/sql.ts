import type { EntityManager } from 'typeorm';

/**
 * Runs an `UPDATE … RETURNING` / `DELETE … RETURNING` and gives back the returned rows.
 * TypeORM's postgres driver answers those two commands with `[rows, rowCount]` instead of rows.
 */
export async function returningRows<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const r: unknown = await m.query(sql, params);
  if (Array.isArray(r) && r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number') return r[0] as T[];
  return r as T[];
}
