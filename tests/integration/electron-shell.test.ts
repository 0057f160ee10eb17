import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent, SessionInfo } from '../../src/shared';
import { validateCall } from '../../src/main/call-validation';
import { createDeskSessions } from '../../src/main/desk-sessions';
import { isFromEngine, type SignedInOutput } from '../../src/main/engine-messages';
import { createEngineRelay, type EngineRelay } from '../../src/main/engine-relay';
import { migrateTestDatabase } from '../support/engine-under-test';
import { anOrder, seedFixture } from '../support/fixtures';
import { createTestDatabase, eventually, type TestDatabase } from '../support/test-database';

/**
 * The Electron shell's engine side, end to end without Electron (its binary cannot be assumed):
 * the BUILT utility-process entry (out/main/engine-process.js) runs in a plain Node child whose
 * `process.parentPort` is shimmed onto Node IPC with structured clone, as Electron's is; the real
 * relay and per-window sessions from src/main drive it. Electron's own parts (windows, ipcMain,
 * contextBridge) are covered by the unit tests in src/main with a mocked electron.
 *
 * The database starts empty of users: the first test does the first-run setup as the desk does
 * (the token comes with `ready`; the form's token field is left empty), and the admin creates the
 * supervisor the other cases sign in as.
 */
const BUILT = resolve('out');
/**
 * The test runs its own copy of the build: other test files run `npm start`, which rebuilds `out/`
 * (emptying it first) while this one starts engines from it. The copy lives in the checkout so the
 * bundle still finds node_modules and package.json above it.
 */
let ENTRY = '';
const SUPERVISOR = { username: 'ana.supervisor', password: 'a long passphrase for ana' };
const ADMIN = { token: '', username: 'root', displayName: 'First admin', password: 'the first admin passphrase' };
const WIN_ADMIN = 1;
const WIN_ANA = 2;

/** Electron gives a utility process `process.parentPort`; this gives a Node child the same thing. */
const shim = () => `
process.parentPort = {
  on: (_event, listener) => process.on('message', (data) => listener({ data })),
  postMessage: (message) => process.send(message),
};
await import(${JSON.stringify(pathToFileURL(ENTRY).href)});
`;

/** Every file of a folder with its size: two equal listings a moment apart mean no build is writing it. */
function listing(dir: string): string {
  return (readdirSync(dir, { recursive: true }) as string[])
    .sort()
    .map((f) => `${f}:${statSync(join(dir, f)).size}`)
    .join('\n');
}

/** Copies the build once it is whole (a build running in another test file empties and rewrites it). */
async function copyOfTheBuild(): Promise<string> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ready = () => existsSync(join(BUILT, 'main', 'engine-process.js')) && existsSync(join(BUILT, 'main', 'sql-functions'));
    if (ready()) {
      const before = listing(BUILT);
      await new Promise((r) => setTimeout(r, 1_500));
      if (ready() && listing(BUILT) === before) {
        const dir = mkdtempSync(resolve('.test-out-'));
        cpSync(BUILT, join(dir, 'out'), { recursive: true });
        if (listing(join(dir, 'out')) === before) return dir;
        rmSync(dir, { recursive: true, force: true });
      }
    } else if (Date.now() > deadline) {
      throw new Error(
        `${BUILT}/main/engine-process.js is missing: run \`npm run build\` first (npm test builds before the integration tests).`,
      );
    }
    if (Date.now() > deadline) throw new Error(`${BUILT} kept changing for 2 minutes: is a build looping?`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const children: ChildProcess[] = [];

function startEngineProcess(env: NodeJS.ProcessEnv, relay: EngineRelay): ChildProcess {
  const child = spawn(process.execPath, ['--input-type=module', '-e', shim()], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  children.push(child);
  relay.attach((m) => child.send(m));
  child.on('message', (m: unknown) => isFromEngine(m) && relay.receive(m));
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));

/** An engine process's start (migrations, SQL functions, queues) on a busy CI box. */
const ENGINE_START_MS = 85_000;

describe('the engine utility process behind the relay', () => {
  let db: TestDatabase;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let buildCopy = '';

  beforeAll(async () => {
    buildCopy = await copyOfTheBuild();
    ENTRY = join(buildCopy, 'out', 'main', 'engine-process.js');
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [{ location: 'loc-palermo', sku: 'SKU-A', onHand: 5 }]);
    dataDir = mkdtempSync(join(tmpdir(), 'atalaya-shell-'));
    env = {
      PATH: process.env.PATH,
      DATABASE_URL: db.url,
      ATALAYA_DATA_DIR: dataDir,
      ATALAYA_DEMO: 'empty',
      ATALAYA_SIMULATE: '0',
      ATALAYA_QUEUE_PREFIX: `shell${process.pid}`,
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    // A failed assertion must not leave an engine running against the dropped database.
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (buildCopy) rmSync(buildCopy, { recursive: true, force: true });
  });

  /** A token for the supervisor straight from the engine process (what main keeps for a window). */
  async function signInDirect(relay: EngineRelay): Promise<string> {
    const r = await relay.request({ kind: 'signIn', ...SUPERVISOR });
    expect(r).toMatchObject({ ok: true });
    return r.ok ? (r.output as SignedInOutput).token : '';
  }

  it('first run: setup with the token main holds, then the admin creates a user who signs in at another window', async () => {
    const relay = createEngineRelay({ callTimeoutMs: 20_000, startTimeoutMs: ENGINE_START_MS });
    const sessions = createDeskSessions(relay);
    const child = startEngineProcess(env, relay);

    // Asked before the engine is ready: held, then answered.
    await expect(sessions.options()).resolves.toEqual({ setupPending: true, oidc: null });
    const setupToken = relay.setupToken;
    expect(setupToken).toMatch(/^\S{16,}$/);
    // Nobody is signed in at either window yet.
    await expect(sessions.call(WIN_ANA, 'orders.list', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    const setup = await sessions.setup(WIN_ADMIN, ADMIN);
    expect(setup).toMatchObject({ ok: true, session: { user: { username: 'root', role: 'admin' } } });
    // The page never sees the token it spent, nor the session token.
    expect(JSON.stringify(setup)).not.toContain(setupToken);
    expect(relay.setupToken).toBeNull();
    await expect(sessions.options()).resolves.toEqual({ setupPending: false, oidc: null });

    const created = await sessions.call(WIN_ADMIN, 'users.create', {
      ...SUPERVISOR,
      displayName: 'Ana',
      role: 'supervisor',
      locations: [],
    });
    expect(created).toMatchObject({ ok: true, output: { username: SUPERVISOR.username, role: 'supervisor' } });

    await expect(sessions.signIn(WIN_ANA, { username: SUPERVISOR.username, password: 'not her password' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    const signedIn = await sessions.signIn(WIN_ANA, SUPERVISOR);
    expect(signedIn).toMatchObject({ ok: true, session: { user: { username: SUPERVISOR.username, role: 'supervisor' } } });
    const me = await sessions.call(WIN_ANA, 'session.me', {});
    expect(me.ok && (me.output as SessionInfo).user.displayName).toBe('Ana');
    // Each window acts as its own user: the admin reads no orders, the supervisor does.
    await expect(sessions.call(WIN_ADMIN, 'orders.list', {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(sessions.call(WIN_ANA, 'orders.list', {})).resolves.toMatchObject({ ok: true, output: { rows: [], total: 0 } });

    child.send({ kind: 'shutdown' });
    expect(await exited(child)).toBe(0);
    relay.detach('closing', false);
  }, 120_000);

  it('answers calls with a session token, UNAUTHORIZED without one or with a dead one, carries engine errors intact and forwards events', async () => {
    const relay = createEngineRelay({ callTimeoutMs: 20_000, startTimeoutMs: ENGINE_START_MS });
    const heard: EngineEvent[] = [];
    relay.onEvent((e) => heard.push(e));
    const child = startEngineProcess(env, relay);
    const token = await signInDirect(relay);

    await expect(relay.call('orders.list', {}, null)).resolves.toEqual({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'Sign in first' },
    });
    await expect(relay.call('orders.list', {}, 'not-a-session-token')).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });

    const created = await relay.call('orders.create', { order: anOrder() }, token);
    expect(created.ok).toBe(true);
    const orderId = created.ok ? (created.output as { order: { id: string } }).order.id : '';
    await eventually(
      async () => (heard.some((e) => e.type === 'order.changed' && e.orderId === orderId) ? true : undefined),
      'the order event from the utility process',
    );

    await expect(relay.call('orders.get', { id: 'no-such-order' }, token)).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // The engine parses again: what main's check would stop also fails inside, with the same code.
    const bad = { id: '0b5e8c1a-6f1d-4c3b-9a7e-2d4f6a8b0c1e', to: 'teleported' };
    expect(validateCall('orders.advance', bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await expect(relay.call('orders.advance', bad, token)).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [expect.objectContaining({ path: 'to' })] },
    });

    // Signed out: the same token is dead.
    await expect(relay.request({ kind: 'signOut', token })).resolves.toEqual({ ok: true, output: null });
    await expect(relay.call('orders.list', {}, token)).resolves.toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    child.send({ kind: 'shutdown' });
    expect(await exited(child)).toBe(0);
    relay.detach('closing', false);
  }, 120_000);

  it('a killed engine fails its in-flight calls at once, and a new one picks up waiting calls with the same session', async () => {
    const relay = createEngineRelay({ callTimeoutMs: 20_000, startTimeoutMs: ENGINE_START_MS });
    const first = startEngineProcess(env, relay);
    const token = await signInDirect(relay);
    await expect(relay.call('system.health', {}, token)).resolves.toMatchObject({ ok: true });

    const inFlight = relay.call('orders.list', {}, token);
    first.kill('SIGKILL');
    await exited(first);
    relay.detach('The engine stopped unexpectedly', true);
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });

    // Sessions live in the database: the restarted engine knows the window's token.
    const waiting = relay.call('orders.list', {}, token);
    const second = startEngineProcess(env, relay);
    await expect(waiting).resolves.toMatchObject({ ok: true });
    // An admin exists: the new engine offers no setup token.
    expect(relay.setupToken).toBeNull();
    second.send({ kind: 'shutdown' });
    expect(await exited(second)).toBe(0);
    // Two engine starts (migrations, queues) on a busy CI box: more than the default minute.
  }, 240_000);
});
