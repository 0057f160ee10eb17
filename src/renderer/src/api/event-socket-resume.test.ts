import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../shared';
import { CATCH_UP_WINDOW_MS, createEventSocket, RESYNC, type DeskEvent } from './event-socket';

/** A WebSocket the test drives: it records the URLs opened and lets the test open, message and close them. */
class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  close() {}
  open() {
    this.onopen?.();
  }
  send(at: string, event: EngineEvent) {
    this.onmessage?.({ data: JSON.stringify({ at, event }) });
  }
  resync() {
    this.onmessage?.({ data: JSON.stringify({ resync: true }) });
  }
  drop() {
    this.onclose?.();
  }
}

const ev = (n: number): EngineEvent => ({ type: 'channels.changed', channelId: `c${n}`, at: 'now' });
const latest = () => FakeSocket.all.at(-1)!;

describe('event socket resuming after a reconnect', () => {
  let t = 0;
  let heard: DeskEvent[];
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
    FakeSocket.all = [];
    t = 0;
    heard = [];
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  const start = () => {
    const socket = createEventSocket(
      () => 'ws://desk/api/v1/events',
      () => undefined,
      () => t,
    );
    socket.subscribe((e) => heard.push(e));
    return socket;
  };

  it('asks for what came after the last event it passed on, and passes each event on once, without a resync', () => {
    start();
    latest().open();
    latest().send('5:1', ev(1));
    latest().send('5:2', ev(2));
    latest().drop();
    t += 2000;
    vi.runOnlyPendingTimers();
    expect(latest().url).toBe('ws://desk/api/v1/events?after=5%3A2');
    latest().open();
    latest().send('5:2', ev(2)); // already passed on
    latest().send('6:1', ev(3));
    expect(heard).toEqual([ev(1), ev(2), ev(3)]);
  });

  it('resyncs when the server cannot replay the gap', () => {
    start();
    latest().open();
    latest().send('5:1', ev(1));
    latest().drop();
    vi.runOnlyPendingTimers();
    latest().open();
    latest().resync();
    latest().send('9:1', ev(2));
    expect(heard).toEqual([ev(1), RESYNC, ev(2)]);
  });

  it('after a long absence, starts afresh and resyncs instead of replaying', () => {
    start();
    latest().open();
    latest().send('5:1', ev(1));
    latest().drop();
    t += CATCH_UP_WINDOW_MS + 1;
    vi.runOnlyPendingTimers();
    expect(latest().url).toBe('ws://desk/api/v1/events');
    latest().open();
    expect(heard).toEqual([ev(1), RESYNC]);
  });

  it('a new session starts afresh: no place carried over, and a resync', () => {
    const socket = start();
    latest().open();
    latest().send('5:1', ev(1));
    socket.reconnect();
    expect(latest().url).toBe('ws://desk/api/v1/events');
    latest().open();
    latest().send('4:1', ev(2)); // another session's stream: its places are not compared with the old one's
    expect(heard).toEqual([ev(1), RESYNC, ev(2)]);
  });
});
