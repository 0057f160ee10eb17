import { describe, expect, it } from 'vitest';
import type { Actor, EngineEvent, SessionInfo } from '../shared';
import { createDeskSessions } from './desk-sessions';
import type { EngineRequest } from './engine-messages';
import type { CallReply } from './engine-relay';

const WIN_A = 1;
const WIN_B = 2;

const info = (role: SessionInfo['user']['role'], locations: string[] = []): SessionInfo => ({
  user: {
    id: `user-${role}`,
    username: role,
    displayName: `The ${role}`,
    role,
    locations,
    disabled: false,
    external: false,
    createdAt: '2026-01-01T00:00:00Z',
    lastSignInAt: null,
  },
  expiresAt: '2026-01-01T12:00:00Z',
  idleTimeoutSeconds: 1800,
});

const orderAt = (locationId: string | null): EngineEvent =>
  ({ type: 'order.changed', orderId: 'o1', status: 'sourced', locationId, at: 'now' }) as EngineEvent;

/** A relay whose engine knows users by password; `answer` overrides the next reply to a call. */
function fakeRelay() {
  const sent: EngineRequest[] = [];
  const users: Record<string, { actor: Actor; info: SessionInfo }> = {
    'associate-pw-123': {
      actor: { id: 'user-associate', name: 'Asso', role: 'associate', locations: ['loc-a'] },
      info: info('associate', ['loc-a']),
    },
    'planner-pw-12345': { actor: { id: 'user-planner', name: 'Plan', role: 'planner' }, info: info('planner') },
  };
  let n = 0;
  let nextCall: ((r: Extract<EngineRequest, { kind: 'call' }>) => CallReply | Promise<CallReply>) | undefined;
  const relay = {
    sent,
    setupToken: 'first-run-token' as string | null,
    forgetSetupToken() {
      relay.setupToken = null;
    },
    set answer(f: typeof nextCall) {
      nextCall = f;
    },
    async request(r: EngineRequest): Promise<CallReply> {
      sent.push(r);
      if (r.kind === 'signIn') {
        const u = users[r.password];
        if (!u) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Wrong user name or password' } };
        return { ok: true, output: { token: `tok-${++n}`, actor: u.actor, session: u.info } };
      }
      if (r.kind === 'setup') {
        if (r.input.token !== 'first-run-token') return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Wrong or used setup link' } };
        return {
          ok: true,
          output: { token: `tok-${++n}`, actor: { id: 'user-admin', name: 'Root', role: 'admin' }, session: info('admin') },
        };
      }
      if (r.kind === 'options') return { ok: true, output: { setupPending: relay.setupToken !== null, oidc: null } };
      if (r.kind === 'call' && nextCall) {
        const f = nextCall;
        nextCall = undefined;
        return f(r);
      }
      return { ok: true, output: null };
    },
    call(endpoint: string, input: unknown, token: string | null) {
      return relay.request({ kind: 'call', endpoint, input, token });
    },
  };
  return relay;
}

describe("the Electron desk's sessions, one per window", () => {
  it('refuses a call from a window where nobody signed in, without asking the engine', async () => {
    const relay = fakeRelay();
    const sessions = createDeskSessions(relay);
    await expect(sessions.call(WIN_A, 'orders.list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'Sign in first' },
    });
    expect(relay.sent).toEqual([]);
  });

  it('signs a window in, answers the page without the token, and sends that window’s calls with it', async () => {
    const relay = fakeRelay();
    const sessions = createDeskSessions(relay);
    const reply = await sessions.signIn(WIN_A, { username: 'plan', password: 'planner-pw-12345' });
    expect(reply).toEqual({ ok: true, session: info('planner') });
    expect(JSON.stringify(reply)).not.toContain('tok-');
    await sessions.call(WIN_A, 'orders.list', { page: 1 });
    expect(relay.sent.at(-1)).toEqual({ kind: 'call', endpoint: 'orders.list', input: { page: 1 }, token: 'tok-1' });
    // Another window is not signed in by it.
    await expect(sessions.call(WIN_B, 'orders.list', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(relay.sent.filter((r) => r.kind === 'call')).toHaveLength(1);
  });

  it('passes a wrong password on as the engine answered it, and checks the shape of what the page sent', async () => {
    const sessions = createDeskSessions(fakeRelay());
    await expect(sessions.signIn(WIN_A, { username: 'plan', password: 'nope' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    await expect(sessions.signIn(WIN_A, { username: 42, password: 'x' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [{ path: 'username' }] },
    });
    await expect(sessions.signIn(WIN_A, null)).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await expect(sessions.call(WIN_A, 'orders.list', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('lets each window hear only what its user may: an associate their locations’ orders, nobody signed in nothing', async () => {
    const sessions = createDeskSessions(fakeRelay());
    await sessions.signIn(WIN_A, { username: 'asso', password: 'associate-pw-123' });
    await sessions.signIn(WIN_B, { username: 'plan', password: 'planner-pw-12345' });
    expect(sessions.mayHear(WIN_A, orderAt('loc-a'))).toBe(true);
    expect(sessions.mayHear(WIN_A, orderAt('loc-b'))).toBe(false);
    expect(sessions.mayHear(WIN_A, orderAt(null))).toBe(false);
    expect(sessions.mayHear(WIN_B, orderAt('loc-b'))).toBe(true);
    expect(sessions.mayHear(3, { type: 'locations.changed', at: 'now' })).toBe(false);
  });

  it('treats a call answered UNAUTHORIZED as signed out (the session expired or the user was disabled)', async () => {
    const relay = fakeRelay();
    const sessions = createDeskSessions(relay);
    await sessions.signIn(WIN_A, { username: 'plan', password: 'planner-pw-12345' });
    relay.answer = () => ({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Sign in first' } });
    await sessions.call(WIN_A, 'orders.list', {});
    expect(sessions.actorOf(WIN_A)).toBeNull();
    expect(sessions.mayHear(WIN_A, orderAt('loc-a'))).toBe(false);
    await sessions.call(WIN_A, 'orders.list', {});
    expect(relay.sent.filter((r) => r.kind === 'call')).toHaveLength(1);
  });

  it('a late UNAUTHORIZED for an old session does not sign out the one that replaced it', async () => {
    const relay = fakeRelay();
    const sessions = createDeskSessions(relay);
    await sessions.signIn(WIN_A, { username: 'plan', password: 'planner-pw-12345' });
    let release: (r: CallReply) => void = () => undefined;
    relay.answer = () => new Promise<CallReply>((r) => (release = r));
    const slow = sessions.call(WIN_A, 'orders.list', {});
    await sessions.signIn(WIN_A, { username: 'asso', password: 'associate-pw-123' });
    // Signing in again ended the first session in the engine.
    expect(relay.sent).toContainEqual({ kind: 'signOut', token: 'tok-1' });
    release({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Sign in first' } });
    await slow;
    expect(sessions.actorOf(WIN_A)?.role).toBe('associate');
  });

  it('refreshes the window’s actor from session.me, so a changed role or location changes what it hears', async () => {
    const relay = fakeRelay();
    const sessions = createDeskSessions(relay);
    await sessions.signIn(WIN_A, { username: 'asso', password: 'associate-pw-123' });
    relay.answer = () => ({ ok: true, output: info('associate', ['loc-b']) });
    await sessions.call(WIN_A, 'session.me', {});
    expect(sessions.mayHear(WIN_A, orderAt('loc-a'))).toBe(false);
    expect(sessions.mayHear(WIN_A, orderAt('loc-b'))).toBe(true);
    expect(sessions.actorOf(WIN_A)).toMatchObject({ id: 'user-associate', role: 'associate', locations: ['loc-b'] });
  });

  it('signs out, and ends a window’s session when the window closes', async () => {
    const relay = fakeRelay();
    const sessions = createDeskSessions(relay);
    await sessions.signIn(WIN_A, { username: 'plan', password: 'planner-pw-12345' });
    await sessions.signIn(WIN_B, { username: 'asso', password: 'associate-pw-123' });
    await sessions.signOut(WIN_A);
    sessions.windowClosed(WIN_B);
    expect(relay.sent.filter((r) => r.kind === 'signOut')).toEqual([
      { kind: 'signOut', token: 'tok-1' },
      { kind: 'signOut', token: 'tok-2' },
    ]);
    expect(sessions.actorOf(WIN_A)).toBeNull();
    expect(sessions.actorOf(WIN_B)).toBeNull();
    await sessions.signOut(WIN_A); // idempotent: nothing more is sent
    expect(relay.sent.filter((r) => r.kind === 'signOut')).toHaveLength(2);
  });

  it('first run: an empty token field spends the token main holds (never shown to the page); a typed one is passed as typed', async () => {
    const relay = fakeRelay();
    const sessions = createDeskSessions(relay);
    await expect(sessions.options()).resolves.toEqual({ setupPending: true, oidc: null });
    const typed = await sessions.setup(WIN_A, {
      token: 'guessed',
      username: 'root',
      displayName: 'Root',
      password: 'correct horse battery',
    });
    expect(typed).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    // A field left out is the empty field.
    const reply = await sessions.setup(WIN_A, { username: 'root', displayName: 'Root', password: 'correct horse battery' });
    expect(reply).toEqual({ ok: true, session: info('admin') });
    expect(JSON.stringify(reply)).not.toContain('first-run-token');
    expect(relay.sent.filter((r) => r.kind === 'setup').map((r) => r.kind === 'setup' && r.input.token)).toEqual([
      'guessed',
      'first-run-token',
    ]);
    expect(sessions.actorOf(WIN_A)?.role).toBe('admin');
    // Spent: a second setup from another window has no token to use.
    expect(relay.setupToken).toBeNull();
    await expect(sessions.options()).resolves.toEqual({ setupPending: false, oidc: null });
    await expect(
      sessions.setup(WIN_B, { token: '', username: 'root2', displayName: 'Root', password: 'correct horse battery' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('offers the sign-in form when the engine cannot say whether setup is pending', async () => {
    const relay = fakeRelay();
    relay.request = async () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'engine away' } });
    await expect(createDeskSessions(relay).options()).resolves.toEqual({ setupPending: false, oidc: null });
  });
});
