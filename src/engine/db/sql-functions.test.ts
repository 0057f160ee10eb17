import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVersions, readSqlFunctions, sqlFunctionsDir } from './sql-functions';

describe('SQL function files', () => {
  it('are found beside the source, one per function, named after it, each saying what it is for', () => {
    expect(relative(process.cwd(), sqlFunctionsDir())).toBe(join('src', 'engine', 'db', 'functions'));
    const files = readSqlFunctions();
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      expect(f.name).toMatch(/^atalaya_[a-z_]+$/);
      // A header comment of one to three lines, then the statement.
      const header = f.sql.split('\n').findIndex((l) => !l.startsWith('--'));
      expect(header, f.path).toBeGreaterThanOrEqual(1);
      expect(header, f.path).toBeLessThanOrEqual(3);
      expect(f.sql.split('\n')[header], f.path).toMatch(new RegExp(`^CREATE OR REPLACE FUNCTION ${f.name}\\(`));
    }
    expect(files.map((f) => f.name)).toContain('atalaya_available');
  });

  it('refuses a file that does not create the function it is named after', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atalaya-sqlf-'));
    try {
      writeFileSync(
        join(dir, 'atalaya_one.sql'),
        '-- misnamed\nCREATE OR REPLACE FUNCTION atalaya_other() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n',
      );
      expect(() => readSqlFunctions(dir)).toThrow(/atalaya_one\.sql must hold exactly one CREATE OR REPLACE FUNCTION atalaya_one/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compares engine versions numerically, part by part', () => {
    expect(compareVersions('0.10.0', '0.9.9')).toBe(1);
    expect(compareVersions('0.1.0', '0.1.0')).toBe(0);
    expect(compareVersions('0.1', '0.1.0')).toBe(0);
    expect(compareVersions('1.0.0-rc.1', '1.0.1')).toBe(-1);
  });
});
