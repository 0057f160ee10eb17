import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToEngine } from './engine-messages';
import { createEngineRelay } from './engine-relay';

const actor = { id: 'desk:ana', name: 'ana', role: 'supervisor' as const };
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
    const a = relay.call('orders.get', { id: 'a' }, actor);
    const b = relay.call('orders.get', { id: 'b' }, actor);
    expect(engine.sent).toHaveLength(0);
    relay.receive({ kind: 'ready' });
    expect(engine.sent.map((c) => c.input)).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(engine.sent[0]?.actor).toEqual(actor);
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
    relay.receive({ kind: 'ready' });
    const r = relay.call('orders.list', {}, actor);
    vi.advanceTimersByTime(1_000);
    await expect(r).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('orders.list') } });
    expect(() => relay.receive({ kind: 'result', id: engine.sent[0]!.id, ok: true, output: [] })).not.toThrow();
  });

  it('bounds the wait for a start', async () => {
    const relay = createEngineRelay({ startTimeoutMs: 5_000 });
    relay.attach(engineStub().send);
    const r = relay.call('system.health', {}, actor);
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
    relay.receive({ kind: 'ready' });
    const command = relay.call('orders.cancel', { id: 'o1', reason: 'asked' }, actor);
    const query = relay.call('orders.list', {}, actor);
    relay.detach('The engine stopped unexpectedly', true);
    await expect(command).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/may or may not have been applied/) },
    });
    await expect(query).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/try again$/) } });

    const later = relay.call('orders.list', {}, actor);
    const second = engineStub();
    relay.attach(second.send);
    expect(second.sent).toHaveLength(0);
    relay.receive({ kind: 'ready' });
    relay.receive({ kind: 'result', id: second.sent[0]!.id, ok: true, output: 'fresh' });
    await expect(later).resolves.toEqual({ ok: true, output: 'fresh' });
  });

  it('when no engine is coming back, fails waiting and new calls at once with the reason', async () => {
    const relay = createEngineRelay();
    relay.attach(engineStub().send);
    const waiting = relay.call('orders.list', {}, actor);
    relay.detach('The engine could not start: disk full', false);
    await expect(waiting).resolves.toMatchObject({ ok: false, error: { message: 'The engine could not start: disk full' } });
    await expect(relay.call('orders.list', {}, actor)).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(relay.pending).toBe(0);
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
});
