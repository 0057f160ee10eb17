import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/shared';
import { validateCall } from '../../src/main/call-validation';
import { isFromEngine } from '../../src/main/engine-messages';
import { createEngineRelay, type EngineRelay } from '../../src/main/engine-relay';
import { migrateTestDatabase } from '../support/engine-under-test';
import { anOrder, seedFixture } from '../support/fixtures';
import { createTestDatabase, eventually, type TestDatabase } from '../support/test-database';

/**
 * The Electron shell's engine side, end to end without Electron (its binary cannot be assumed):
 * the BUILT utility-process entry (out/main/engine-process.js) runs in a plain Node child whose
 * `process.parentPort` is shimmed onto Node IPC with structured clone, as Electron's is; the real
 * relay from src/main drives it. Electron's own parts (windows, ipcMain, contextBridge) are not
 * covered here.
 */
const ENTRY = resolve('out/main/engine-process.js');
const ACTOR = { id: 'desk:test', name: 'test', role: 'supervisor' as const };

/** Electron gives a utility process `process.parentPort`; this gives a Node child the same thing. */
const SHIM = `
process.parentPort = {
  on: (_event, listener) => process.on('message', (data) => listener({ data })),
  postMessage: (message) => process.send(message),
};
await import(${JSON.stringify(pathToFileURL(ENTRY).href)});
`;

const children: ChildProcess[] = [];

function startEngineProcess(env: NodeJS.ProcessEnv, relay: EngineRelay): ChildProcess {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SHIM], {
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

describe('the engine utility process behind the relay', () => {
  let db: TestDatabase;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (!existsSync(ENTRY))
      throw new Error(`${ENTRY} is missing: run \`npm run build\` first (npm test builds before the integration tests).`);
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
  });

  it('answers calls, carries engine errors intact, forwards events and shuts down cleanly', async () => {
    const relay = createEngineRelay({ callTimeoutMs: 20_000, startTimeoutMs: 60_000 });
    const heard: EngineEvent[] = [];
    relay.onEvent((e) => heard.push(e));
    const child = startEngineProcess(env, relay);

    // Sent before the engine is ready: held, then answered.
    const page = await relay.call('orders.list', {}, ACTOR);
    expect(page).toMatchObject({ ok: true, output: { rows: [], total: 0 } });

    const created = await relay.call('orders.create', { order: anOrder() }, ACTOR);
    expect(created.ok).toBe(true);
    const orderId = created.ok ? (created.output as { order: { id: string } }).order.id : '';
    await eventually(
      async () => (heard.some((e) => e.type === 'order.changed' && e.orderId === orderId) ? true : undefined),
      'the order event from the utility process',
    );

    await expect(relay.call('orders.get', { id: 'no-such-order' }, ACTOR)).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // The engine parses again: what main's check would stop also fails inside, with the same code.
    const bad = { id: '0b5e8c1a-6f1d-4c3b-9a7e-2d4f6a8b0c1e', to: 'teleported' };
    expect(validateCall('orders.advance', bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await expect(relay.call('orders.advance', bad, ACTOR)).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [expect.objectContaining({ path: 'to' })] },
    });

    child.send({ kind: 'shutdown' });
    expect(await exited(child)).toBe(0);
    relay.detach('closing', false);
  });

  it('a killed engine fails its in-flight calls at once, and a new one picks up waiting calls', async () => {
    const relay = createEngineRelay({ callTimeoutMs: 20_000, startTimeoutMs: 60_000 });
    const first = startEngineProcess(env, relay);
    await expect(relay.call('system.health', {}, ACTOR)).resolves.toMatchObject({ ok: true });

    const inFlight = relay.call('orders.list', {}, ACTOR);
    first.kill('SIGKILL');
    await exited(first);
    relay.detach('The engine stopped unexpectedly', true);
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });

    const waiting = relay.call('orders.list', {}, ACTOR);
    const second = startEngineProcess(env, relay);
    await expect(waiting).resolves.toMatchObject({ ok: true });
    second.send({ kind: 'shutdown' });
    expect(await exited(second)).toBe(0);
  });
});
