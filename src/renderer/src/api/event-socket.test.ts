import { describe, expect, it } from 'vitest';
import { errorFromBody, toEngineError } from './engine-error';
import { eventsUrl, isAfter, parseEventMessage, parseStreamMessage, reconnectDelay, streamUrl } from './event-socket';

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
    const sent = (event: unknown, at = '7:42') => JSON.stringify({ at, event });
    expect(parseEventMessage(sent(ok))).toEqual(ok);
    expect(parseEventMessage(sent({ type: 'locations.changed', at: 'x' }))).toEqual({ type: 'locations.changed', at: 'x' });
    expect(parseEventMessage(sent({ ...ok, status: 'teleported' }))).toBeUndefined();
    expect(parseEventMessage(sent(ok, 'not-a-place'))).toBeUndefined();
    expect(parseEventMessage(JSON.stringify(ok))).toBeUndefined(); // an event without its place
    expect(parseStreamMessage(JSON.stringify({ resync: true }))).toEqual({ resync: true });
    expect(parseEventMessage('not json')).toBeUndefined();
    expect(parseEventMessage(42)).toBeUndefined();
  });

  it('orders outbox places as numbers, transaction first', () => {
    expect(isAfter('10:1', '9:500')).toBe(true);
    expect(isAfter('9:500', '10:1')).toBe(false);
    expect(isAfter('10:12', '10:9')).toBe(true);
    expect(isAfter('10:9', '10:9')).toBe(false);
    expect(isAfter('18446744073709551615:1', '18446744073709551614:2')).toBe(true);
  });

  it('names the last place applied when it resumes', () => {
    expect(streamUrl('ws://127.0.0.1:4780/api/v1/events', undefined)).toBe('ws://127.0.0.1:4780/api/v1/events');
    expect(streamUrl('ws://127.0.0.1:4780/api/v1/events', '12:345')).toBe('ws://127.0.0.1:4780/api/v1/events?after=12%3A345');
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
