import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared';
import { createFakeDesk, fakeDesk, type FakeHandlers } from './fake-desk';
import { anOrder } from './fixtures';

/** A fake whose end-of-test check the test runs itself (to see it fail). */
function checkedByHand(handlers: FakeHandlers) {
  let check: () => Promise<void> = async () => {};
  const api = createFakeDesk(handlers, (c) => (check = c));
  return { api, check: () => check() };
}

describe('fake desk', () => {
  it('answers with the parsed answer and records every call in order', async () => {
    const api = fakeDesk({
      'demo.simulate': ({ ordersPerMinute }) => ({ ordersPerMinute }),
      'unroutable.list': () => ({ rows: [], total: 0 }),
    });
    expect(await api.call('demo.simulate', { ordersPerMinute: 60 })).toEqual({ ordersPerMinute: 60 });
    await api.call('unroutable.list', { limit: 5 });
    await api.call('demo.simulate', { ordersPerMinute: 0 });
    expect(api.calls).toEqual([
      ['demo.simulate', { ordersPerMinute: 60 }],
      ['unroutable.list', { limit: 5 }],
      ['demo.simulate', { ordersPerMinute: 0 }],
    ]);
    expect(api.inputsOf('demo.simulate')).toEqual([{ ordersPerMinute: 60 }, { ordersPerMinute: 0 }]);
    expect(api.endpoints()).toEqual(['demo.simulate', 'unroutable.list', 'demo.simulate']);
  });

  it('returns the answer as the contract parses it (as the real client reads it)', async () => {
    const api = fakeDesk({ 'orders.advance': ({ id, to }) => anOrder({ id, status: to, shipTo: { ...anOrder().shipTo, country: 'ar' } }) });
    const order = await api.call('orders.advance', { id: 'o9', to: 'picked' });
    expect(order).toMatchObject({ id: 'o9', status: 'picked', shipTo: { country: 'AR' } });
  });

  it('a call to an endpoint without a handler rejects, and fails the test even when the store swallows it', async () => {
    const { api, check } = checkedByHand({});
    await expect(api.call('locations.list', {})).rejects.toThrow(/"locations.list" was called but the test gave it no handler/);
    expect(api.calls).toEqual([['locations.list', {}]]);
    await expect(check()).rejects.toThrow(/no handler/);
  });

  it('an answer that drifts from the contract rejects, naming the field, and fails the test', async () => {
    const { api, check } = checkedByHand({
      // Well typed, yet outside the contract: a count must be a whole number.
      'unroutable.list': () => ({ rows: [], total: 1.5 }),
    });
    await expect(api.call('unroutable.list', { limit: 5 })).rejects.toThrow(/"unroutable.list" does not satisfy the contract \(total: /);
    await expect(check()).rejects.toThrow(/does not satisfy the contract/);
  });

  it("checks answers still in flight when the test ends; a handler's own error is the store's to handle, not a failure", async () => {
    let answer: (v: { rows: never[]; total: number }) => void = () => {};
    const { api, check } = checkedByHand({
      'unroutable.list': () => new Promise((r) => (answer = r)),
      'unroutable.retry': () => {
        throw new AppError('ILLEGAL_TRANSITION', 'not in the queue');
      },
    });
    await expect(api.call('unroutable.retry', { orderId: 'x' })).rejects.toThrow('not in the queue');
    void api.call('unroutable.list', { limit: 5 }).catch(() => undefined);
    const checked = check();
    answer({ rows: [], total: 0.5 });
    await expect(checked).rejects.toThrow(/total/);
  });

  it('types handlers, answers and inputs by the contract', () => {
    createFakeDesk(
      {
        // @ts-expect-error — an answer must be the endpoint's output
        'locations.list': () => ({ rows: [] }),
        // @ts-expect-error — the input is the endpoint's input
        'unroutable.retry': ({ nope }) => ({ orderId: nope, status: 'sourced', locationId: null, reason: null }),
      },
      () => {},
    );
    const api = createFakeDesk({}, () => {});
    // @ts-expect-error — a call's input is checked against its endpoint
    void api.call('unroutable.retry', { id: 'x' }).catch(() => undefined);
    // @ts-expect-error — only contract endpoints exist
    api.inputsOf('orders.nope');
  });
});
