#!/usr/bin/env node
/**
 * `npm test`: every check CI runs, in order — typecheck, formatting (Prettier), lint and the layer
 * rules, unit tests, the Electron build (so the shell keeps compiling), integration tests on the
 * real Postgres (and Redis when REDIS_URL is set), end-to-end tests in Chromium. Every stage runs
 * even when an earlier one failed, so one failure does not hide another; a table of the stages
 * (result, duration) ends the run, and the exit code is non-zero when any failed.
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

const unknown = [...skip].filter((s) => !steps.some(([name]) => name === s));
if (unknown.length) {
  console.error(`--skip: no stage named ${unknown.join(', ')} (stages: ${steps.map(([name]) => name).join(', ')})`);
  process.exit(2);
}
if (!process.env.REDIS_URL) {
  console.warn('\n!!! REDIS_URL is not set: the Redis queue suites will NOT run (PostgreSQL queues only). CI sets REDIS_URL. !!!\n');
}
const results = [];
for (const [name, cmd, args] of steps) {
  if (skip.has(name)) {
    console.log(`\n=== ${name}: SKIPPED (--skip)`);
    results.push({ name, result: 'skipped', secs: null });
    continue;
  }
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = (Date.now() - t0) / 1000;
  const ok = r.status === 0;
  if (!ok)
    console.error(`\n=== ${name} FAILED (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`}); going on with the next stage.`);
  results.push({ name, result: ok ? 'ok' : 'FAILED', secs });
}

const failed = results.filter((r) => r.result === 'FAILED').map((r) => r.name);
const width = Math.max(5, ...results.map((r) => r.name.length));
const row = (a, b, c) => `${a.padEnd(width)}  ${b.padEnd(7)}  ${c.padStart(8)}`;
console.log(`\n${row('stage', 'result', 'duration')}\n${'-'.repeat(width + 19)}`);
for (const r of results) console.log(row(r.name, r.result, r.secs === null ? '-' : `${r.secs.toFixed(1)}s`));
if (failed.length) {
  console.error(`\n${failed.length} stage${failed.length > 1 ? 's' : ''} FAILED: ${failed.join(', ')}.`);
  process.exit(1);
}
console.log(`\nAll checks passed${skip.size ? ` (skipped: ${[...skip].join(', ')})` : ''}.`);
