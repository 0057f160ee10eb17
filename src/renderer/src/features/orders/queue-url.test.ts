import { describe, expect, it } from 'vitest';
import { INITIAL_QUERY } from './order-query';
import { fromQueueHash, sameQuery, toQueueHash } from './queue-url';

const ID = '0b6f2c1e-8d1a-4f7e-9a55-3c2d1e0f9a11';

describe('queue address', () => {
  it('keeps a plain address for the initial state', () => {
    expect(toQueueHash({ query: INITIAL_QUERY, orderId: null })).toBe('#/orders');
  });

  it('round-trips filters, sort, page and the open order', () => {
    const loc = {
      query: {
        ...INITIAL_QUERY,
        sort: 'urgency' as const,
        dir: 'asc' as const,
        status: ['received' as const, 'sourced' as const],
        urgency: 'late' as const,
        channel: 'web',
        locationId: 'loc-1',
        search: 'Pérez & hijos',
        page: 2,
        pageSize: 100,
      },
      orderId: ID,
    };
    const hash = toQueueHash(loc);
    expect(hash).toMatch(/^#\/orders\?/);
    expect(hash).toContain(`order=${ID}`);
    expect(fromQueueHash(hash)).toEqual(loc);
  });

  it('drops what it cannot read instead of failing, and ignores other routes', () => {
    const loc = fromQueueHash('#/orders?sort=bogus&status=picked,nope&urgency=soon&page=-3&size=7&order=not-an-id');
    expect(loc).toEqual({ query: { ...INITIAL_QUERY, status: ['picked'] }, orderId: null });
    expect(fromQueueHash('#token=abc')).toBeNull();
    expect(fromQueueHash('')).toBeNull();
  });

  it('compares queries by what they ask', () => {
    expect(sameQuery(INITIAL_QUERY, { ...INITIAL_QUERY, search: '  ' })).toBe(true);
    expect(sameQuery(INITIAL_QUERY, { ...INITIAL_QUERY, urgency: 'atRisk' })).toBe(false);
  });
});
