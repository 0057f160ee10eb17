import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientMeta, Engine } from '../../src/engine';
import { openDatabase } from '../../src/engine/db/data-source';
import { pruneIdentity } from '../../src/engine/modules/identity/module';
import { hashPassword } from '../../src/engine/modules/identity/password';
import { startFixtureEngine } from '../support/engine-under-test';
import { signInAs, TEST_ADMIN } from '../support/sessions';
import type { TestDatabase } from '../support/test-database';

/**
 * The engine's identity on a real database: sign-in and its one answer for every wrong case,
 * throttling across the database, session expiry (moved back in the database, never slept),
 * sign-out, the changes that end sessions, the user rules, external sign-in and API keys.
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

const WRONG = { code: 'UNAUTHORIZED', message: 'Wrong user name or password' };
let ipSeq = 0;
/** Each case signs in from an address of its own, so the per-address counter of one case never spills into another. */
const fromNewAddress = (): ClientMeta => ({ via: 'web', ip: `10.9.0.${++ipSeq}`, userAgent: 'vitest' });

async function makeUser(role: 'planner' | 'supervisor' | 'admin', username: string, password = 'correct horse battery') {
  return engine.dispatch('users.create', { username, displayName: `User ${username}`, role, password }, TEST_ADMIN);
}

describe('signing in', () => {
  it('answers a wrong password, an unknown name and a disabled user with the same message', async () => {
    const user = await makeUser('planner', 'pia');
    const meta = fromNewAddress();
    const ok = await engine.identity.signIn({ username: 'PIA ', password: 'correct horse battery' }, meta);
    expect(ok.actor).toMatchObject({ id: user.id, name: 'User pia', role: 'planner' });
    expect(ok.actor.locations).toBeUndefined();
    expect(ok.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await expect(engine.identity.signIn({ username: 'pia', password: 'wrong horse battery' }, meta)).rejects.toMatchObject(WRONG);
    await expect(engine.identity.signIn({ username: 'nobody-here', password: 'correct horse battery' }, meta)).rejects.toMatchObject(WRONG);
    await engine.dispatch('users.update', { id: user.id, disabled: true }, TEST_ADMIN);
    await expect(engine.identity.signIn({ username: 'pia', password: 'correct horse battery' }, meta)).rejects.toMatchObject(WRONG);

    // Only the hash is stored, never the token.
    const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM sessions WHERE token_hash = sha256($1::bytea)`, [
      Buffer.from(ok.token),
    ]);
    expect(rows[0]!.n).toBe(1);
    const plain = await db.pool.query(`SELECT 1 FROM sessions WHERE encode(token_hash, 'escape') = $1`, [ok.token]);
    expect(plain.rowCount).toBe(0);
  });

  it('opens a new session with a new token on every sign-in', async () => {
    await makeUser('planner', 'nico');
    const a = await engine.identity.signIn({ username: 'nico', password: 'correct horse battery' }, fromNewAddress());
    const b = await engine.identity.signIn({ username: 'nico', password: 'correct horse battery' }, fromNewAddress());
    expect(a.token).not.toBe(b.token);
    expect(a.actor.session).not.toBe(b.actor.session);
    expect((await engine.identity.authenticate(a.token))?.session).toBe(a.actor.session);
    expect((await engine.identity.authenticate(b.token))?.session).toBe(b.actor.session);
    expect(await engine.identity.authenticate('not-a-token-of-anyone-at-all-1234567890')).toBeNull();
  });

  it('stores a new hash when the stored one was made with older parameters', async () => {
    const u = await makeUser('planner', 'olga');
    await db.pool.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [
      u.id,
      await hashPassword('correct horse battery', { N: 2 ** 14, r: 8, p: 1 }),
    ]);
    await engine.identity.signIn({ username: 'olga', password: 'correct horse battery' }, fromNewAddress());
    const { rows } = await db.pool.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [u.id]);
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });
});

describe('the audit log', () => {
  it('records sign-in, failed and refused attempts, and sign-out, with the session but never a secret', async () => {
    const u = await makeUser('supervisor', 'auditee');
    const meta = fromNewAddress();
    await expect(engine.identity.signIn({ username: 'auditee', password: 'not it at all' }, meta)).rejects.toMatchObject(WRONG);
    await expect(engine.identity.signIn({ username: 'ghost', password: 'not it at all' }, meta)).rejects.toMatchObject(WRONG);
    const s = await engine.identity.signIn({ username: 'auditee', password: 'correct horse battery' }, meta);
    await engine.identity.signOut(s.token);
    const { rows } = await db.pool.query<{
      user_id: string;
      user_name: string;
      role: string;
      session_id: string | null;
      action: string;
      outcome: string;
      reason: string | null;
      input: { via: string; ip: string };
    }>(
      `SELECT user_id, user_name, role, session_id, action, outcome, reason, input FROM audit_log
        WHERE action LIKE 'session.%' AND input->>'ip' = $1 OR session_id = $2 ORDER BY id`,
      [meta.ip, s.actor.session],
    );
    expect(rows.map((r) => [r.action, r.outcome, r.user_name, r.role, r.reason])).toEqual([
      ['session.signInFailed', 'denied', 'auditee', '-', 'wrong password'],
      ['session.signInFailed', 'denied', 'ghost', '-', 'no such user name'],
      ['session.signIn', 'ok', 'auditee', 'supervisor', null],
      ['session.signOut', 'ok', 'auditee', 'supervisor', null],
    ]);
    expect(rows[0]!.user_id).toBe(u.id);
    expect(rows[2]).toMatchObject({ user_id: u.id, session_id: s.actor.session, input: { via: 'web', ip: meta.ip } });
    expect(rows[3]!.session_id).toBe(s.actor.session);
    const all = JSON.stringify(rows);
    expect(all).not.toContain('not it at all');
    expect(all).not.toContain(s.token);
  });
});

describe('throttling', () => {
  it('refuses a name after 5 failures, even with the right password, and leaves other names alone', async () => {
    await makeUser('planner', 'tomas');
    await makeUser('planner', 'teresa');
    const meta = fromNewAddress();
    for (let i = 0; i < 5; i++)
      await expect(engine.identity.signIn({ username: 'tomas', password: `guess number ${i}` }, meta)).rejects.toMatchObject(WRONG);
    const refused = await engine.identity.signIn({ username: 'tomas', password: 'correct horse battery' }, meta).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED' });
    const wait = (refused as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    expect((refused as Error).message).toBe(`Too many failed sign-ins for this name: try again in ${wait} s`);
    const logged = await db.pool.query(`SELECT 1 FROM audit_log WHERE user_name = 'tomas' AND reason LIKE 'Too many failed sign-ins%'`);
    expect(logged.rowCount).toBe(1);
    // Another desk (another address) is refused too: the count is in the database, per name.
    await expect(engine.identity.signIn({ username: 'tomas', password: 'correct horse battery' }, fromNewAddress())).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    await expect(engine.identity.signIn({ username: 'teresa', password: 'correct horse battery' }, meta)).resolves.toBeTruthy();

    // The wait over (failures moved back 31 s), one more failure doubles it.
    await db.pool.query(`UPDATE sign_in_failures SET at = at - interval '31 seconds' WHERE key = 'user:tomas'`);
    await expect(engine.identity.signIn({ username: 'tomas', password: 'sixth guess' }, meta)).rejects.toMatchObject(WRONG);
    const second = await engine.identity.signIn({ username: 'tomas', password: 'correct horse battery' }, meta).catch((e: unknown) => e);
    expect(second).toMatchObject({ code: 'RATE_LIMITED' });
    expect((second as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(30);

    // Then the right password gets in and clears the counter.
    await db.pool.query(`UPDATE sign_in_failures SET at = at - interval '61 seconds' WHERE key = 'user:tomas'`);
    await expect(engine.identity.signIn({ username: 'tomas', password: 'correct horse battery' }, meta)).resolves.toBeTruthy();
    const left = await db.pool.query(`SELECT 1 FROM sign_in_failures WHERE key = 'user:tomas'`);
    expect(left.rowCount).toBe(0);
  });

  it('refuses an address after 30 failures within 15 minutes, whatever the name', async () => {
    await makeUser('planner', 'ulises');
    const meta = fromNewAddress();
    for (let i = 0; i < 30; i++)
      await expect(engine.identity.signIn({ username: `spray-${i}`, password: 'password123456' }, meta)).rejects.toMatchObject(WRONG);
    const refused = await engine.identity.signIn({ username: 'ulises', password: 'correct horse battery' }, meta).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('from this address') });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    await expect(engine.identity.signIn({ username: 'ulises', password: 'correct horse battery' }, fromNewAddress())).resolves.toBeTruthy();
  });
});

describe('sessions', () => {
  it('ends after the idle time without a call, and slides while used', async () => {
    const s = await signInAs(engine, { role: 'planner' });
    await db.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE id = $1`, [s.actor.session]);
    expect(await engine.identity.authenticate(s.token)).toMatchObject({ id: s.actor.id, session: s.actor.session });
    const { rows } = await db.pool.query<{ age: number }>(
      `SELECT extract(epoch FROM now() - last_seen_at)::float8 AS age FROM sessions WHERE id = $1`,
      [s.actor.session],
    );
    expect(rows[0]!.age).toBeLessThan(60);
    await db.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [s.actor.session]);
    expect(await engine.identity.authenticate(s.token)).toBeNull();
  });

  it('a check with touch: false (an open event socket) does not keep the session from going idle', async () => {
    const s = await signInAs(engine, { role: 'planner' });
    await db.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE id = $1`, [s.actor.session]);
    expect(await engine.identity.authenticate(s.token, { touch: false })).toMatchObject({ id: s.actor.id });
    const { rows } = await db.pool.query<{ age: number }>(
      `SELECT extract(epoch FROM now() - last_seen_at)::float8 AS age FROM sessions WHERE id = $1`,
      [s.actor.session],
    );
    expect(rows[0]!.age).toBeGreaterThan(28 * 60);
    await db.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [s.actor.session]);
    expect(await engine.identity.authenticate(s.token, { touch: false })).toBeNull();
  });

  it('ends at its absolute expiry however busy', async () => {
    const s = await signInAs(engine, { role: 'planner' });
    const { rows } = await db.pool.query<{ hours: number }>(
      `SELECT extract(epoch FROM expires_at - created_at)::float8 / 3600 AS hours FROM sessions WHERE id = $1`,
      [s.actor.session],
    );
    expect(rows[0]!.hours).toBeCloseTo(12, 3);
    await db.pool.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [s.actor.session]);
    expect(await engine.identity.authenticate(s.token)).toBeNull();
  });

  it('ends on sign-out, and signing out twice is harmless', async () => {
    const s = await signInAs(engine, { role: 'supervisor' });
    expect(await engine.identity.authenticate(s.token)).not.toBeNull();
    await engine.identity.signOut(s.token);
    expect(await engine.identity.authenticate(s.token)).toBeNull();
    await engine.identity.signOut(s.token);
    const { rows } = await db.pool.query<{ ended_reason: string }>(`SELECT ended_reason FROM sessions WHERE id = $1`, [s.actor.session]);
    expect(rows[0]!.ended_reason).toBe('signed out');
  });

  it('session.me answers the user behind the session, and nothing without one', async () => {
    const s = await signInAs(engine, { role: 'planner', name: 'Marta Me' });
    const me = await engine.dispatch('session.me', {}, s.actor);
    expect(me.user).toMatchObject({ id: s.actor.id, username: s.username, displayName: 'Marta Me', role: 'planner', external: false });
    expect(me.idleTimeoutSeconds).toBe(1800);
    expect(Date.parse(me.expiresAt)).toBeGreaterThan(Date.now());
    await expect(engine.dispatch('session.me', {}, { ...s.actor, session: undefined })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('changing one’s password ends every other session of theirs', async () => {
    const here = await signInAs(engine, { role: 'planner' });
    const elsewhere = await engine.identity.signIn({ username: here.username, password: here.password }, fromNewAddress());
    await expect(
      engine.dispatch('session.changePassword', { currentPassword: 'not the password', newPassword: 'a brand new passphrase' }, here.actor),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'currentPassword' }] });
    await engine.dispatch('session.changePassword', { currentPassword: here.password, newPassword: 'a brand new passphrase' }, here.actor);
    expect(await engine.identity.authenticate(here.token)).not.toBeNull();
    expect(await engine.identity.authenticate(elsewhere.token)).toBeNull();
    await expect(engine.identity.signIn({ username: here.username, password: here.password }, fromNewAddress())).rejects.toMatchObject(
      WRONG,
    );
    await expect(
      engine.identity.signIn({ username: here.username, password: 'a brand new passphrase' }, fromNewAddress()),
    ).resolves.toBeTruthy();
  });

  it('disabling a user, resetting their password, or changing their role or locations ends their sessions', async () => {
    const disabled = await signInAs(engine, { role: 'planner' });
    await engine.dispatch('users.update', { id: disabled.actor.id, disabled: true }, TEST_ADMIN);
    expect(await engine.identity.authenticate(disabled.token)).toBeNull();

    const reset = await signInAs(engine, { role: 'planner' });
    await engine.dispatch('users.resetPassword', { id: reset.actor.id, password: 'chosen by the admin' }, TEST_ADMIN);
    expect(await engine.identity.authenticate(reset.token)).toBeNull();

    const promoted = await signInAs(engine, { role: 'planner' });
    await engine.dispatch('users.update', { id: promoted.actor.id, role: 'supervisor' }, TEST_ADMIN);
    expect(await engine.identity.authenticate(promoted.token)).toBeNull();
    const again = await engine.identity.signIn({ username: promoted.username, password: promoted.password }, fromNewAddress());
    expect(again.actor.role).toBe('supervisor');

    const moved = await signInAs(engine, { role: 'associate', locations: ['loc-palermo'] });
    expect(moved.actor.locations).toEqual(['loc-palermo']);
    await engine.dispatch('users.update', { id: moved.actor.id, locations: ['loc-quilmes', 'loc-cordoba'] }, TEST_ADMIN);
    expect(await engine.identity.authenticate(moved.token)).toBeNull();
    const there = await engine.identity.signIn({ username: moved.username, password: moved.password }, fromNewAddress());
    expect(await engine.identity.authenticate(there.token)).toMatchObject({ role: 'associate', locations: ['loc-cordoba', 'loc-quilmes'] });

    // A change of display name alone leaves the session be.
    await engine.dispatch('users.update', { id: moved.actor.id, displayName: 'Renamed' }, TEST_ADMIN);
    expect(await engine.identity.authenticate(there.token)).toMatchObject({ name: 'Renamed' });
  });
});

describe('pruning', () => {
  it('drops failures out of the window and sessions long past their expiry, keeping the rest', async () => {
    const live = await signInAs(engine, { role: 'planner' });
    const old = await signInAs(engine, { role: 'planner' });
    await db.pool.query(`UPDATE sessions SET expires_at = now() - interval '31 days' WHERE id = $1`, [old.actor.session]);
    await db.pool.query(`INSERT INTO sign_in_failures (key, at) VALUES ('user:pruned', now() - interval '1 hour'), ('user:kept', now())`);
    const ds = await openDatabase({ url: db.url, poolSize: 2 });
    try {
      await pruneIdentity(ds);
    } finally {
      await ds.destroy();
    }
    const sessions = await db.pool.query<{ id: string }>(`SELECT id FROM sessions WHERE id = ANY($1)`, [
      [live.actor.session, old.actor.session],
    ]);
    expect(sessions.rows.map((r) => r.id)).toEqual([live.actor.session]);
    const failures = await db.pool.query<{ key: string }>(`SELECT key FROM sign_in_failures WHERE key IN ('user:pruned', 'user:kept')`);
    expect(failures.rows.map((r) => r.key)).toEqual(['user:kept']);
  });
});

describe('users', () => {
  it('an associate needs existing locations; nobody else has any', async () => {
    const create = (role: 'associate' | 'planner', locations: string[]) =>
      engine.dispatch('users.create', { username: `loc-${role}-${locations.length}`, displayName: 'L', role, locations }, TEST_ADMIN);
    await expect(create('associate', [])).rejects.toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'locations' }] });
    await expect(create('associate', ['loc-palermo', 'loc-nowhere'])).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'locations.1', message: 'there is no location "loc-nowhere"' }],
    });
    await expect(create('planner', ['loc-palermo'])).rejects.toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'locations' }] });
    const ok = await create('associate', ['loc-palermo']);
    expect(ok.locations).toEqual(['loc-palermo']);
    await expect(engine.dispatch('users.update', { id: ok.id, role: 'planner' }, TEST_ADMIN)).resolves.toMatchObject({ locations: [] });
    await expect(engine.dispatch('users.update', { id: ok.id, role: 'associate' }, TEST_ADMIN)).rejects.toMatchObject({
      issues: [{ path: 'locations' }],
    });
  });

  it('a taken name is refused whatever its case', async () => {
    await makeUser('planner', 'Zoe');
    await expect(makeUser('supervisor', 'ZOE')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'username' }] });
    const list = await engine.dispatch('users.list', {}, TEST_ADMIN);
    expect(list.filter((u) => u.username === 'zoe')).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain('scrypt$');
  });
});

describe('signing in through the identity provider', () => {
  const issuer = 'https://idp.example.com';

  it('links the user whose name is the e-mail on first sign-in, then by subject', async () => {
    const u = await engine.dispatch(
      'users.create',
      { username: 'ines@example.com', displayName: 'Inés', role: 'supervisor', locations: [] },
      TEST_ADMIN,
    );
    expect(u.external).toBe(true);
    const first = await engine.identity.signInExternal({ issuer, subject: 'sub-ines', email: 'Ines@Example.com' }, fromNewAddress());
    expect(first.actor).toMatchObject({ id: u.id, role: 'supervisor' });
    // Later the provider may change the e-mail; the link is the subject.
    const later = await engine.identity.signInExternal({ issuer, subject: 'sub-ines', email: 'ines.new@example.com' }, fromNewAddress());
    expect(later.actor.id).toBe(u.id);
    // Another account of the provider with the same e-mail is not this user.
    await expect(
      engine.identity.signInExternal({ issuer, subject: 'sub-impostor', email: 'ines@example.com' }, fromNewAddress()),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'No Atalaya user for ines@example.com: ask an admin to add you' });
    // An external user has no password to sign in with.
    await expect(engine.identity.signIn({ username: 'ines@example.com', password: '' }, fromNewAddress())).rejects.toMatchObject(WRONG);
    // Disabled: refused through the provider too.
    await engine.dispatch('users.update', { id: u.id, disabled: true }, TEST_ADMIN);
    await expect(engine.identity.signInExternal({ issuer, subject: 'sub-ines' }, fromNewAddress())).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('refuses an e-mail no user has', async () => {
    await expect(
      engine.identity.signInExternal({ issuer, subject: 'sub-x', email: 'stranger@example.com' }, fromNewAddress()),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'No Atalaya user for stranger@example.com: ask an admin to add you' });
  });
});

describe('API keys', () => {
  it('authenticate with a granted scope until revoked; only the hash is stored', async () => {
    const { key, secret } = await engine.dispatch('apiKeys.create', { name: 'POS feed', scopes: ['inventory.feeds'] }, TEST_ADMIN);
    expect(secret).toMatch(/^atk_[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(secret.slice(0, 12));
    expect(key).toMatchObject({ name: 'POS feed', scopes: ['inventory.feeds'], createdBy: TEST_ADMIN.name, revokedAt: null });

    expect(await engine.identity.authenticateKey(secret, 'inventory.feeds')).toEqual({
      id: `key:${key.id}`,
      name: 'POS feed',
      role: 'integrator',
    });
    expect(await engine.identity.authenticateKey(secret, 'orders.read')).toBeNull();
    expect(await engine.identity.authenticateKey(`${secret}x`, 'inventory.feeds')).toBeNull();
    const listed = await engine.dispatch('apiKeys.list', {}, TEST_ADMIN);
    expect(listed.find((k) => k.id === key.id)?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(secret);

    const revoked = await engine.dispatch('apiKeys.revoke', { id: key.id }, TEST_ADMIN);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await engine.identity.authenticateKey(secret, 'inventory.feeds')).toBeNull();
    await expect(engine.dispatch('apiKeys.revoke', { id: 'key_nope' }, TEST_ADMIN)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
