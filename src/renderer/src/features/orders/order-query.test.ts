import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, OrderListQuerySchema } from '../../../../shared';
import { buildListInput, clampPage, fromSorting, INITIAL_QUERY, pageCount, toggleStatus, toSorting } from './order-query';

describe('order query', () => {
  it('sends only the filters that are set, and the contract accepts it', () => {
    expect(buildListInput(INITIAL_QUERY)).toEqual({ page: 0, pageSize: 50, sort: 'createdAt', dir: 'desc' });
    const input = buildListInput({ ...INITIAL_QUERY, status: ['sourced'], channel: 'web', locationId: 'loc-1', search: '  Pérez ' });
    expect(input).toEqual({
      page: 0,
      pageSize: 50,
      sort: 'createdAt',
      dir: 'desc',
      status: ['sourced'],
      channel: 'web',
      locationId: 'loc-1',
      search: 'Pérez',
    });
    expect(OrderListQuerySchema.safeParse(input).success).toBe(true);
  });

  it('drops a blank search', () => {
    expect(buildListInput({ ...INITIAL_QUERY, search: '   ' })).not.toHaveProperty('search');
  });

  it('maps table sorting to the server sort and back', () => {
    expect(toSorting({ sort: 'number', dir: 'asc' })).toEqual([{ id: 'number', desc: false }]);
    expect(fromSorting([{ id: 'totalUnits', desc: true }])).toEqual({ sort: 'totalUnits', dir: 'desc' });
    expect(fromSorting([{ id: 'city', desc: true }])).toBeUndefined();
    expect(fromSorting([])).toBeUndefined();
  });

  it('counts pages and clamps a page past the end', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(101, 50)).toBe(3);
    expect(clampPage(5, 101, 50)).toBe(2);
    expect(clampPage(-1, 101, 50)).toBe(0);
  });

  it('toggles statuses in lifecycle order', () => {
    let s = toggleStatus([], 'shipped', ORDER_STATUSES);
    s = toggleStatus(s, 'received', ORDER_STATUSES);
    expect(s).toEqual(['received', 'shipped']);
    expect(toggleStatus(s, 'shipped', ORDER_STATUSES)).toEqual(['received']);
  });
});
