import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { portAnswers } from '../support/ports';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT_SYSTEM_DIR } from '../../src/engine/db/embedded-postgres';

/**
 * `npm start` as a new user runs it — nothing configured (no DATABASE_URL, no REDIS_URL), a fresh
 * private HOME (mode 0700; owned by root when the tests run as root), no Electron — and stopped
 * the ways people stop it: SIGTERM to the process, Ctrl-C (SIGINT to the terminal's process
 * group), SIGTERM to `npm`. Each start builds the desk and initialises a new embedded database,
 * so this is slow; nothing here depends on how long anything takes.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const STOP_TIMEOUT_MS = 600_000;

interface Started {
  child: ChildProcess;
  output(): string;
  /** The process the test started exited (its code, or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Every process holding its output pipes has exited (what it started, too). */
  closed: Promise<void>;
}

const homes: string[] = [];
const started: Started[] = [];
/** Processes a case started (and the server it printed), so a failed case leaves none behind. */
const pids = new Set<number>();
const clusters = new Set<string>();

afterEach(async () => {
  for (const s of started.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  pids.clear();
  for (const dir of [...clusters, ...homes.splice(0)]) rmSync(dir, { recursive: true, force: true });
  clusters.clear();
});

/** Whether `pid` still runs: a zombie (exited, its parent has not collected it yet) does not. */
function alive(pid: number): boolean {
  const r = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '' && !r.stdout.trim().startsWith('Z');
}

const describeProcess = (pid: number) =>
  spawnSync('ps', ['-o', 'pid=,ppid=,stat=,command=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();

/** A fresh HOME like a new user's: mode 0700 (and root's when the tests run as root). */
function freshHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'atalaya-start-home-'));
  homes.push(home);
  expect(statSync(home).mode & 0o777).toBe(0o700);
  return home;
}

/** The environment of a user who configured nothing. */
function plainEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DATABASE_URL|REDIS_URL|TEST_DATABASE_URL|PORT|HOST|LOG_LEVEL)$|^(ATALAYA_|npm_)/.test(k),
    ),
  );
  // PORT=0: the system picks a free port (other tests may hold 4780); no Electron on this machine.
  return { ...env, HOME: home, PORT: '0', ATALAYA_NO_ELECTRON: '1', ...extra };
}

function launch(command: string, args: string[], env: NodeJS.ProcessEnv, opts: { ownGroup?: boolean } = {}): Started {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.ownGroup ?? false });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const s: Started = {
    child,
    output: () => out,
    exited: new Promise((r) => child.once('exit', (code, signal) => r({ code, signal }))),
    closed: new Promise((r) => child.once('close', () => r())),
  };
  started.push(s);
  pids.add(child.pid!);
  return s;
}

/** Resolves with the output once the start has printed its banner; rejects if the process ends first. */
async function ready(s: Started): Promise<string> {
  await new Promise<void>((resolvePromise, reject) => {
    const check = () => {
      if (/^Stop with Ctrl-C/m.test(s.output())) return resolvePromise();
      if (s.child.exitCode !== null || s.child.signalCode !== null) return reject(new Error(`exited before it was ready:\n${s.output()}`));
    };
    s.child.stdout!.on('data', check);
    s.child.once('exit', () => setImmediate(check));
    check();
  });
  return s.output();
}

/** Every process below `pid` now (ps: Linux and macOS). */
function descendants(pid: number): number[] {
  const rows = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of rows)
      if (parent === p) {
        found.push(child);
        walk(child);
      }
  };
  walk(pid);
  return found;
}

interface Banner {
  deskUrl: string;
  dbPort: number;
  clusterDir: string;
  psql: string;
  psqlUrl: string;
  dataDir: string;
}

/** What the start printed, checked line by line against what is really there. */
async function checkBanner(output: string, home: string): Promise<Banner> {
  // The desk (npm start, npm run serve) or a headless node (npm run engine): its URL, then the same lines.
  const desk =
    /^Atalaya desk: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(output) ??
    /^Atalaya engine \(headless\): API on (http:\/\/127\.0\.0\.1:\d+\/)api\/v1, health on \/healthz$/m.exec(output);
  const db = /^ {2}database {2}embedded PostgreSQL on 127\.0\.0\.1:(\d+), its files in (.+)$/m.exec(output);
  const psql = /^ {12}connect: (psql '(postgres:\/\/atalaya:atalaya@127\.0\.0\.1:(\d+)\/atalaya)')$/m.exec(output);
  const data = /^ {2}data {6}(.+)$/m.exec(output);
  expect(desk, output).not.toBeNull();
  expect(db, output).not.toBeNull();
  expect(psql, output).not.toBeNull();
  expect(data, output).not.toBeNull();
  expect(output).toMatch(/^ {2}queues {4}PostgreSQL, in the same database \(REDIS_URL is not set\)$/m);
  const banner: Banner = {
    deskUrl: desk![1]!,
    dbPort: Number(db![1]),
    clusterDir: db![2]!,
    psql: psql![1]!,
    psqlUrl: psql![2]!,
    dataDir: data![1]!,
  };
  if (!banner.clusterDir.startsWith(home)) clusters.add(banner.clusterDir);
  expect(banner.dataDir).toBe(join(home, '.local', 'share', 'atalaya'));
  expect(Number(psql![3])).toBe(banner.dbPort);
  if (process.geteuid?.() === 0) expect(banner.clusterDir.startsWith(`${ROOT_SYSTEM_DIR}/`)).toBe(true);
  expect(existsSync(join(banner.clusterDir, 'PG_VERSION'))).toBe(true);

  // The desk (or the node's health) answers at the printed URL, and the printed psql command connects.
  const page = await fetch(output.includes('Atalaya desk:') ? banner.deskUrl : new URL('healthz', banner.deskUrl));
  expect(page.status).toBe(200);
  const client = new pg.Client({ connectionString: banner.psqlUrl });
  client.on('error', () => undefined);
  await client.connect();
  expect((await client.query<{ n: number }>('SELECT 1 AS n')).rows[0]!.n).toBe(1);
  await client.end();
  if (spawnSync('psql', ['--version']).status === 0) {
    const r = spawnSync('sh', ['-c', `${banner.psql} -X -tAc 'SELECT 41 + 1'`], { encoding: 'utf8' });
    expect(r.stdout.trim(), r.stderr).toBe('42');
  }
  return banner;
}

/** The server's pid, from its lock file (pg_ctl daemonises it: it is no descendant of ours). */
function serverPid(clusterDir: string): number {
  const pid = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  expect(Number.isInteger(pid)).toBe(true);
  return pid;
}

/** After the stop: one line said so, nothing crashed, and nothing it started is left. */
async function checkStopped(s: Started, banner: Banner, before: number[]): Promise<void> {
  await s.closed;
  const out = s.output();
  expect(out.match(/^Stopping \(/gm), out).toHaveLength(1);
  expect(out).not.toMatch(/Unhandled|uncaught/i);
  expect(out, 'a stack trace').not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(out, 'a logged stack').not.toContain('"stack"');
  expect(out, 'an error logged').not.toMatch(/"level":(50|60)/);
  for (const pid of before) expect(alive(pid), `still running: ${describeProcess(pid)}`).toBe(false);
  expect(existsSync(join(banner.clusterDir, 'postmaster.pid'))).toBe(false);
  expect(await portAnswers(banner.dbPort)).toBe(false);
  expect(await portAnswers(Number(new URL(banner.deskUrl).port))).toBe(false);
}

describe('npm start (and npm run engine) with nothing configured, then stopped', () => {
  it(
    'SIGTERM to `node scripts/start.mjs` while orders flow: finishes the work, stops the desk, the engine and the embedded Postgres, exits 0',
    async () => {
      const home = freshHome();
      // The demo retailer and simulated orders: work in progress when the signal comes.
      const s = launch(process.execPath, ['scripts/start.mjs'], plainEnv(home, { ATALAYA_SIMULATE: '600' }));
      const banner = await checkBanner(await ready(s), home);
      const server = serverPid(banner.clusterDir);
      pids.add(server);
      const before = [...descendants(s.child.pid!), server];
      for (const p of before) pids.add(p);
      expect(before.length).toBeGreaterThanOrEqual(2); // the desk's process and the database server

      s.child.kill('SIGTERM');
      expect(await s.exited).toEqual({ code: 0, signal: null });
      await checkStopped(s, banner, before);
    },
    STOP_TIMEOUT_MS,
  );

  it(
    'Ctrl-C (SIGINT to the process group of `node scripts/start.mjs`): the same clean stop, exit 0',
    async () => {
      const home = freshHome();
      const s = launch(process.execPath, ['scripts/start.mjs'], plainEnv(home, { ATALAYA_DEMO: 'empty' }), { ownGroup: true });
      const banner = await checkBanner(await ready(s), home);
      const server = serverPid(banner.clusterDir);
      pids.add(server);
      const before = [...descendants(s.child.pid!), server];
      for (const p of before) pids.add(p);

      process.kill(-s.child.pid!, 'SIGINT'); // what the terminal does on Ctrl-C
      expect(await s.exited).toEqual({ code: 0, signal: null });
      await checkStopped(s, banner, before);
    },
    STOP_TIMEOUT_MS,
  );

  it(
    'SIGTERM to `npm start`: npm passes it to its shell only, and what npm started still stops cleanly',
    async () => {
      const home = freshHome();
      const s = launch('npm', ['start'], plainEnv(home, { ATALAYA_DEMO: 'empty' }));
      const banner = await checkBanner(await ready(s), home);
      const server = serverPid(banner.clusterDir);
      pids.add(server);
      const before = [...descendants(s.child.pid!), server];
      for (const p of before) pids.add(p);

      s.child.kill('SIGTERM');
      // npm ends with the signal that ended its shell (its own behaviour for any script) and may
      // return before the desk has finished stopping: wait until every process holding the
      // output has exited.
      await s.exited;
      await checkStopped(s, banner, before);
    },
    STOP_TIMEOUT_MS,
  );

  it(
    'Ctrl-C on `npm run engine` (SIGINT to npm, its shell and the node at once): the same clean stop',
    async () => {
      const home = freshHome();
      const s = launch('npm', ['run', 'engine'], plainEnv(home, { ATALAYA_DEMO: 'empty' }), { ownGroup: true });
      const banner = await checkBanner(await ready(s), home);
      const server = serverPid(banner.clusterDir);
      pids.add(server);
      const before = [...descendants(s.child.pid!), server];
      for (const p of before) pids.add(p);

      process.kill(-s.child.pid!, 'SIGINT');
      await s.exited; // npm: the signal that ended its shell, as for any script
      await checkStopped(s, banner, before);
    },
    STOP_TIMEOUT_MS,
  );
});
