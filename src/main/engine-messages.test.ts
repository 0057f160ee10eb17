import { describe, expect, it } from 'vitest';
import { isFromEngine, isToEngine } from './engine-messages';

const actor = { id: 'desk:ana', name: 'ana', role: 'supervisor' as const };

describe('messages to the engine process', () => {
  it('accepts a call and a shutdown', () => {
    expect(isToEngine({ kind: 'call', id: 1, endpoint: 'orders.list', input: {}, actor })).toBe(true);
    expect(isToEngine({ kind: 'shutdown' })).toBe(true);
  });
  it('ignores anything malformed', () => {
    for (const m of [
      null,
      'call',
      {},
      { kind: 'call', id: '1', endpoint: 'orders.list', actor },
      { kind: 'call', id: 1.5, endpoint: 'orders.list', actor },
      { kind: 'call', id: 1, endpoint: 7, actor },
      { kind: 'call', id: 1, endpoint: 'orders.list' },
      { kind: 'eval' },
    ]) {
      expect(isToEngine(m), JSON.stringify(m)).toBe(false);
    }
  });
});

describe('messages from the engine process', () => {
  it('accepts ready, fatal, results and events', () => {
    expect(isFromEngine({ kind: 'ready' })).toBe(true);
    expect(isFromEngine({ kind: 'fatal', message: 'port in use' })).toBe(true);
    expect(isFromEngine({ kind: 'result', id: 3, ok: true, output: { items: [] } })).toBe(true);
    expect(isFromEngine({ kind: 'result', id: 3, ok: false, error: { code: 'NOT_FOUND', message: 'no such order' } })).toBe(true);
    expect(isFromEngine({ kind: 'event', event: { type: 'locations.changed', at: '2026-01-01T00:00:00Z' } })).toBe(true);
  });
  it('ignores anything malformed', () => {
    for (const m of [
      undefined,
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
