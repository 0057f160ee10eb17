import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const depcruise = (cwd: string) =>
  spawnSync(
    resolve(root, 'node_modules/.bin/depcruise'),
    ['src', '--config', resolve(root, '.dependency-cruiser.cjs'), '--output-type', 'err'],
    { cwd, encoding: 'utf8' },
  );

// depcruise reads the whole tree in a child process: a few seconds alone, much more beside other test files on a busy box.
describe('layer rules', { timeout: 120_000 }, () => {
  it('fail the build on each kind of forbidden import', () => {
    const r = depcruise(resolve(__dirname, 'fixtures/layered'));
    const out = r.stdout + r.stderr;
    expect(r.status, out).not.toBe(0);
    for (const rule of [
      'shared-imports-nothing',
      'core-no-io',
      'only-main-and-preload-import-electron',
      'no-circular',
      'adapters-not-into-modules',
      'main-not-into-server',
      'only-stores-touch-the-database',
      'modules-not-into-other-modules-internals',
      'kernel-not-into-modules',
      'renderer-no-node-builtins',
    ])
      expect(out).toContain(rule);
    // What the rules allow: a store touching the database, and a module using another module's store.
    expect(out).not.toContain('order.store.ts →');
    expect(out).not.toContain('→ src/engine/modules/orders/order.store.ts');
  });

  it('pass on the real source tree', () => {
    const r = depcruise(root);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});
