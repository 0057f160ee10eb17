import { describe, expect, it } from 'vitest';
import { FULFILMENT_TRANSITIONS, INBOX_TRANSITIONS } from '../../shared';
import { named, statusGuard } from './sql';

describe('named', () => {
  it('numbers names in order of first use, reuses a name, and leaves casts alone', () => {
    const q = named(`SELECT :a::int, :b, coalesce(:a, 0)::text, ':' || :c WHERE x::jsonb ? 'k'`, { a: 1, b: 'two', c: null });
    expect(q.text).toBe(`SELECT $1::int, $2, coalesce($1, 0)::text, ':' || $3 WHERE x::jsonb ? 'k'`);
    expect(q.values).toEqual([1, 'two', null]);
  });
  it('refuses a statement with a name that has no value', () => {
    expect(() => named('SELECT :present, :absent', { present: 1 })).toThrow(/:absent/);
  });
});

describe('statusGuard', () => {
  it('lists the statuses the table allows into a status', () => {
    expect(statusGuard(FULFILMENT_TRANSITIONS, 'cancelled')).toBe(`('assigned', 'picked', 'packed')`);
    expect(statusGuard(INBOX_TRANSITIONS, 'received')).toBe(`('held', 'quarantined', 'exception')`);
  });
  it('narrows to the moves a statement makes, and refuses a move the table does not allow', () => {
    expect(statusGuard(FULFILMENT_TRANSITIONS, 'cancelled', ['assigned'])).toBe(`('assigned')`);
    expect(() => statusGuard(FULFILMENT_TRANSITIONS, 'cancelled', ['shipped'])).toThrow(/shipped → cancelled/);
    expect(() => statusGuard(INBOX_TRANSITIONS, 'held')).toThrow();
  });
});
