import { describe, expect, it, vi } from 'vitest';
import { AppError, type EngineEvent } from '../shared';
import type { Engine } from '../engine';
import type { FromEngine } from './engine-messages';
import { hostEngine } from './engine-host';

const actor = { id: 'desk:ana', name: 'ana', role: 'supervisor' as const };
const flush = () => new Promise((r) => setTimeout(r, 0));

function fakeEngine(dispatch: Engine['dispatch']) {
  let listener: ((e: EngineEvent) => void) | undefined;
  const engine = {
    dispatch,
    onEvent: (l: (e: EngineEvent) => void) => ((listener = l), () => (listener = undefined)),
    close: vi.fn(async () => undefined),
    config: {} as Engine['config'],
    intake: {} as Engine['intake'],
    feeds: {} as Engine['feeds'],
    identity: {} as Engine['identity'],
    runtime: {} as Engine['runtime'],
  } satisfies Engine;
  return { engine, emit: (e: EngineEvent) => listener?.(e) };
}

function host(start: () => Promise<Engine>) {
  const posted: FromEngine[] = [];
  const io = { post: (m: FromEngine) => void posted.push(m), exit: vi.fn(), logError: vi.fn() };
  return { posted, io, send: hostEngine(start, io) };
}

describe('the engine host in the utility process', () => {
  it('says ready, answers calls by id and forwards events', async () => {
    const { engine, emit } = fakeEngine(async (endpoint, input) => ({ endpoint, input }) as never);
    const h = host(async () => engine);
    h.send({ kind: 'call', id: 7, endpoint: 'orders.get', input: { id: 'o1' }, actor });
    await flush();
    emit({ type: 'locations.changed', at: 'now' });
    expect(h.posted).toEqual([
      { kind: 'ready' },
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
    h.send({ kind: 'call', id: 1, endpoint: 'orders.get', input: {}, actor });
    h.send({ kind: 'call', id: 2, endpoint: 'orders.list', input: {}, actor });
    h.send({ kind: 'call', id: 3, endpoint: 'orders.drop', input: {}, actor });
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
    h.send({ kind: 'call', id: 4, endpoint: 'orders.list', input: {}, actor });
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
    h.send({ kind: 'call', id: 1, endpoint: 'orders.list', input: {}, actor });
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
    hostEngine(async () => engine, io)({ kind: 'call', id: 4, endpoint: 'orders.list', input: {}, actor });
    await flush();
    expect(posted).toContainEqual({ kind: 'result', id: 4, ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
  });

  it('ignores messages that are not part of the protocol', async () => {
    const { engine } = fakeEngine(async () => undefined as never);
    const h = host(async () => engine);
    h.send({ kind: 'eval', code: 'process.exit()' });
    h.send(null);
    await flush();
    expect(h.posted).toEqual([{ kind: 'ready' }]);
  });
});
