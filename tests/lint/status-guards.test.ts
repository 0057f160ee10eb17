import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Fulfilment orders and inbox rows move only as their transition tables allow (src/shared/lifecycles.ts):
 * every statement that changes their status guards it with a list derived from the table
 * (`fulfilmentInto`, `inboxInto` → `status IN ${…}`), never with a hand-written status list that
 * could drift from the table. Orders have their own path (recordTransition after assertTransition).
 */
const ROOT = join(__dirname, '../..');
const MODULES = join(ROOT, 'src/engine/modules');

function stores(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? stores(join(dir, e.name)) : e.name.endsWith('.store.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each `UPDATE <table> … SET … status = …` in a store's SQL, with the text up to the end of its statement or CTE. */
function statusUpdates(source: string, table: string): string[] {
  const found: string[] = [];
  const re = new RegExp(`UPDATE ${table}\\b[\\s\\S]*?(?=\\)\\s*,\\s*\\n\\s*\\w+ AS \\(|\\)\\s*\\n\\s*(?:INSERT|SELECT)|\`)`, 'g');
  for (const m of source.matchAll(re)) {
    const set = /\bSET\b([\s\S]*?)(\bWHERE\b|$)/.exec(m[0])?.[1] ?? '';
    if (/(^|[\s,])status\s*=/.test(set)) found.push(m[0]);
  }
  return found;
}

describe('lifecycle guards in SQL', () => {
  const files = stores(MODULES).map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, 'utf8') }));

  for (const table of ['fulfilment_orders', 'inbox']) {
    it(`every status change of ${table} is guarded by its transition table`, () => {
      const updates = files.flatMap((f) => statusUpdates(f.text, table).map((sql) => ({ file: f.file, sql })));
      expect(updates.length).toBeGreaterThan(2); // the scan finds the statements it is about
      const unguarded = updates.filter((u) => !/\bstatus IN \$\{[A-Za-z_.[\]]+\}/.test(u.sql));
      expect(unguarded.map((u) => `${u.file}: ${u.sql.slice(0, 160)}`)).toEqual([]);
    });
  }
});
