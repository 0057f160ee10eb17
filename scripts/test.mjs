#!/usr/bin/env node
/**
 * `npm test`: every check CI runs, in order, stopping at the first failure — typecheck, formatting (Prettier), lint and
 * the layer rules, unit tests, the Electron build (so the shell keeps compiling), integration
 * tests on the real Postgres (and Redis when REDIS_URL is set), end-to-end tests in Chromium.
 * `npm test -- --skip e2e,build` skips steps for a quick local loop; CI never passes --skip.
 */
import { spawnSync } from 'node:child_process';

const skipArg = process.argv.indexOf('--skip');
const skip = new Set(skipArg > 0 ? (process.argv[skipArg + 1] ?? '').split(',') : []);
const bin = (name) => `node_modules/.bin/${name}`;
const steps = [
  // Node code, desk code (no Node types) and tests: three programs, see tsconfig.json.
  ['typecheck', bin('tsc'), ['-b']],
  ['format', bin('prettier'), ['--check', '.']],
  ['lint', bin('eslint'), ['.', '--max-warnings', '0']],
  ['layers', bin('depcruise'), ['src', '--config', '.dependency-cruiser.cjs']],
  ['unit', bin('vitest'), ['run', '--project', 'unit']],
  ['build', bin('electron-vite'), ['build']],
  ['integration', bin('vitest'), ['run', '--project', 'integration']],
  ['e2e', bin('vitest'), ['run', '--project', 'e2e']],
];

if (!process.env.REDIS_URL) {
  console.warn('\n!!! REDIS_URL is not set: the Redis queue suites will NOT run (PostgreSQL queues only). CI sets REDIS_URL. !!!\n');
}
const results = [];
for (const [name, cmd, args] of steps) {
  if (skip.has(name)) {
    console.log(`\n=== ${name}: SKIPPED (--skip)`);
    continue;
  }
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  results.push(`${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${secs}s)`);
  if (r.status !== 0) {
    console.error(`\n=== ${name} FAILED (exit ${r.status ?? r.signal}).`);
    console.error(results.join('\n'));
    process.exit(1);
  }
}
console.log(`\n${results.join('\n')}\nAll checks passed.`);
