import { describe, expect, it } from 'vitest';
import { QueueViewQuerySchema, type QueueView } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { INITIAL_QUERY, type QueueQuery } from './order-query';
import { createQueueViewsStore, fromViewQuery, matchingView, toViewQuery } from './queue-views.store';

const late = { ...INITIAL_QUERY, sort: 'urgency' as const, dir: 'asc' as const, urgency: 'late' as const, channel: 'web', page: 3 };
const view = (id: string, name: string, q: QueueQuery = late): QueueView => ({
  id,
  name,
  query: toViewQuery(q),
  updatedAt: '2026-12-07T00:00:00Z',
});

describe('saved queue views', () => {
  it('keep filters and sort, not the page, and reopen from the first page at the planner’s page size', () => {
    const v = toViewQuery(late);
    expect(v).toEqual({ sort: 'urgency', dir: 'asc', urgency: 'late', channel: 'web' });
    expect(QueueViewQuerySchema.safeParse(v).success).toBe(true);
    expect(fromViewQuery(v, 100)).toEqual({ ...late, page: 0, pageSize: 100 });
  });

  it('name the view the queue shows now, whatever its page', () => {
    const views = [view('a', 'Atrasados web'), view('b', 'Todo', INITIAL_QUERY)];
    expect(matchingView(views, { ...late, page: 0 })?.name).toBe('Atrasados web');
    expect(matchingView(views, { ...late, channel: 'vtex' })).toBeUndefined();
  });

  it('saves the queue under a name and reloads the list from the engine', async () => {
    const stored: QueueView[] = [];
    const api = fakeDesk({
      'orders.views.save': ({ name, query }) => {
        const v = {
          id: '0b6f2c1e-8d1a-4f7e-9a55-3c2d1e0f9a11',
          name,
          query: QueueViewQuerySchema.parse(query),
          updatedAt: '2026-12-07T00:00:00Z',
        };
        stored.push(v);
        return v;
      },
      'orders.views.list': () => stored,
    });
    const store = createQueueViewsStore(api);
    expect(await store.getState().saveRequested('  Atrasados web ', late)).toBe(true);
    expect(api.inputsOf('orders.views.save')).toEqual([{ name: 'Atrasados web', query: toViewQuery(late) }]);
    expect(store.getState().views.map((v) => v.name)).toEqual(['Atrasados web']);
  });

  it('shows why a save was refused', async () => {
    const api = fakeDesk({
      'orders.views.save': () => {
        throw new Error('name too long');
      },
    });
    const store = createQueueViewsStore(api);
    expect(await store.getState().saveRequested('x', late)).toBe(false);
    expect(store.getState().error).toBe('name too long');
  });
});
