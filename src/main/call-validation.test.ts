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
    const r = validateCall('orders.cancel', { id: '0b5e8c1a-6f1d-4c3b-9a7e-2d4f6a8b0c1e', reason: '   ' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.issues).toEqual([expect.objectContaining({ path: 'reason' })]);
    expect(r.error.message).toMatch(/^Invalid input for orders\.cancel: reason: /);
  });
  it('refuses text the database cannot store (NUL, a lone surrogate) in any field, as the engine does', () => {
    const r = validateCall('orders.list', { search: 'a\u0000b' });
    expect(!r.ok && r.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'search', message: expect.stringMatching(/NUL/) }],
    });
    const s = validateCall('orders.cancel', { id: '0b5e8c1a-6f1d-4c3b-9a7e-2d4f6a8b0c1e', reason: '\uD800' });
    expect(!s.ok && s.error.issues).toEqual([{ path: 'reason', message: expect.stringMatching(/surrogate/) }]);
  });
  it('names the whole body when the input is not an object', () => {
    const r = validateCall('orders.get', 'ord_1');
    expect(!r.ok && r.error.issues?.[0]?.path).toBe('(body)');
  });
});
