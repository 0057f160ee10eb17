import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { startFixtureEngine } from '../support/engine-under-test';
import type { TestDatabase } from '../support/test-database';

/**
 * `npm run user` as an operator runs it: a real process (node --import tsx scripts/user.ts) on the
 * test database, the password piped with --password-stdin; then the engine signs in with it.
 */
let db: TestDatabase;
let engine: Engine;

beforeAll(async () => {
  ({ db, engine } = await startFixtureEngine([], { workers: false }));
});

afterAll(async () => {
  await engine?.close();
  await db?.drop();
});

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/user.ts', ...args], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}

const meta = { via: 'cli', ip: undefined } as const;
const PASSWORD = 'typed at the console';

// Each run is a fresh Node process that loads the engine's code through tsx (seconds on a busy machine).
describe('npm run user', { timeout: 180_000 }, () => {
  it('adds a user who can then sign in, with the same rules as the Users view', async () => {
    const added = await cli(
      ['add', 'Ana.Store', '--role', 'associate', '--name', 'Ana Tienda', '--location', 'loc-palermo', '--password-stdin'],
      { stdin: `${PASSWORD}\n` },
    );
    expect(added, added.stderr).toMatchObject({ code: 0 });
    expect(added.stdout).toContain('Added ana.store (Ana Tienda, associate at loc-palermo)');
    const signedIn = await engine.identity.signIn({ username: 'ana.store', password: PASSWORD }, meta);
    expect(signedIn.actor).toMatchObject({ name: 'Ana Tienda', role: 'associate', locations: ['loc-palermo'] });

    const unknownPlace = await cli(['add', 'bea', '--role', 'associate', '--location', 'loc-nowhere', '--password-stdin'], {
      stdin: `${PASSWORD}\n`,
    });
    expect(unknownPlace.code).toBe(1);
    expect(unknownPlace.stderr).toContain('locations.0: there is no location "loc-nowhere"');

    const short = await cli(['add', 'bea', '--role', 'planner', '--password-stdin'], { stdin: 'short\n' });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/password: at least 12 characters/);

    const taken = await cli(['add', 'ANA.STORE', '--role', 'planner', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('"ana.store" is taken');

    const badRole = await cli(['add', 'bea', '--role', 'boss', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('role');

    const list = await cli(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/ana\.store\s+associate\s+Ana Tienda\s+loc-palermo\s+enabled/);
    expect(list.stdout).not.toContain('bea');
  });

  it('resets, disables and enables, ending sessions; writes each change to the audit log as cli:<OS user>', async () => {
    await cli(['add', 'carla', '--role', 'planner', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    const session = await engine.identity.signIn({ username: 'carla', password: PASSWORD }, meta);

    const reset = await cli(['reset', 'carla', '--password-stdin'], { stdin: 'a second passphrase\n' });
    expect(reset, reset.stderr).toMatchObject({ code: 0 });
    expect(await engine.identity.authenticate(session.token)).toBeNull();
    await expect(engine.identity.signIn({ username: 'carla', password: PASSWORD }, meta)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const again = await engine.identity.signIn({ username: 'carla', password: 'a second passphrase' }, meta);

    expect((await cli(['disable', 'carla'])).code).toBe(0);
    expect(await engine.identity.authenticate(again.token)).toBeNull();
    await expect(engine.identity.signIn({ username: 'carla', password: 'a second passphrase' }, meta)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect((await cli(['enable', 'carla'])).code).toBe(0);
    await expect(engine.identity.signIn({ username: 'carla', password: 'a second passphrase' }, meta)).resolves.toBeTruthy();

    const missing = await cli(['disable', 'nobody']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no user "nobody"');

    const who = `cli:${userInfo().username}`;
    const { rows } = await db.pool.query<{ action: string; outcome: string; input: unknown }>(
      `SELECT action, outcome, input FROM audit_log WHERE user_id = $1 ORDER BY id`,
      [who],
    );
    expect(rows.map((r) => `${r.action} ${r.outcome}`)).toEqual(
      expect.arrayContaining(['users.create ok', 'users.resetPassword ok', 'users.update ok', 'users.update failed']),
    );
    expect(JSON.stringify(rows)).not.toContain('a second passphrase');
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });

  it('the first admin from the console closes the first-run setup; the last admin cannot be disabled', async () => {
    expect(await engine.identity.pendingSetupToken()).not.toBeNull();
    const added = await cli(['add', 'root', '--role', 'admin', '--name', 'Root', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect(added, added.stderr).toMatchObject({ code: 0 });
    expect(await engine.identity.pendingSetupToken()).toBeNull();
    const last = await cli(['disable', 'root']);
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('root is the last enabled admin');
  });

  it('without DATABASE_URL and no desk running on the data folder, says what to do and exits 2', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atalaya-cli-'));
    try {
      const r = await cli(['list'], { env: { DATABASE_URL: '', ATALAYA_DATA_DIR: dataDir } });
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe('Set DATABASE_URL, or start the desk first (npm start) so its database is running');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    const usage = await cli(['frobnicate']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Unknown command "frobnicate"');
  });
});
