import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../shared';
import { RESYNC, type DeskEvent } from './desk-client';
import { createLiveHub, type LiveHubOptions } from './live-hub';
import { FRAME_FALLBACK_MS, nextFrame } from './next-frame';

const changed: EngineEvent = {
  type: 'order.changed',
  orderId: 'o1',
  number: 1,
  status: 'sourced',
  fromStatus: 'received',
  locationId: 'l1',
  at: '2026-01-01T00:00:00Z',
};
const located: EngineEvent = { type: 'locations.changed', at: '2026-01-01T00:00:00Z' };

/** Animation frames the test runs by hand: `frame()` runs what waits for the next one. */
function manualFrames() {
  let waiting: (() => void)[] = [];
  return {
    schedule: (flush: () => void) => void waiting.push(flush),
    frame() {
      const now = waiting;
      waiting = [];
      now.forEach((f) => f());
    },
    waiting: () => waiting.length,
  };
}

/** A hub over `source` whose frames come when the test says; `emit` sends events then runs the frame. */
function hubOver(source: ReturnType<typeof fakeSource>, o: Omit<LiveHubOptions, 'frame'> = {}) {
  const frames = manualFrames();
  const hub = createLiveHub(source, { ...o, frame: frames.schedule });
  const emit = (...events: DeskEvent[]) => {
    events.forEach(source.emit);
    frames.frame();
  };
  return { hub, emit, frames };
}

/** A transport that records its subscriptions and emits what the test says. */
function fakeSource() {
  const listeners = new Set<(e: DeskEvent) => void>();
  let subscriptions = 0;
  return {
    onDeskEvent(listener: (e: DeskEvent) => void) {
      subscriptions++;
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (e: DeskEvent) => listeners.forEach((l) => l(e)),
    subscriptions: () => subscriptions,
    open: () => listeners.size,
  };
}

describe('live hub', () => {
  it('fans every event out to every listener, in the order they subscribed, over one subscription', () => {
    const source = fakeSource();
    const { hub, emit } = hubOver(source);
    const heard: string[] = [];
    hub.subscribe((e) => heard.push(`a:${e.type}`));
    hub.subscribe((e) => heard.push(`b:${e.type}`));
    emit(changed);
    emit(located);
    expect(heard).toEqual(['a:order.changed', 'b:order.changed', 'a:locations.changed', 'b:locations.changed']);
    expect(source.subscriptions()).toBe(1);
    expect(hub.listenerCount()).toBe(2);
  });

  it('the resync reaches every listener', () => {
    const source = fakeSource();
    const { hub, emit } = hubOver(source);
    const heard: DeskEvent[][] = [[], [], []];
    heard.forEach((list) => hub.subscribe((e) => list.push(e)));
    emit(RESYNC);
    expect(heard).toEqual([[RESYNC], [RESYNC], [RESYNC]]);
  });

  it('an unsubscribed listener hears nothing more; unsubscribing twice is harmless', () => {
    const source = fakeSource();
    const { hub, emit } = hubOver(source);
    const a: DeskEvent[] = [];
    const b: DeskEvent[] = [];
    const offA = hub.subscribe((e) => a.push(e));
    hub.subscribe((e) => b.push(e));
    emit(changed);
    offA();
    offA();
    emit(RESYNC);
    expect(a).toEqual([changed]);
    expect(b).toEqual([changed, RESYNC]);
    expect(hub.listenerCount()).toBe(1);
  });

  it('the same function subscribed twice is two listeners, each with its own unsubscribe', () => {
    const source = fakeSource();
    const { hub, emit } = hubOver(source);
    const heard: DeskEvent[] = [];
    const listener = (e: DeskEvent) => void heard.push(e);
    const first = hub.subscribe(listener);
    hub.subscribe(listener);
    emit(located);
    first();
    emit(located);
    expect(heard).toHaveLength(3);
  });

  it('holds the transport subscription only while someone listens', () => {
    const source = fakeSource();
    const { hub, emit } = hubOver(source);
    expect(source.open()).toBe(0);
    const off1 = hub.subscribe(() => {});
    const off2 = hub.subscribe(() => {});
    expect(source.open()).toBe(1);
    off1();
    expect(source.open()).toBe(1);
    off2();
    expect(source.open()).toBe(0);
    const heard: DeskEvent[] = [];
    hub.subscribe((e) => heard.push(e));
    emit(RESYNC);
    expect(heard).toEqual([RESYNC]);
    expect(source.subscriptions()).toBe(2);
  });

  it('a listener removed while an event is being delivered does not hear it; one added then hears only later events', () => {
    const source = fakeSource();
    const { hub, emit } = hubOver(source);
    const heard: string[] = [];
    let offB = () => {};
    hub.subscribe((e) => {
      heard.push(`a:${e.type}`);
      offB();
      hub.subscribe((e2) => heard.push(`c:${e2.type}`));
    });
    offB = hub.subscribe((e) => heard.push(`b:${e.type}`));
    emit(changed);
    expect(heard).toEqual(['a:order.changed']);
  });

  it('a listener that throws does not keep the event from the others, and its error is reported', () => {
    const source = fakeSource();
    const errors: unknown[] = [];
    const { hub, emit } = hubOver(source, { onListenerError: (e) => errors.push(e) });
    const heard: DeskEvent[] = [];
    hub.subscribe(() => {
      throw new Error('view broke');
    });
    hub.subscribe((e) => heard.push(e));
    emit(RESYNC);
    expect(heard).toEqual([RESYNC]);
    expect(errors).toEqual([new Error('view broke')]);
  });
});

describe('live hub batching per animation frame', () => {
  const shipped = (n: number): EngineEvent => ({ ...changed, orderId: `o${n}`, number: n, status: 'shipped', fromStatus: 'packed' });

  it('a burst within one frame reaches a batch listener once, whole and in order', () => {
    const source = fakeSource();
    const { hub, frames } = hubOver(source);
    const batches: (readonly DeskEvent[])[] = [];
    hub.subscribeBatch((b) => batches.push(b));
    const burst = Array.from({ length: 50 }, (_, i) => shipped(i));
    burst.forEach(source.emit);
    expect(batches).toEqual([]); // nothing before the frame
    expect(frames.waiting()).toBe(1); // one frame asked for, however many events
    frames.frame();
    expect(batches).toEqual([burst]);
    source.emit(located);
    frames.frame();
    expect(batches).toEqual([burst, [located]]);
  });

  it('per-event listeners hear the same events in the same order, within the frame', () => {
    const source = fakeSource();
    const { hub, frames } = hubOver(source);
    const one: string[] = [];
    const all: string[] = [];
    hub.subscribe((e) => one.push(e.type === 'order.changed' ? e.orderId : e.type));
    hub.subscribeBatch((b) => all.push(...b.map((e) => (e.type === 'order.changed' ? e.orderId : e.type))));
    [shipped(1), located, shipped(2)].forEach(source.emit);
    expect(one).toEqual([]);
    frames.frame();
    expect(one).toEqual(['o1', 'locations.changed', 'o2']);
    expect(all).toEqual(one);
  });

  it('several resyncs in one frame are one', () => {
    const source = fakeSource();
    const { hub, frames } = hubOver(source);
    const batches: (readonly DeskEvent[])[] = [];
    hub.subscribeBatch((b) => batches.push(b));
    [RESYNC, shipped(1), RESYNC].forEach(source.emit);
    frames.frame();
    expect(batches).toEqual([[RESYNC, shipped(1)]]);
  });

  it('a batch listener that throws does not keep the batch from the others', () => {
    const source = fakeSource();
    const errors: unknown[] = [];
    const { hub, emit } = hubOver(source, { onListenerError: (e) => errors.push(e) });
    const heard: DeskEvent[] = [];
    hub.subscribeBatch(() => {
      throw new Error('store broke');
    });
    hub.subscribeBatch((b) => heard.push(...b));
    emit(located, RESYNC);
    expect(heard).toEqual([located, RESYNC]);
    expect(errors).toEqual([new Error('store broke')]);
  });

  it('events gathered when the last listener leaves are dropped with the subscription', () => {
    const source = fakeSource();
    const { hub, frames } = hubOver(source);
    const heard: DeskEvent[] = [];
    const off = hub.subscribeBatch((b) => heard.push(...b));
    source.emit(located);
    off();
    frames.frame();
    hub.subscribeBatch((b) => heard.push(...b));
    source.emit(RESYNC);
    frames.frame();
    expect(heard).toEqual([RESYNC]);
  });
});

describe('next frame', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs at the animation frame, once, and not again at the fallback', () => {
    vi.useFakeTimers();
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    let runs = 0;
    nextFrame(() => runs++);
    expect(runs).toBe(0);
    frames.shift()!(0);
    expect(runs).toBe(1);
    vi.advanceTimersByTime(FRAME_FALLBACK_MS * 2);
    expect(runs).toBe(1);
  });

  it('runs after the fallback when no frame comes (a hidden window), and not again at a late frame', () => {
    vi.useFakeTimers();
    const frames: FrameRequestCallback[] = [];
    let cancelled = 0;
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal('cancelAnimationFrame', () => void cancelled++);
    let runs = 0;
    nextFrame(() => runs++);
    vi.advanceTimersByTime(FRAME_FALLBACK_MS - 1);
    expect(runs).toBe(0);
    vi.advanceTimersByTime(1);
    expect(runs).toBe(1);
    expect(cancelled).toBe(1);
    frames.shift()?.(0);
    expect(runs).toBe(1);
  });
});
