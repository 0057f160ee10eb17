import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToEngine } from './engine-messages';
import { createEngineRelay } from './engine-relay';

const token = 'session-token-of-ana';
type Call = Extract<ToEngine, { kind: 'call' }>;

function engineStub() {
  const sent: Call[] = [];
  return { sent, send: (m: ToEngine) => void (m.kind === 'call' && sent.push(m)) };
}

describe('the engine relay', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds calls until the engine is ready, then answers each by its id', async () => {
    const relay = createEngineRelay();
    const engine = engineStub();
    relay.attach(engine.send);
    const a = relay.call('orders.get', { id: 'a' }, token);
    const b = relay.call('orders.get', { id: 'b' }, token);
    expect(engine.sent).toHaveLength(0);
    relay.receive({ kind: 'ready', setupToken: null });
    expect(engine.sent.map((c) => c.input)).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(engine.sent[0]?.token).toBe(token);
    const [first, second] = engine.sent as [Call, Call];
    relay.receive({ kind: 'result', id: second.id, ok: false, error: { code: 'NOT_FOUND', message: 'no b' } });
    relay.receive({ kind: 'result', id: first.id, ok: true, output: { id: 'a' } });
    await expect(a).resolves.toEqual({ ok: true, output: { id: 'a' } });
    await expect(b).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no b' } });
    expect(relay.pending).toBe(0);
  });

  it('times a call out as UNAVAILABLE, and ignores its late answer', async () => {
    const relay = createEngineRelay({ callTimeoutMs: 1_000 });
    const engine = engineStub();
    relay.attach(engine.send);
    relay.receive({ kind: 'ready', setupToken: null });
    const r = relay.call('orders.list', {}, token);
    vi.advanceTimersByTime(1_000);
    await expect(r).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('orders.list') } });
    expect(() => relay.receive({ kind: 'result', id: engine.sent[0]!.id, ok: true, output: [] })).not.toThrow();
  });

  it('bounds the wait for a start', async () => {
    const relay = createEngineRelay({ startTimeoutMs: 5_000 });
    relay.attach(engineStub().send);
    const r = relay.call('system.health', {}, token);
    vi.advanceTimersByTime(5_000);
    await expect(r).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringContaining('did not start') },
    });
  });

  it('fails the calls a crashed engine was answering, and sends waiting ones to the next engine', async () => {
    const relay = createEngineRelay();
    const first = engineStub();
    relay.attach(first.send);
    relay.receive({ kind: 'ready', setupToken: null });
    const command = relay.call('orders.cancel', { id: 'o1', reason: 'asked' }, token);
    const query = relay.call('orders.list', {}, token);
    relay.detach('The engine stopped unexpectedly', true);
    await expect(command).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/may or may not have been applied/) },
    });
    await expect(query).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/try again$/) } });

    const later = relay.call('orders.list', {}, token);
    const second = engineStub();
    relay.attach(second.send);
    expect(second.sent).toHaveLength(0);
    relay.receive({ kind: 'ready', setupToken: null });
    relay.receive({ kind: 'result', id: second.sent[0]!.id, ok: true, output: 'fresh' });
    await expect(later).resolves.toEqual({ ok: true, output: 'fresh' });
  });

  it('when no engine is coming back, fails waiting and new calls at once with the reason', async () => {
    const relay = createEngineRelay();
    relay.attach(engineStub().send);
    const waiting = relay.call('orders.list', {}, token);
    relay.detach('The engine could not start: disk full', false);
    await expect(waiting).resolves.toMatchObject({ ok: false, error: { message: 'The engine could not start: disk full' } });
    await expect(relay.call('orders.list', {}, token)).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(relay.pending).toBe(0);
  });

  it('relays sign-in steps like calls, and keeps the setup token the current engine announced until it is spent', async () => {
    const relay = createEngineRelay();
    const sent: ToEngine[] = [];
    relay.attach((m) => void sent.push(m));
    const options = relay.request({ kind: 'options' });
    expect(relay.setupToken).toBeNull();
    relay.receive({ kind: 'ready', setupToken: 'first-run-token' });
    expect(relay.setupToken).toBe('first-run-token');
    const [asked] = sent as [Extract<ToEngine, { id: number }>];
    expect(asked).toEqual({ kind: 'options', id: asked.id });
    relay.receive({ kind: 'result', id: asked.id, ok: true, output: { setupPending: true, oidc: null } });
    await expect(options).resolves.toEqual({ ok: true, output: { setupPending: true, oidc: null } });

    // A crash mid-sign-in fails it with 'try again' (nothing to check first), and the dead engine's token is gone.
    const signIn = relay.request({ kind: 'signIn', username: 'ana', password: 'correct horse battery' });
    relay.detach('The engine stopped unexpectedly', true);
    await expect(signIn).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/try again$/) },
    });
    expect(relay.setupToken).toBeNull();

    relay.attach((m) => void sent.push(m));
    relay.receive({ kind: 'ready', setupToken: 'second-token' });
    relay.forgetSetupToken();
    expect(relay.setupToken).toBeNull();
  });

  it('hands engine events to every listener until it unsubscribes', () => {
    const relay = createEngineRelay();
    const heard: string[] = [];
    const off = relay.onEvent((e) => heard.push(e.type));
    const event = { type: 'locations.changed' as const, at: '2026-01-01T00:00:00Z' };
    relay.receive({ kind: 'event', event });
    off();
    relay.receive({ kind: 'event', event });
    expect(heard).toEqual(['locations.changed']);
  });

  it('answers a host request (silent printing) to the engine process that asked, and a failure as text', async () => {
    const relay = createEngineRelay();
    const sent: ToEngine[] = [];
    relay.attach((m) => void sent.push(m));
    relay.receive({ kind: 'ready', setupToken: null });
    relay.receive({ kind: 'host', hostId: 1, request: { kind: 'printers' } });
    expect(sent).toEqual([{ kind: 'hostReply', hostId: 1, ok: false, error: 'The desktop app does not serve printers requests' }]);
    relay.serveHost(async (r) => {
      if (r.kind === 'printers') return [{ name: 'Zebra', status: 3, isDefault: false }];
      throw new Error('no printer window');
    });
    relay.receive({ kind: 'host', hostId: 2, request: { kind: 'printers' } });
    relay.receive({
      kind: 'host',
      hostId: 3,
      request: { kind: 'print', request: { deviceName: 'Zebra', html: '<p/>', pageSize: { width: 101600, height: 152400 }, title: 't' } },
    });
    await vi.runAllTimersAsync();
    expect(sent.slice(1)).toEqual([
      { kind: 'hostReply', hostId: 2, ok: true, output: [{ name: 'Zebra', status: 3, isDefault: false }] },
      { kind: 'hostReply', hostId: 3, ok: false, error: 'no printer window' },
    ]);
  });
});
