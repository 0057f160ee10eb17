import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/engine/db/data-source';
import { readSqlFunctions, sqlFunctionsDir, syncSqlFunctions } from '../../src/engine/db/sql-functions';
import { ENGINE_VERSION } from '../../src/engine/kernel/version';
import { availableSql } from '../../src/engine/modules/inventory/stock.store';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The engine's functions in the database's schema (not an extension's), with their definitions as Postgres prints them. */
const DEFINITIONS = `
  SELECT p.proname AS name, pg_get_functiondef(p.oid) AS def
  FROM pg_proc p
  WHERE p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  ORDER BY 1`;

const CONTENDED_MESSAGE = 'stock of a line was taken by another order; source again';

/**
 * The engine's Postgres functions live in src/engine/db/functions, one file each: a migrated
 * database holds exactly their bodies, a changed file is applied when the engine next opens the
 * database, and a database a newer engine has migrated is left as that engine left it.
 */
describe('SQL functions from their files', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const open = (log?: { info(m: string): void; warn(m: string): void }) => openDatabase({ url: db.url, poolSize: 2, log });
  const body = async (name: string) =>
    (await db.pool.query<{ src: string }>(`SELECT prosrc AS src FROM pg_proc WHERE proname = $1`, [name])).rows[0]?.src;
  const recorded = async (name: string) =>
    (await db.pool.query<{ sha256: string }>(`SELECT sha256 FROM atalaya_sql_functions WHERE name = $1`, [name])).rows[0]?.sha256;
  const fileOf = (name: string) => readSqlFunctions().find((f) => f.name === name)!;
  /** A copy of the functions folder, with `edit` applied to some files. */
  const copyWith = (edit: Record<string, (sql: string) => string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'atalaya-sqlf-'));
    cpSync(sqlFunctionsDir(), dir, { recursive: true });
    for (const [name, f] of Object.entries(edit))
      writeFileSync(join(dir, `${name}.sql`), f(readFileSync(join(dir, `${name}.sql`), 'utf8')));
    return dir;
  };
  const tmpDirs: string[] = [];

  beforeEach(async () => {
    db = await createTestDatabase();
    ds = await open();
  });
  afterEach(async () => {
    await ds?.destroy();
    await db?.drop();
    for (const d of tmpDirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('every function of a migrated database has its file, and is what the file creates', async () => {
    const live = (await db.pool.query<{ name: string; def: string }>(DEFINITIONS)).rows;
    const files = readSqlFunctions();
    expect(live.map((f) => f.name)).toEqual(files.map((f) => f.name));
    // The files alone, in an empty database: Postgres prints each definition the same way.
    const bare = await createTestDatabase();
    try {
      for (const f of files) await bare.pool.query(`SET check_function_bodies = off; ${f.sql}`);
      expect((await bare.pool.query<{ name: string; def: string }>(DEFINITIONS)).rows).toEqual(live);
    } finally {
      await bare.drop();
    }
    const shas = (await db.pool.query<{ name: string; sha256: string }>(`SELECT name, sha256 FROM atalaya_sql_functions ORDER BY name`))
      .rows;
    expect(shas).toEqual(files.map((f) => ({ name: f.name, sha256: f.sha256 })));
  });

  it('the one ATP expression is inlined into the statements that use it', async () => {
    const plan = (
      await db.pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (VERBOSE) SELECT ${availableSql('s', `'web'`)} FROM stock s WHERE ${availableSql('s', 'NULL::text')} > 0`,
      )
    ).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).not.toContain('atalaya_available');
    expect(plan).toContain('ring_fenced');
  });

  it('applies a file whose text changed (or whose function is gone) when the engine next opens the database', async () => {
    // The database ran another body than its file, with another sha recorded: the next open applies the file.
    await db.pool.query(`CREATE OR REPLACE FUNCTION atalaya_contended() RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RETURN false; END $$`);
    await db.pool.query(`UPDATE atalaya_sql_functions SET sha256 = 'older' WHERE name = 'atalaya_contended'`);
    // A function a migration dropped while its sha stayed recorded: applied again.
    await db.pool.query(`DROP FUNCTION atalaya_location_day_end(timestamptz)`);
    await ds.destroy();
    ds = await open();
    expect(await body('atalaya_contended')).toContain(CONTENDED_MESSAGE);
    expect(await recorded('atalaya_contended')).toBe(fileOf('atalaya_contended').sha256);
    expect(await body('atalaya_location_day_end')).toContain('America/Argentina/Buenos_Aires');

    // A new version of a file: only it is applied, and its sha recorded.
    const dir = copyWith({ atalaya_contended: (s) => s.replace(CONTENDED_MESSAGE, 'taken: source again (v2)') });
    tmpDirs.push(dir);
    const q = ds.createQueryRunner();
    try {
      expect(await syncSqlFunctions(q, { dir, engineVersion: ENGINE_VERSION })).toEqual({ applied: ['atalaya_contended'] });
      expect(await syncSqlFunctions(q, { dir, engineVersion: ENGINE_VERSION })).toEqual({ applied: [] });
    } finally {
      await q.release();
    }
    expect(await body('atalaya_contended')).toContain('taken: source again (v2)');
    expect(await recorded('atalaya_contended')).not.toBe(fileOf('atalaya_contended').sha256);
    // This engine's own file wins again on its next open.
    await ds.destroy();
    ds = await open();
    expect(await body('atalaya_contended')).toContain(CONTENDED_MESSAGE);
  });

  it('a file that fails to apply aborts the whole sync, naming the file', async () => {
    const dir = copyWith({
      atalaya_contended: (s) => s.replace(CONTENDED_MESSAGE, 'never applied'),
      atalaya_iso: (s) => s.replace('SELECT to_char(at', 'SELECT to_char(nonexistent_column'),
    });
    tmpDirs.push(dir);
    const q = ds.createQueryRunner();
    try {
      await expect(syncSqlFunctions(q, { dir, engineVersion: ENGINE_VERSION })).rejects.toThrow(
        /atalaya_iso\.sql failed to apply: column "nonexistent_column" does not exist/,
      );
    } finally {
      await q.release();
    }
    expect(await body('atalaya_contended')).toContain(CONTENDED_MESSAGE);
    expect(await recorded('atalaya_contended')).toBe(fileOf('atalaya_contended').sha256);
  });

  it('leaves the functions of a database that a newer engine migrated as they are', async () => {
    await db.pool.query(`INSERT INTO migrations ("timestamp", name) VALUES (1999999999999, 'FromANewerEngine1999999999999')`);
    await db.pool.query(
      `CREATE OR REPLACE FUNCTION atalaya_contended() RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'newer body' USING ERRCODE = 'AT409'; END $$`,
    );
    await db.pool.query(`UPDATE atalaya_sql_functions SET sha256 = 'newer' WHERE name = 'atalaya_contended'`);
    await ds.destroy();
    const warnings: string[] = [];
    ds = await open({ info: () => undefined, warn: (m) => warnings.push(m) });
    expect(await body('atalaya_contended')).toContain('newer body');
    expect(await recorded('atalaya_contended')).toBe('newer');
    expect(warnings).toEqual([expect.stringMatching(/SQL functions not synchronised: .*FromANewerEngine1999999999999/)]);
  });

  it('an older engine never puts its bodies back over functions a newer engine version applied', async () => {
    await db.pool.query(
      `CREATE OR REPLACE FUNCTION atalaya_contended() RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'newer body' USING ERRCODE = 'AT409'; END $$`,
    );
    await db.pool.query(`UPDATE atalaya_sql_functions SET sha256 = 'newer', engine_version = '999.0.0' WHERE name = 'atalaya_contended'`);
    await ds.destroy();
    const warnings: string[] = [];
    ds = await open({ info: () => undefined, warn: (m) => warnings.push(m) });
    expect(await body('atalaya_contended')).toContain('newer body');
    expect(warnings).toEqual([expect.stringMatching(/atalaya_contended was applied by engine 999\.0\.0, newer than this one/)]);
    // The same version (another desk of the same release) does apply its files.
    await db.pool.query(`UPDATE atalaya_sql_functions SET engine_version = $1 WHERE name = 'atalaya_contended'`, [ENGINE_VERSION]);
    await ds.destroy();
    ds = await open();
    expect(await body('atalaya_contended')).toContain(CONTENDED_MESSAGE);
    expect((await db.pool.query(`SELECT DISTINCT engine_version FROM atalaya_sql_functions`)).rows).toEqual([
      { engine_version: ENGINE_VERSION },
    ]);
  });
});
