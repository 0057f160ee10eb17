import { describe, expect, it, vi } from 'vitest';
import { AppError, type EngineEvent } from '../shared';
import type { Engine } from '../engine';
import type { FromEngine } from './engine-messages';
import { hostEngine } from './engine-host';

const actor = { id: 'user-ana', name: 'Ana', role: 'supervisor' as const, session: 'ses-1' };
const token = 'tok-ana';
const flush = () => new Promise((r) => setTimeout(r, 0));

/** An identity that knows one live session (`tok-ana`) and one password, and a pending first-run token. */
function fakeIdentity(): Engine['identity'] {
  let setupToken: string | null = 'first-run';
  const live = new Set([token]);
  return {
    pendingSetupToken: vi.fn(async () => setupToken),
    completeSetup: vi.fn(async (input: { token: string }) => {
      if (input.token !== setupToken) throw new AppError('UNAUTHORIZED', 'Wrong or used setup link');
      setupToken = null;
      live.add('tok-admin');
      return { token: 'tok-admin', actor: { id: 'user-admin', name: 'Admin', role: 'admin' as const }, expiresAt: 'later' };
    }),
    signIn: vi.fn(async (input: { username: string; password: string }) => {
      if (input.password !== 'correct horse battery') throw new AppError('UNAUTHORIZED', 'Wrong user name or password');
      live.add('tok-new');
      return { token: 'tok-new', actor, expiresAt: 'later' };
    }),
    signInExternal: vi.fn(),
    authenticate: vi.fn(async (t: string) => (live.has(t) ? actor : null)),
    signOut: vi.fn(async (t: string) => void live.delete(t)),
    authenticateKey: vi.fn(),
    sessionPolicy: { idleSeconds: 1800, absoluteSeconds: 43200 },
  };
}

function fakeEngine(dispatch: Engine['dispatch']) {
  let listener: ((e: EngineEvent, at: string) => void) | undefined;
  const engine = {
    // A spy, typed as the generic dispatcher it wraps.
    dispatch: vi.fn(dispatch) as unknown as Engine['dispatch'],
    onEvent: (l: (e: EngineEvent, at: string) => void) => ((listener = l), () => (listener = undefined)),
    eventsAfter: async () => undefined,
    close: vi.fn(async () => undefined),
    config: {} as Engine['config'],
    intake: {} as Engine['intake'],
    carriers: {} as Engine['carriers'],
    receipts: {} as Engine['receipts'],
    returnLabels: {} as Engine['returnLabels'],
    feeds: {} as Engine['feeds'],
    identity: fakeIdentity(),
    runtime: {} as Engine['runtime'],
  } satisfies Engine;
  return { engine, emit: (e: EngineEvent) => listener?.(e, '1:1') };
}

function host(start: () => Promise<Engine>) {
  const posted: FromEngine[] = [];
  const io = { post: (m: FromEngine) => void posted.push(m), exit: vi.fn(), logError: vi.fn() };
  return { posted, io, send: hostEngine(start, io) };
}

describe('the engine host in the utility process', () => {
  it("says ready (with the first-run token), answers calls by id as the session's actor, and forwards every event", async () => {
    const { engine, emit } = fakeEngine(async (endpoint, input) => ({ endpoint, input }) as never);
    const h = host(async () => engine);
    h.send({ kind: 'call', id: 7, endpoint: 'orders.get', input: { id: 'o1' }, token });
    await flush();
    emit({ type: 'locations.changed', at: 'now' });
    expect(engine.dispatch).toHaveBeenCalledWith('orders.get', { id: 'o1' }, actor);
    expect(h.posted).toEqual([
      { kind: 'ready', setupToken: 'first-run' },
      { kind: 'result', id: 7, ok: true, output: { endpoint: 'orders.get', input: { id: 'o1' } } },
      { kind: 'event', event: { type: 'locations.changed', at: 'now' } },
    ]);
  });

  it('passes an AppError on as its body, and hides other failures behind INTERNAL', async () => {
    const { engine } = fakeEngine(async (endpoint) => {
      if (endpoint === 'orders.get') throw new AppError('NOT_FOUND', 'No order o1');
      throw new Error('relation "orders" does not exist');
    });
    const h = host(async () => engine);
    h.send({ kind: 'call', id: 1, endpoint: 'orders.get', input: {}, token });
    h.send({ kind: 'call', id: 2, endpoint: 'orders.list', input: {}, token });
    h.send({ kind: 'call', id: 3, endpoint: 'orders.drop', input: {}, token });
    await flush();
    // Answers go out as each call finishes, not in the order sent.
    const results = h.posted.filter((m) => m.kind === 'result').sort((a, b) => a.id - b.id);
    expect(results).toEqual([
      { kind: 'result', id: 1, ok: false, error: { code: 'NOT_FOUND', message: 'No order o1' } },
      { kind: 'result', id: 2, ok: false, error: { code: 'INTERNAL', message: expect.not.stringContaining('relation') } },
      { kind: 'result', id: 3, ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('orders.drop') } },
    ]);
    expect(h.io.logError).toHaveBeenCalledOnce();
  });

  it('answers UNAVAILABLE when the engine cannot reach its database or queue, without logging it as a failure', async () => {
    const { engine } = fakeEngine(async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    });
    const h = host(async () => engine);
    h.send({ kind: 'call', id: 4, endpoint: 'orders.list', input: {}, token });
    await flush();
    expect(h.posted.filter((m) => m.kind === 'result')).toEqual([
      { kind: 'result', id: 4, ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('retry') } },
    ]);
    expect(h.io.logError).not.toHaveBeenCalled();
  });

  it('reports a failed start as fatal, answers waiting calls UNAVAILABLE, then exits 1', async () => {
    vi.useFakeTimers();
    const h = host(async () => {
      throw new Error('could not open the data folder');
    });
    h.send({ kind: 'call', id: 1, endpoint: 'orders.list', input: {}, token });
    await vi.advanceTimersByTimeAsync(200);
    vi.useRealTimers();
    expect(h.posted).toContainEqual({ kind: 'fatal', message: 'could not open the data folder' });
    expect(h.posted).toContainEqual({
      kind: 'result',
      id: 1,
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringContaining('could not open the data folder') },
    });
    expect(h.io.exit).toHaveBeenCalledWith(1);
  });

  it('on shutdown closes the engine once, then exits 0', async () => {
    const { engine } = fakeEngine(async () => undefined as never);
    const h = host(async () => engine);
    h.send({ kind: 'shutdown' });
    h.send({ kind: 'shutdown' });
    await flush();
    expect(engine.close).toHaveBeenCalledOnce();
    expect(h.io.exit).toHaveBeenCalledWith(0);
  });

  it('answers INTERNAL when an output cannot cross the process boundary', async () => {
    const { engine } = fakeEngine(async () => ({ callback: () => 1 }) as never);
    const posted: FromEngine[] = [];
    const io = {
      post: (m: FromEngine) => {
        structuredClone(m); // what Electron's postMessage does
        posted.push(m);
      },
      exit: vi.fn(),
      logError: vi.fn(),
    };
    hostEngine(async () => engine, io)({ kind: 'call', id: 4, endpoint: 'orders.list', input: {}, token });
    await flush();
    expect(posted).toContainEqual({ kind: 'result', id: 4, ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
  });

  it('ignores messages that are not part of the protocol', async () => {
    const { engine } = fakeEngine(async () => undefined as never);
    const h = host(async () => engine);
    h.send({ kind: 'eval', code: 'process.exit()' });
    h.send(null);
    await flush();
    expect(h.posted).toEqual([{ kind: 'ready', setupToken: 'first-run' }]);
  });

  it('answers a call without a session, or with a dead one, UNAUTHORIZED without dispatching it', async () => {
    const { engine } = fakeEngine(async () => 'ran' as never);
    const h = host(async () => engine);
    h.send({ kind: 'call', id: 1, endpoint: 'orders.list', input: {}, token: null });
    h.send({ kind: 'call', id: 2, endpoint: 'orders.list', input: {}, token: 'tok-expired' });
    await flush();
    const results = h.posted.filter((m) => m.kind === 'result').sort((a, b) => a.id - b.id);
    expect(results).toEqual([
      { kind: 'result', id: 1, ok: false, error: { code: 'UNAUTHORIZED', message: 'Sign in first' } },
      { kind: 'result', id: 2, ok: false, error: { code: 'UNAUTHORIZED', message: 'Sign in first' } },
    ]);
    expect(engine.dispatch).not.toHaveBeenCalled();
  });

  it('signs in through the desk (via electron) and answers the token, the actor and session.me', async () => {
    const me = { user: { id: 'user-ana', username: 'ana' }, expiresAt: 'later', idleTimeoutSeconds: 1800 };
    const { engine } = fakeEngine(async (endpoint) => (endpoint === 'session.me' ? me : null) as never);
    const h = host(async () => engine);
    h.send({ kind: 'signIn', id: 1, username: 'ana', password: 'correct horse battery' });
    h.send({ kind: 'signIn', id: 2, username: 'ana', password: 'wrong' });
    await flush();
    expect(engine.identity.signIn).toHaveBeenCalledWith({ username: 'ana', password: 'correct horse battery' }, { via: 'electron' });
    expect(engine.dispatch).toHaveBeenCalledWith('session.me', {}, actor);
    const results = h.posted.filter((m) => m.kind === 'result').sort((a, b) => a.id - b.id);
    expect(results).toEqual([
      { kind: 'result', id: 1, ok: true, output: { token: 'tok-new', actor, session: me } },
      { kind: 'result', id: 2, ok: false, error: { code: 'UNAUTHORIZED', message: 'Wrong user name or password' } },
    ]);
  });

  it('says whether setup is pending, completes it once, and signs out', async () => {
    const { engine } = fakeEngine(async () => ({ user: {} }) as never);
    const h = host(async () => engine);
    const setup = { token: 'first-run', username: 'root', displayName: 'Root', password: 'correct horse battery' };
    h.send({ kind: 'options', id: 1 });
    await flush();
    h.send({ kind: 'setup', id: 2, input: setup });
    await flush();
    h.send({ kind: 'setup', id: 3, input: setup });
    h.send({ kind: 'options', id: 4 });
    h.send({ kind: 'signOut', id: 5, token: 'tok-admin' });
    await flush();
    const results = h.posted.filter((m) => m.kind === 'result').sort((a, b) => a.id - b.id);
    expect(results).toEqual([
      { kind: 'result', id: 1, ok: true, output: { setupPending: true, oidc: null } },
      { kind: 'result', id: 2, ok: true, output: expect.objectContaining({ token: 'tok-admin' }) },
      { kind: 'result', id: 3, ok: false, error: { code: 'UNAUTHORIZED', message: expect.any(String) } },
      { kind: 'result', id: 4, ok: true, output: { setupPending: false, oidc: null } },
      { kind: 'result', id: 5, ok: true, output: null },
    ]);
    expect(engine.identity.completeSetup).toHaveBeenCalledWith(setup, { via: 'electron' });
    expect(await engine.identity.authenticate('tok-admin')).toBeNull();
  });

  it('signs the new session out again when session.me fails, so no token is left open', async () => {
    const { engine } = fakeEngine(async () => {
      throw new AppError('UNAVAILABLE', 'database away');
    });
    const h = host(async () => engine);
    h.send({ kind: 'signIn', id: 1, username: 'ana', password: 'correct horse battery' });
    await flush();
    await flush();
    expect(h.posted).toContainEqual({ kind: 'result', id: 1, ok: false, error: { code: 'UNAVAILABLE', message: 'database away' } });
    expect(engine.identity.signOut).toHaveBeenCalledWith('tok-new');
  });

  it('is ready without a setup token when the identity cannot say (it never keeps the engine from serving)', async () => {
    const { engine } = fakeEngine(async () => 'ok' as never);
    engine.identity.pendingSetupToken = async () => {
      throw new Error('identity table missing');
    };
    const h = host(async () => engine);
    await flush();
    expect(h.posted).toEqual([{ kind: 'ready', setupToken: null }]);
    expect(h.io.logError).toHaveBeenCalledOnce();
  });

  it("hands main's answers to the engine's own requests (silent printing) to the print bridge, not to the dispatcher", async () => {
    const { engine } = fakeEngine(async () => null as never);
    const onHostReply = vi.fn();
    const posted: FromEngine[] = [];
    const send = hostEngine(async () => engine, { post: (m) => void posted.push(m), exit: vi.fn(), logError: vi.fn(), onHostReply });
    await flush();
    send({ kind: 'hostReply', hostId: 4, ok: true, output: { ok: true } });
    expect(onHostReply).toHaveBeenCalledWith({ kind: 'hostReply', hostId: 4, ok: true, output: { ok: true } });
    expect(engine.dispatch).not.toHaveBeenCalled();
    expect(posted.filter((m) => m.kind === 'result')).toEqual([]);
  });
});
