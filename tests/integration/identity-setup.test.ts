import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { startFixtureEngine, startTestEngine } from '../support/engine-under-test';
import { TEST_ADMIN } from '../support/sessions';
import type { TestDatabase } from '../support/test-database';

/**
 * The first run on a database of its own (no admin yet): the setup token, spent once and refused
 * once an admin exists, shared by desks on one database; then the last enabled admin, who can be
 * neither disabled nor demoted.
 */
let db: TestDatabase;
let engine: Engine;
let otherDesk: Engine;

beforeAll(async () => {
  ({ db, engine } = await startFixtureEngine([], { workers: false }));
  otherDesk = await startTestEngine(db.url, { workers: false });
});

afterAll(async () => {
  await otherDesk?.close();
  await engine?.close();
  await db?.drop();
});

const meta = { via: 'web', ip: '10.7.0.1' } as const;
const admin = { username: 'Root.Admin', displayName: 'Rosa Root', password: 'first admin passphrase' };

describe('first run', () => {
  it('gives one setup token per desk while no admin exists, spent by the one setup that uses it', async () => {
    const token = await engine.identity.pendingSetupToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await engine.identity.pendingSetupToken()).toBe(token);
    const other = await otherDesk.identity.pendingSetupToken();
    expect(other).not.toBe(token);
    const stored = await db.pool.query(`SELECT 1 FROM setup_tokens WHERE token_hash = sha256($1::bytea)`, [Buffer.from(token!)]);
    expect(stored.rowCount).toBe(1);

    await expect(engine.identity.completeSetup({ ...admin, token: 'x'.repeat(43) }, meta)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(engine.identity.completeSetup({ ...admin, token: token!, password: 'short' }, meta)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'password' }],
    });

    const signedIn = await engine.identity.completeSetup({ ...admin, token: token! }, meta);
    expect(signedIn.actor).toMatchObject({ name: 'Rosa Root', role: 'admin' });
    expect(await engine.identity.authenticate(signedIn.token)).toMatchObject({ id: signedIn.actor.id, role: 'admin' });
    const me = await engine.dispatch('session.me', {}, signedIn.actor);
    expect(me.user.username).toBe('root.admin');

    // Spent: the same token again, or the other desk's, opens nothing.
    await expect(engine.identity.completeSetup({ ...admin, username: 'second', token: token! }, meta)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(otherDesk.identity.completeSetup({ ...admin, username: 'second', token: other! }, meta)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(await engine.identity.pendingSetupToken()).toBeNull();
    expect(await otherDesk.identity.pendingSetupToken()).toBeNull();
    await expect(engine.identity.signIn({ username: 'root.admin', password: admin.password }, meta)).resolves.toBeTruthy();
  });

  it('never leaves no enabled admin: the last one can be neither disabled nor demoted', async () => {
    const [first] = (await engine.dispatch('users.list', {}, TEST_ADMIN)).filter((u) => u.role === 'admin');
    await expect(engine.dispatch('users.update', { id: first!.id, disabled: true }, TEST_ADMIN)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'disabled', message: expect.stringContaining('last enabled admin') }],
    });
    await expect(engine.dispatch('users.update', { id: first!.id, role: 'planner' }, TEST_ADMIN)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'role' }],
    });
    const second = await engine.dispatch(
      'users.create',
      { username: 'second-admin', displayName: 'Second', role: 'admin', password: 'second admin passphrase' },
      TEST_ADMIN,
    );
    await expect(engine.dispatch('users.update', { id: first!.id, disabled: true }, TEST_ADMIN)).resolves.toMatchObject({ disabled: true });
    await expect(engine.dispatch('users.update', { id: second.id, role: 'supervisor' }, TEST_ADMIN)).rejects.toMatchObject({
      issues: [{ path: 'role' }],
    });
    // One enabled admin is enough to keep the first-run setup closed.
    expect(await engine.identity.pendingSetupToken()).toBeNull();
    // Two admins disabling each other at once: one of them stays.
    await engine.dispatch('users.update', { id: first!.id, disabled: false }, TEST_ADMIN);
    const results = await Promise.allSettled([
      engine.dispatch('users.update', { id: first!.id, disabled: true }, TEST_ADMIN),
      otherDesk.dispatch('users.update', { id: second.id, disabled: true }, TEST_ADMIN),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled`);
    expect(rows[0]!.n).toBe(1);
  });
});
