import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

// tsc runs in a child process: a few seconds alone, much more beside other test files on a busy box.
describe('the renderer TypeScript config', { timeout: 120_000 }, () => {
  it('rejects Node built-ins and Node globals, and keeps the DOM', () => {
    const r = spawnSync(resolve(root, 'node_modules/.bin/tsc'), ['-p', resolve(__dirname, 'fixtures/web-only/tsconfig.json')], {
      cwd: root,
      encoding: 'utf8',
    });
    const out = r.stdout + r.stderr;
    expect(r.status, out).not.toBe(0);
    expect(out).toMatch(/reads-file\.ts.*Cannot find module 'node:fs'/);
    expect(out).toMatch(/node-globals\.ts.*Cannot find name 'process'/);
    expect(out).toMatch(/node-globals\.ts.*Cannot find name 'Buffer'/);
    expect(out).not.toContain('uses-dom.ts');
  });
});
