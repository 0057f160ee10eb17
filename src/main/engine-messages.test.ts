import { describe, expect, it } from 'vitest';
import { isFromEngine, isToEngine } from './engine-messages';

describe('messages to the engine process', () => {
  it('accepts a call with a token (or none), the sign-in steps and a shutdown', () => {
    expect(isToEngine({ kind: 'call', id: 1, endpoint: 'orders.list', input: {}, token: 'tok' })).toBe(true);
    expect(isToEngine({ kind: 'call', id: 1, endpoint: 'orders.list', input: {}, token: null })).toBe(true);
    expect(isToEngine({ kind: 'signIn', id: 2, username: 'ana', password: 'pw' })).toBe(true);
    expect(isToEngine({ kind: 'setup', id: 3, input: { token: '', username: 'ana', displayName: 'Ana', password: 'pw' } })).toBe(true);
    expect(isToEngine({ kind: 'signOut', id: 4, token: 'tok' })).toBe(true);
    expect(isToEngine({ kind: 'options', id: 5 })).toBe(true);
    expect(isToEngine({ kind: 'shutdown' })).toBe(true);
  });
  it('ignores anything malformed', () => {
    for (const m of [
      null,
      'call',
      {},
      { kind: 'call', id: '1', endpoint: 'orders.list', token: 'tok' },
      { kind: 'call', id: 1.5, endpoint: 'orders.list', token: 'tok' },
      { kind: 'call', id: 1, endpoint: 7, token: 'tok' },
      { kind: 'call', id: 1, endpoint: 'orders.list' },
      // Main never names the actor: a call that does, without a token, is not a call.
      { kind: 'call', id: 1, endpoint: 'orders.list', actor: { id: 'x', name: 'x', role: 'supervisor' } },
      { kind: 'signIn', id: 2, username: 'ana' },
      { kind: 'setup', id: 3, input: { token: '', username: 'ana', password: 'pw' } },
      { kind: 'signOut', id: 4 },
      { kind: 'options' },
      { kind: 'eval' },
    ]) {
      expect(isToEngine(m), JSON.stringify(m)).toBe(false);
    }
  });
});

describe('messages from the engine process', () => {
  it('accepts ready, fatal, results and events', () => {
    expect(isFromEngine({ kind: 'ready', setupToken: null })).toBe(true);
    expect(isFromEngine({ kind: 'ready', setupToken: 'first-run' })).toBe(true);
    expect(isFromEngine({ kind: 'fatal', message: 'port in use' })).toBe(true);
    expect(isFromEngine({ kind: 'result', id: 3, ok: true, output: { items: [] } })).toBe(true);
    expect(isFromEngine({ kind: 'result', id: 3, ok: false, error: { code: 'NOT_FOUND', message: 'no such order' } })).toBe(true);
    expect(isFromEngine({ kind: 'event', event: { type: 'locations.changed', at: '2026-01-01T00:00:00Z' } })).toBe(true);
  });
  it('ignores anything malformed', () => {
    for (const m of [
      undefined,
      { kind: 'ready' },
      { kind: 'result', id: 3, ok: false },
      { kind: 'result', ok: true, output: 1 },
      { kind: 'fatal' },
      { kind: 'event', event: 'x' },
      { kind: 'log' },
    ]) {
      expect(isFromEngine(m), JSON.stringify(m)).toBe(false);
    }
  });
});

describe('silent printing between the processes', () => {
  const print = { deviceName: 'Zebra_ZD420', html: '<p>x</p>', pageSize: { width: 101600, height: 152400 }, title: 'Label' };
  it('main accepts a print or a printer list from the engine; the engine accepts main answers', () => {
    expect(isFromEngine({ kind: 'host', hostId: 1, request: { kind: 'print', request: print } })).toBe(true);
    expect(isFromEngine({ kind: 'host', hostId: 2, request: { kind: 'printers' } })).toBe(true);
    expect(isToEngine({ kind: 'hostReply', hostId: 1, ok: true, output: { ok: true } })).toBe(true);
    expect(isToEngine({ kind: 'hostReply', hostId: 1, ok: false, error: 'no window' })).toBe(true);
  });
  it('ignores malformed ones', () => {
    for (const m of [
      { kind: 'host', request: { kind: 'printers' } },
      { kind: 'host', hostId: 1, request: { kind: 'print' } },
      { kind: 'host', hostId: 1, request: { kind: 'print', request: { ...print, pageSize: 'A4' } } },
      { kind: 'host', hostId: 1, request: { kind: 'print', request: { ...print, html: 7 } } },
      { kind: 'host', hostId: 1, request: { kind: 'openFile', path: '/etc/passwd' } },
    ]) {
      expect(isFromEngine(m), JSON.stringify(m)).toBe(false);
    }
    expect(isToEngine({ kind: 'hostReply', hostId: 1, ok: false })).toBe(false);
    expect(isToEngine({ kind: 'hostReply', ok: true, output: 1 })).toBe(false);
  });
});
