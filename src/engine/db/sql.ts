import type pg from 'pg';
import type { EntityManager } from 'typeorm';

type Tx = EntityManager;

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

/**
 * The statuses a lifecycle table allows into `to`, as an SQL list for a statement's guard
 * (`… WHERE status IN ${guard}`), narrowed to `only` when the statement moves fewer. Built once
 * when a store loads: a statement whose move the table does not allow fails then, not in production.
 */
export function statusGuard<S extends string>(table: Readonly<Record<S, readonly S[]>>, to: S, only?: readonly S[]): string {
  const allowed = (Object.keys(table) as S[]).filter((from) => table[from].includes(to));
  const from = only ?? allowed;
  const illegal = from.filter((s) => !allowed.includes(s));
  if (illegal.length || !from.length) throw new Error(`Lifecycle: no move ${illegal.join(', ') || '(nothing)'} → ${to} in the table`);
  return `(${from.map((s) => `'${s.replace(/[^a-z_]/g, '')}'`).join(', ')})`;
}

const compiledNamed = new Map<string, { text: string; names: string[] }>();

/**
 * A statement with named parameters (`:customer`, `:shipTo`) turned into Postgres's positional
 * ones, for statements with many values: each value is named where it is used instead of counted.
 * A name may appear several times (one `$n`); `::` casts are left alone. Every name used must be in
 * `params` (a missing one throws), and the text is compiled once per statement.
 */
export function named(text: string, params: Readonly<Record<string, unknown>>): { text: string; values: unknown[] } {
  let c = compiledNamed.get(text);
  if (!c) {
    const names: string[] = [];
    const out = text.replace(/(?<![:\w]):([a-zA-Z_]\w*)/g, (_, n: string) => {
      let i = names.indexOf(n);
      if (i < 0) i = names.push(n) - 1;
      return `$${i + 1}`;
    });
    c = { text: out, names };
    compiledNamed.set(text, c);
  }
  const missing = c.names.filter((n) => !(n in params));
  if (missing.length) throw new Error(`named SQL: no value for ${missing.map((n) => `:${n}`).join(', ')}`);
  return { text: c.text, values: c.names.map((n) => params[n]) };
}

/** {@link preparedRows} with named parameters ({@link named}). */
export async function preparedNamedRows<T>(m: Tx, name: string, text: string, params: Readonly<Record<string, unknown>>): Promise<T[]> {
  const q = named(text, params);
  return preparedRows<T>(m, name, q.text, q.values);
}
