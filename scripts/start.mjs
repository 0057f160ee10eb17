#!/usr/bin/env node
/**
 * `npm start`: build, then open the Electron desk where its binary is usable; otherwise say why
 * and serve the same desk to a browser on loopback. The engine runs on this machine either way.
 *
 * ATALAYA_NO_ELECTRON=1 goes straight to the browser desk.
 *
 * Stopping: SIGINT (Ctrl-C), SIGTERM or SIGHUP to this process — or to `npm`, which forwards them
 * here — is passed on to the desk's process, which finishes its work, closes the database and
 * exits; this process then exits with its code (0 after a clean stop).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const modules = join(root, 'node_modules');
const posix = process.platform !== 'win32';

/** A package's CLI script, run with this Node: on Windows node_modules/.bin holds .cmd shims that spawn cannot run. */
function cli(pkg) {
  const dir = join(modules, pkg);
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return join(dir, typeof bin === 'string' ? bin : bin[pkg]);
}

/**
 * The Electron binary, if it was downloaded. Read from path.txt rather than `require('electron')`,
 * which starts a download of its own, with no timeout and all its output.
 */
function electronBinary() {
  const dir = join(modules, 'electron');
  try {
    const rel = existsSync(join(dir, 'path.txt')) ? readFileSync(join(dir, 'path.txt'), 'utf8').trim() : '';
    // Electron's own override for a binary kept elsewhere (offline mirrors, system packages).
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const path = override ? join(override, rel || 'electron') : rel ? join(dir, 'dist', rel) : '';
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** One download attempt, bounded: offline it fails fast instead of hanging `npm start`. Returns why it failed, if it did. */
function tryDownloadElectron() {
  console.log('The Electron binary is not installed; trying to download it once (needs internet, at most 60 s)…');
  const r = spawnSync(process.execPath, [join(modules, 'electron', 'install.js')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 60_000,
    encoding: 'utf8',
  });
  if (r.error?.code === 'ETIMEDOUT') return 'the download timed out after 60 s';
  if (r.error) return r.error.message;
  // The first line that is not a stack frame says what went wrong (e.g. "TypeError: fetch failed").
  const cause = (r.stderr ?? '').split('\n').find((l) => l.trim() && !/^\s+at /.test(l));
  return r.status === 0 ? undefined : `the download failed${cause ? `: ${cause.trim().slice(0, 200)}` : ''}`;
}

let child;
let forwardedAt = 0;
/** A stop asked for before the desk's process exists (during the build): nothing more is started. */
let stopBeforeStart;
let build;

function onSignal(sig) {
  if (!child) {
    if (!stopBeforeStart) console.log(`Stopping (${sig}): nothing was started yet.`);
    stopBeforeStart ??= sig;
    build?.kill(sig);
    return;
  }
  // One Ctrl-C can arrive twice (from the terminal and relayed by npm): forward it once. A
  // second press later is forwarded too, and the child takes it as "stop now".
  if (Date.now() - forwardedAt < 1_000) return;
  forwardedAt = Date.now();
  // On Windows the console already delivered Ctrl-C to the child, and kill() would be a hard stop.
  if (posix) child.kill(sig);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => onSignal(sig));

// `npm start` runs this through `sh -c`: npm forwards a SIGTERM to that shell only, which exits
// without passing it on. When the shell is gone (this process was re-parented), stop as on SIGTERM.
if (posix && process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    if (!forwardedAt && !stopBeforeStart) onSignal('SIGTERM');
  }, 500);
  watch.unref();
}

// 1. Build. Always: it takes seconds, and a stale bundle is a worse surprise than the wait.
console.log('Building the desk (electron-vite build)…');
const built = await new Promise((resolve) => {
  build = spawn(process.execPath, [cli('electron-vite'), 'build'], { cwd: root, stdio: 'inherit' });
  build.on('error', () => resolve(false));
  build.on('exit', (code) => resolve(code === 0));
});
build = undefined;
if (stopBeforeStart) process.exit(0);
if (!built) {
  console.error('\nThe build failed; see the errors above. Nothing was started.');
  process.exit(1);
}

// 2. Electron, where it can run.
const optedOut = process.env.ATALAYA_NO_ELECTRON === '1';
let binary = optedOut ? null : electronBinary();
let downloadFailure;
if (!binary && !optedOut) {
  downloadFailure = tryDownloadElectron();
  binary = electronBinary();
}
// A signal that came during the (synchronous) download attempt is handled now: start nothing.
await new Promise((resolve) => setImmediate(resolve));
if (stopBeforeStart) process.exit(0);
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

/**
 * Runs one child in its own process group (POSIX), so a signal reaches it once — from here — and
 * not a second time straight from the terminal, which the engine would read as "force quit now".
 */
function run(command, args, onEarlyFailure) {
  // The desk's process stops (gracefully) should this one disappear without passing a signal on.
  const env = { ...process.env, ATALAYA_STOP_WITH_PARENT: '1' };
  delete env.ELECTRON_RUN_AS_NODE; // set, it would make Electron a plain Node and the desk would never open
  const startedAt = Date.now();
  let handedOver = false;
  // A child that cannot start hands over to the fallback once ('error' and 'exit' may both fire).
  const giveUp = (reason) => {
    if (handedOver) return;
    handedOver = true;
    if (onEarlyFailure) onEarlyFailure(reason);
    else fail(reason);
  };
  child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], detached: posix });
  child.on('error', (e) => giveUp(e.message));
  child.on('exit', (code, signal) => {
    if (handedOver) return;
    if (onEarlyFailure && code !== 0 && !forwardedAt && Date.now() - startedAt < 5_000)
      return giveUp(`it exited at once with code ${code ?? signal}`);
    process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
  });
}

function fail(message) {
  console.error(`Atalaya could not start: ${message}`);
  process.exit(1);
}

// 3. Otherwise the web host: the same engine and the same desk, in the browser.
function serveInBrowser(why) {
  console.log(`\n${why} — serving the desk in your browser instead.`);
  console.log('The engine and the desk are the same; only the window differs. Open the URL printed below.\n');
  // tsx as a loader in this one process (not its CLI, which runs the script in a second Node process
  // and SIGKILLs it when it does not acknowledge a relayed signal within 30 ms).
  run(process.execPath, ['--import', 'tsx', 'src/server/web.ts']);
}

if (binary && hasDisplay && !optedOut) {
  run(binary, ['.'], (reason) => serveInBrowser(`Electron could not start (${reason}; a Linux machine may lack its system libraries)`));
} else if (optedOut) {
  serveInBrowser('ATALAYA_NO_ELECTRON=1 is set');
} else if (!binary) {
  serveInBrowser(`Electron binary not available (${downloadFailure ?? 'the install did not produce it'})`);
} else {
  serveInBrowser('No display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset)');
}
