import { describe, expect, it } from 'vitest';
import { validateCall } from './call-validation';

describe('checking a call from the page', () => {
  it('passes a known endpoint with valid input on, as sent', () => {
    const input = { id: 'ord_1' };
    expect(validateCall('orders.get', input)).toEqual({ ok: true, endpoint: 'orders.get', input });
  });
  it('treats a missing input as no arguments', () => {
    expect(validateCall('system.health', undefined)).toEqual({ ok: true, endpoint: 'system.health', input: {} });
  });
  it('refuses an endpoint outside the contract', () => {
    for (const e of ['orders.drop', 'toString', '__proto__', 42, null]) {
      const r = validateCall(e, {});
      expect(r.ok, String(e)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('NOT_FOUND');
    }
  });
  it('refuses invalid input with the field issues, worded like the engine', () => {
    const r = validateCall('orders.cancel', { id: 'ord_1', reason: '   ' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.issues).toEqual([expect.objectContaining({ path: 'reason' })]);
    expect(r.error.message).toMatch(/^Invalid input for orders\.cancel: reason: /);
  });
  it('names the whole body when the input is not an object', () => {
    const r = validateCall('orders.get', 'ord_1');
    expect(!r.ok && r.error.issues?.[0]?.path).toBe('(body)');
  });
});
