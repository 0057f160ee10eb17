import { describe, expect, it, vi } from 'vitest';
import { AppError, type SessionInfo } from '../../../../shared';
import { createHttpDeskClient, EngineError } from '../../api/desk-client';
import { fakeDesk } from '../../test-support/fake-desk';
import { fakeSession } from '../../test-support/fake-session';
import { aSession } from '../../test-support/fixtures';
import { explainFailures } from './session-wiring';
import { createSessionStore, selectRetryIn, selectRole } from './session.store';

const NO_SETUP = { setupPending: false, oidc: null };
const unauthorized = () => {
  throw new AppError('UNAUTHORIZED', 'Sign in first');
};

describe('session store', () => {
  it('signed out → signed in → a call answers 401 → signed out, saying the session ended', async () => {
    const session = fakeSession(NO_SETUP, [{ ok: true, session: aSession({ id: 'u7', displayName: 'Sofía', role: 'supervisor' }) }]);
    const onSignedIn = vi.fn();
    const store = createSessionStore({ api: fakeDesk({ 'session.me': unauthorized }), session, onSignedIn });

    await store.getState().started();
    expect(store.getState()).toMatchObject({ status: 'signedOut', ended: false, options: NO_SETUP });

    expect(await store.getState().signInSubmitted('  sofia ', 'correct horse battery')).toBe(true);
    expect(session.calls).toEqual(['options', 'signIn:sofia']);
    expect(store.getState().status).toBe('signedIn');
    expect(selectRole(store.getState())).toBe('supervisor');
    expect(onSignedIn).toHaveBeenCalledOnce();

    store.getState().unauthorizedAnswered();
    expect(store.getState()).toMatchObject({ status: 'signedOut', ended: true });
    // What the desk showed stays for when they are back: only the screen changed.
    expect(store.getState().info?.user.displayName).toBe('Sofía');
  });

  it('starts signed in when session.me answers, and on the setup form when no admin exists yet', async () => {
    const me = aSession({ role: 'associate', locations: ['loc-1'] });
    const signedIn = createSessionStore({ api: fakeDesk({ 'session.me': () => me }), session: fakeSession(NO_SETUP) });
    await signedIn.getState().started();
    expect(signedIn.getState()).toMatchObject({ status: 'signedIn', info: me });

    const session = fakeSession({ setupPending: true, oidc: null }, [{ ok: true, session: aSession({ role: 'admin' }) }]);
    const fresh = createSessionStore({ api: fakeDesk({ 'session.me': unauthorized }), session });
    await fresh.getState().started();
    expect(fresh.getState().status).toBe('setup');
    expect(
      await fresh.getState().setupSubmitted({ token: 'tok', username: ' admin ', displayName: ' Ada ', password: 'a long passphrase' }),
    ).toBe(true);
    expect(session.setups).toEqual([{ token: 'tok', username: 'admin', displayName: 'Ada', password: 'a long passphrase' }]);
    expect(fresh.getState()).toMatchObject({ status: 'signedIn', options: { setupPending: false } });
  });

  it('says wrong credentials once, a bad setup token as such, and counts down a rate limit without sending', async () => {
    let now = 1_000_000;
    const session = fakeSession(NO_SETUP, [
      { ok: false, error: { code: 'UNAUTHORIZED', message: 'wrong user name or password' } },
      { ok: false, error: { code: 'RATE_LIMITED', message: 'too many', retryAfterSeconds: 30 } },
      { ok: true, session: aSession() },
    ]);
    const store = createSessionStore({ api: fakeDesk({ 'session.me': unauthorized }), session, now: () => now });
    await store.getState().started();

    expect(await store.getState().signInSubmitted('paula', 'nope')).toBe(false);
    expect(store.getState().problem).toEqual({ kind: 'credentials' });

    expect(await store.getState().signInSubmitted('paula', 'nope again')).toBe(false);
    expect(store.getState().problem).toEqual({ kind: 'rateLimited', until: now + 30_000 });
    expect(selectRetryIn(store.getState(), now)).toBe(30);
    now += 12_500;
    expect(selectRetryIn(store.getState(), now)).toBe(18);
    // Still limited: nothing is sent.
    expect(await store.getState().signInSubmitted('paula', 'right')).toBe(false);
    expect(session.calls.filter((c) => c.startsWith('signIn'))).toHaveLength(2);
    now += 18_000;
    expect(selectRetryIn(store.getState(), now)).toBe(0);
    expect(await store.getState().signInSubmitted('paula', 'right')).toBe(true);

    const setup = fakeSession({ setupPending: true, oidc: null }, [{ ok: false, error: { code: 'UNAUTHORIZED', message: 'bad token' } }]);
    const first = createSessionStore({ api: fakeDesk({ 'session.me': unauthorized }), session: setup });
    await first.getState().started();
    await first.getState().setupSubmitted({ token: 'old', username: 'a', displayName: 'A', password: 'x'.repeat(12) });
    expect(first.getState()).toMatchObject({ status: 'setup', problem: { kind: 'setupToken' } });
  });

  it('a different person signing in where another desk was starts the page afresh; the same person resumes', async () => {
    const replies = [
      { ok: true, session: aSession({ id: 'u1' }) },
      { ok: true, session: aSession({ id: 'u1' }) },
      { ok: true, session: aSession({ id: 'u2', displayName: 'Other' }) },
    ] as const satisfies readonly { ok: true; session: SessionInfo }[];
    const onUserSwitched = vi.fn();
    const store = createSessionStore({
      api: fakeDesk({ 'session.me': unauthorized }),
      session: fakeSession(NO_SETUP, [...replies]),
      onUserSwitched,
    });
    await store.getState().started();
    await store.getState().signInSubmitted('paula', 'pw');
    store.getState().unauthorizedAnswered();
    await store.getState().signInSubmitted('paula', 'pw');
    expect(onUserSwitched).not.toHaveBeenCalled();
    store.getState().unauthorizedAnswered();
    await store.getState().signInSubmitted('other', 'pw');
    expect(onUserSwitched).toHaveBeenCalledOnce();
  });

  it('signing out tells the engine and leaves nothing of the session', async () => {
    const session = fakeSession(NO_SETUP);
    const onUserSwitched = vi.fn();
    const store = createSessionStore({ api: fakeDesk({ 'session.me': () => aSession() }), session, onUserSwitched });
    await store.getState().started();
    await store.getState().signOutRequested();
    expect(session.calls).toEqual(['signOut']);
    expect(store.getState()).toMatchObject({ status: 'signedOut', info: null, ended: false });
    expect(onUserSwitched).toHaveBeenCalledOnce();
  });

  it('an engine that does not answer is said, not taken for signed out', async () => {
    const store = createSessionStore({
      api: fakeDesk({
        'session.me': () => {
          throw new AppError('UNAVAILABLE', 'database away');
        },
      }),
      session: fakeSession(NO_SETUP),
    });
    await store.getState().started();
    expect(store.getState()).toMatchObject({ status: 'unreachable', unreachable: 'database away' });
  });
});

describe('failures of any call, as the session sees them', () => {
  /** The real HTTP desk client against a fetch that answers like the web host. */
  const client = (status: number, body: unknown) => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
    return createHttpDeskClient('http://desk.test/');
  };

  it("UNAUTHORIZED from any endpoint ends the session on screen; from changing one's password it does not", async () => {
    const store = createSessionStore({ api: fakeDesk({ 'session.me': () => aSession() }), session: fakeSession(NO_SETUP) });
    await store.getState().started();
    const desk = client(401, { error: { code: 'UNAUTHORIZED', message: 'Session expired' } });
    const off = explainFailures(desk, store, () => 'en');
    await expect(desk.call('session.changePassword', { currentPassword: 'x', newPassword: 'y'.repeat(12) })).rejects.toThrow(
      'Session expired',
    );
    expect(store.getState().status).toBe('signedIn');
    await expect(desk.call('orders.list', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(store.getState()).toMatchObject({ status: 'signedOut', ended: true });
    off();
    vi.unstubAllGlobals();
  });

  it("FORBIDDEN is rewritten in the user's language and role, wherever the caller shows it", async () => {
    const store = createSessionStore({
      api: fakeDesk({ 'session.me': () => aSession({ role: 'planner' }) }),
      session: fakeSession(NO_SETUP),
    });
    await store.getState().started();
    const desk = client(403, { error: { code: 'FORBIDDEN', message: 'role planner may not call sourcing.override' } });
    let locale: 'en' | 'es' = 'en';
    const off = explainFailures(desk, store, () => locale);
    const input = { orderId: 'o1', locationId: 'l2', reason: 'closer' };
    const en = await desk.call('sourcing.override', input).catch((e: unknown) => e);
    expect(en).toBeInstanceOf(EngineError);
    expect(en).toMatchObject({ code: 'FORBIDDEN', message: 'Your role (Planner) may not override sourcing — ask a supervisor.' });
    locale = 'es';
    await expect(desk.call('sourcing.override', input)).rejects.toThrow(
      'Tu rol (Planificador) no puede cambiar la ubicación asignada: pedíselo a un supervisor.',
    );
    expect(store.getState().status).toBe('signedIn');
    off();
    vi.unstubAllGlobals();
  });
});
