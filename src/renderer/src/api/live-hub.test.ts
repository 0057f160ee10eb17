import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared';
import { RESYNC, type DeskEvent } from './desk-client';
import { createLiveHub } from './live-hub';

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
    const hub = createLiveHub(source);
    const heard: string[] = [];
    hub.subscribe((e) => heard.push(`a:${e.type}`));
    hub.subscribe((e) => heard.push(`b:${e.type}`));
    source.emit(changed);
    source.emit(located);
    expect(heard).toEqual(['a:order.changed', 'b:order.changed', 'a:locations.changed', 'b:locations.changed']);
    expect(source.subscriptions()).toBe(1);
    expect(hub.listenerCount()).toBe(2);
  });

  it('the resync reaches every listener', () => {
    const source = fakeSource();
    const hub = createLiveHub(source);
    const heard: DeskEvent[][] = [[], [], []];
    heard.forEach((list) => hub.subscribe((e) => list.push(e)));
    source.emit(RESYNC);
    expect(heard).toEqual([[RESYNC], [RESYNC], [RESYNC]]);
  });

  it('an unsubscribed listener hears nothing more; unsubscribing twice is harmless', () => {
    const source = fakeSource();
    const hub = createLiveHub(source);
    const a: DeskEvent[] = [];
    const b: DeskEvent[] = [];
    const offA = hub.subscribe((e) => a.push(e));
    hub.subscribe((e) => b.push(e));
    source.emit(changed);
    offA();
    offA();
    source.emit(RESYNC);
    expect(a).toEqual([changed]);
    expect(b).toEqual([changed, RESYNC]);
    expect(hub.listenerCount()).toBe(1);
  });

  it('the same function subscribed twice is two listeners, each with its own unsubscribe', () => {
    const source = fakeSource();
    const hub = createLiveHub(source);
    const heard: DeskEvent[] = [];
    const listener = (e: DeskEvent) => void heard.push(e);
    const first = hub.subscribe(listener);
    hub.subscribe(listener);
    source.emit(located);
    first();
    source.emit(located);
    expect(heard).toHaveLength(3);
  });

  it('holds the transport subscription only while someone listens', () => {
    const source = fakeSource();
    const hub = createLiveHub(source);
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
    source.emit(RESYNC);
    expect(heard).toEqual([RESYNC]);
    expect(source.subscriptions()).toBe(2);
  });

  it('a listener removed while an event is being delivered does not hear it; one added then hears only later events', () => {
    const source = fakeSource();
    const hub = createLiveHub(source);
    const heard: string[] = [];
    let offB = () => {};
    hub.subscribe((e) => {
      heard.push(`a:${e.type}`);
      offB();
      hub.subscribe((e2) => heard.push(`c:${e2.type}`));
    });
    offB = hub.subscribe((e) => heard.push(`b:${e.type}`));
    source.emit(changed);
    expect(heard).toEqual(['a:order.changed']);
  });

  it('a listener that throws does not keep the event from the others, and its error is reported', () => {
    const source = fakeSource();
    const errors: unknown[] = [];
    const hub = createLiveHub(source, (e) => errors.push(e));
    const heard: DeskEvent[] = [];
    hub.subscribe(() => {
      throw new Error('view broke');
    });
    hub.subscribe((e) => heard.push(e));
    source.emit(RESYNC);
    expect(heard).toEqual([RESYNC]);
    expect(errors).toEqual([new Error('view broke')]);
  });
});
