import { describe, expect, it } from 'vitest';
import { errorFromBody, toEngineError } from './engine-error';
import { eventsUrl, parseEventMessage, reconnectDelay } from './event-socket';

describe('event socket', () => {
  it('backs off from half a second to a ten-second ceiling', () => {
    const mid = () => 0.5;
    expect(reconnectDelay(1, mid)).toBe(500);
    expect(reconnectDelay(2, mid)).toBe(1000);
    expect(reconnectDelay(20, mid)).toBe(10_000);
    expect(reconnectDelay(1, () => 0)).toBe(400);
  });

  it('keeps valid engine events and drops anything else', () => {
    const ok = {
      type: 'order.changed',
      orderId: 'o1',
      number: 3,
      status: 'sourced',
      fromStatus: 'received',
      locationId: 'l1',
      at: '2026-01-01T00:00:00Z',
    };
    expect(parseEventMessage(JSON.stringify(ok))).toEqual(ok);
    expect(parseEventMessage(JSON.stringify({ type: 'locations.changed', at: 'x' }))).toEqual({ type: 'locations.changed', at: 'x' });
    expect(parseEventMessage(JSON.stringify({ ...ok, status: 'teleported' }))).toBeUndefined();
    expect(parseEventMessage('not json')).toBeUndefined();
    expect(parseEventMessage(42)).toBeUndefined();
  });

  it('uses ws or wss by the page protocol', () => {
    expect(eventsUrl('http://127.0.0.1:4780/desk')).toBe('ws://127.0.0.1:4780/api/v1/events');
    expect(eventsUrl('https://tower.example/')).toBe('wss://tower.example/api/v1/events');
  });
});

describe('engine errors', () => {
  it("carries the engine's code, message and issues", () => {
    const e = errorFromBody(409, { error: { code: 'ILLEGAL_TRANSITION', message: 'Cannot go from shipped to picked' } });
    expect([e.code, e.message]).toEqual(['ILLEGAL_TRANSITION', 'Cannot go from shipped to picked']);
    const v = errorFromBody(400, {
      error: { code: 'VALIDATION_FAILED', message: 'Invalid input', issues: [{ path: 'reason', message: 'Required' }] },
    });
    expect(v.message).toBe('Invalid input (reason: Required)');
    expect(v.issues).toHaveLength(1);
  });

  it('still says something useful for a body that is not an error body', () => {
    expect(errorFromBody(502, null).message).toBe('The engine answered HTTP 502');
    expect(toEngineError(new Error('boom')).message).toBe('boom');
  });
});
