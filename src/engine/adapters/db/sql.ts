import type pg from 'pg';
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

/**
 * Runs one of the hot-path statements as a named prepared statement on the connection that the
 * manager holds (its transaction) or on the pool: Postgres plans it once per connection instead of
 * on every order. The statement's text must never vary for one name.
 */
export async function preparedRows<T>(m: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const qr = m.queryRunner;
  const client: pg.ClientBase | pg.Pool = qr
    ? ((await qr.connect()) as pg.ClientBase)
    : (m.connection.driver as unknown as { master: pg.Pool }).master;
  const res = await client.query({ name, text, values: values.map(toPgValue) });
  return res.rows as T[];
}

/** TypeORM serialises objects to JSON for us; plain pg does not for non-array objects. */
function toPgValue(v: unknown): unknown {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v) ? JSON.stringify(v) : v;
}
