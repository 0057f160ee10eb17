import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueryRunner } from 'typeorm';
import type { Logger } from '../ports/logger.port';

/**
 * The engine's Postgres functions (trigger functions and SQL helpers) as source: one file per
 * function in `src/engine/db/functions/<name>.sql`, holding its current `CREATE OR REPLACE FUNCTION`.
 * Migrations create tables and triggers; a function's body lives in its file only, and
 * {@link syncSqlFunctions} applies the files whose text changed when the engine opens the database.
 * A new function needs only its file; dropping one, or changing its arguments or return type, takes
 * a migration (`CREATE OR REPLACE` cannot), which should also delete its row of `atalaya_sql_functions`.
 */

/** Where the Electron build (electron.vite.config.ts) copies the files: beside the main-process bundle. */
export const SQL_FUNCTIONS_BUNDLE_DIR = 'sql-functions';

/** One function's file. */
export interface SqlFunctionFile {
  /** The function's name: the file's name without `.sql`. */
  name: string;
  path: string;
  sql: string;
  sha256: string;
}

/**
 * The folder of the function files: `functions/` beside this file when the engine runs from source
 * (tsx, vitest), `sql-functions/` beside the bundle (or beside its chunks) when it runs built.
 */
export function sqlFunctionsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'functions'), join(here, SQL_FUNCTIONS_BUNDLE_DIR), join(here, '..', SQL_FUNCTIONS_BUNDLE_DIR)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(
      `The engine's SQL function files were not found: looked in ${candidates.join(', ')}. From source they are ` +
        `src/engine/db/functions; a build copies them to out/main/${SQL_FUNCTIONS_BUNDLE_DIR} (electron.vite.config.ts).`,
    );
  }
  return found;
}

/**
 * Reads every `<name>.sql` of `dir`, sorted by name. Each must create the function it is named after
 * (`CREATE OR REPLACE FUNCTION <name>(`) and nothing else: a file that does not is an error naming it.
 */
export function readSqlFunctions(dir: string = sqlFunctionsDir()): SqlFunctionFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  if (!files.length) throw new Error(`No SQL function files in ${dir}`);
  return files.map((f) => {
    const path = join(dir, f);
    const name = f.slice(0, -'.sql'.length);
    const sql = readFileSync(path, 'utf8');
    const creates = [...sql.matchAll(/CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+([\w.]+)\s*\(/gi)].map((m) => m[1]!.toLowerCase());
    if (creates.length !== 1 || creates[0] !== name || !/CREATE\s+OR\s+REPLACE\s+FUNCTION/i.test(sql)) {
      throw new Error(
        `${path} must hold exactly one CREATE OR REPLACE FUNCTION ${name}(…), unqualified (found ${creates.join(', ') || 'none'})`,
      );
    }
    return { name, path, sql, sha256: createHash('sha256').update(sql).digest('hex') };
  });
}

export interface SqlFunctionsSync {
  /** Names of the functions (re)applied. */
  applied: string[];
  /** Why nothing was applied, when the database belongs to a newer engine. */
  skipped?: string;
}

/**
 * Brings the database's functions to this engine's files, on `q` (the migrating connection, under
 * the migration lock): in one transaction, every file whose sha256 differs from the one recorded in
 * `atalaya_sql_functions` (or whose function is missing) is applied and its sha recorded. Files are
 * applied twice — first without checking bodies, so that a function may call one applied after it,
 * then with checks — and a file that fails aborts the transaction with an error naming it.
 *
 * Many desks share one database and may run different versions: when the database has migrations
 * this engine does not know, or a function was applied by a newer engine version, a newer engine
 * owns it, and nothing is applied (a warning is logged).
 */
export async function syncSqlFunctions(
  q: QueryRunner,
  opts: { log?: Pick<Logger, 'info' | 'warn'>; dir?: string; engineVersion: string },
): Promise<SqlFunctionsSync> {
  const log = opts.log;
  const files = readSqlFunctions(opts.dir);
  const known = new Set(q.connection.migrations.map((m) => m.name ?? m.constructor.name));
  const table = q.connection.options.migrationsTableName ?? 'migrations';
  const ran: { name: string }[] = await q.query(`SELECT name FROM "${table.replace(/"/g, '""')}"`);
  const unknown = ran.map((r) => r.name).filter((n) => !known.has(n));
  if (unknown.length) {
    const skipped = `the database has migrations this engine does not know (${unknown.join(', ')}): a newer engine migrated it, so its SQL functions are left as they are`;
    (log ?? console).warn(`SQL functions not synchronised: ${skipped}`);
    return { applied: [], skipped };
  }
  await q.startTransaction();
  try {
    await q.query('LOCK TABLE atalaya_sql_functions IN SHARE ROW EXCLUSIVE MODE');
    const rows: { name: string; sha256: string | null; engine_version: string | null; present: boolean }[] = await q.query(
      `SELECT w.name, a.sha256, a.engine_version, EXISTS (SELECT 1 FROM pg_proc p WHERE p.proname = w.name AND p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())) AS present
       FROM unnest($1::text[]) AS w(name) LEFT JOIN atalaya_sql_functions a ON a.name = w.name`,
      [files.map((f) => f.name)],
    );
    const state = new Map(rows.map((r) => [r.name, r]));
    const newer = rows.filter((r) => r.engine_version && compareVersions(r.engine_version, opts.engineVersion) > 0);
    if (newer.length) {
      const skipped = `${newer.map((r) => `${r.name} was applied by engine ${r.engine_version}`).join(', ')}, newer than this one (${opts.engineVersion}): its SQL functions are left as they are`;
      (log ?? console).warn(`SQL functions not synchronised: ${skipped}`);
      await q.rollbackTransaction();
      return { applied: [], skipped };
    }
    const stale = files.filter((f) => state.get(f.name)?.sha256 !== f.sha256 || !state.get(f.name)?.present);
    for (const checkBodies of [false, true]) {
      await q.query(`SET LOCAL check_function_bodies = ${checkBodies ? 'on' : 'off'}`);
      for (const f of stale) {
        try {
          await q.query(f.sql);
        } catch (e) {
          throw new Error(`SQL function file ${f.path} failed to apply: ${(e as Error).message}`, { cause: e });
        }
      }
    }
    if (stale.length) {
      await q.query(
        `INSERT INTO atalaya_sql_functions (name, sha256, engine_version) SELECT n, s, $3 FROM unnest($1::text[], $2::text[]) AS x(n, s)
         ON CONFLICT (name) DO UPDATE SET sha256 = EXCLUDED.sha256, engine_version = EXCLUDED.engine_version, applied_at = now()`,
        [stale.map((f) => f.name), stale.map((f) => f.sha256), opts.engineVersion],
      );
    }
    await q.commitTransaction();
    if (stale.length) log?.info(`SQL functions applied: ${stale.map((f) => f.name).join(', ')}`);
    return { applied: stale.map((f) => f.name) };
  } catch (e) {
    await q.rollbackTransaction().catch(() => undefined);
    throw e;
  }
}

/** Compares dotted numeric versions (`0.10.2` > `0.9.7`); a pre-release or build suffix is ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split(/[-+]/)[0]!
      .split('.')
      .map((x) => Number.parseInt(x, 10) || 0);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}
