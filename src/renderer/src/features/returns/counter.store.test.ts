import { describe, expect, it } from 'vitest';
import { AppError, type Return } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { aReturn, aReturnLine, RETURN_1 } from '../../test-support/returns-fixtures';
import { createCounterStore, selectDispositionsMissing, selectStep, withOutcome, withQuantity } from './counter.store';

/** R-1042: 2 × SKU-A and 1 × SKU-B, approved; the engine receives and inspects it as the real one does. */
function counterDesk() {
  let r: Return = aReturn({
    lines: [aReturnLine({ quantity: 2 }), aReturnLine({ lineNo: 2, sku: 'SKU-B', productName: null, quantity: 1, unitPrice: 10_000 })],
  });
  return fakeDesk({
    'returns.get': (input) => ('number' in input && input.number === 1042 ? { return: r, events: [] } : null),
    'returns.receive': ({ locationId, lines }) => {
      if (locationId !== 'loc-1') throw new AppError('FORBIDDEN', `you do not work at ${locationId}`);
      r = {
        ...r,
        status: 'received',
        locationId,
        lines: r.lines.map((l) => {
          const got = lines.find((x) => x.lineNo === l.lineNo)!;
          return { ...l, receiptOutcome: got.outcome, received: got.outcome === 'missing' ? 0 : got.quantity };
        }),
      };
      return r;
    },
    'returns.inspect': ({ lines }) => {
      const lns = r.lines.map((l) => {
        const x = lines.find((y) => y.lineNo === l.lineNo);
        if (!x) return l;
        const acceptance = x.accepted === false || l.receiptOutcome === 'wrong_item' ? ('rejected' as const) : ('accepted' as const);
        return { ...l, disposition: x.disposition, acceptance, rejectionReason: x.rejectionReason ?? null, state: acceptance };
      });
      const refund = lns.reduce((s, l) => s + (l.acceptance === 'accepted' ? l.received * l.unitPrice : 0), 0);
      r = { ...r, lines: lns, status: 'closed', refundedAmount: refund, refundedAt: '2026-03-04T10:00:00Z' };
      return r;
    },
  });
}

describe('the returns counter', () => {
  it('finds a return by its number as typed or scanned; says when the text is no number or no return has it', async () => {
    const api = counterDesk();
    const store = createCounterStore(api);
    store.getState().textChanged('R-10x');
    expect(await store.getState().lookedUp()).toBe(false);
    expect(store.getState().problem).toBe('badNumber');
    store.getState().textChanged('r-999');
    expect(await store.getState().lookedUp()).toBe(false);
    expect(store.getState()).toMatchObject({ problem: 'notFound', asked: 999, found: null });
    store.getState().textChanged(' R-1042 ');
    expect(await store.getState().lookedUp()).toBe(true);
    expect(api.inputsOf('returns.get')).toEqual([{ number: 999 }, { number: 1042 }]);
    expect(store.getState()).toMatchObject({
      text: '',
      problem: null,
      receipt: { 1: { outcome: 'received', quantity: 2 }, 2: { outcome: 'received', quantity: 1 } },
    });
    expect(selectStep(store.getState().found!)).toBe('receive');
  });

  it('receives at the chosen location, line by line (short, missing), then inspects and shows the refund', async () => {
    const api = counterDesk();
    const store = createCounterStore(api);
    store.getState().textChanged('1042');
    await store.getState().lookedUp();
    expect(await store.getState().receiveRequested()).toBe(false);
    expect(store.getState().problem).toBe('location');
    store.getState().locationChosen('loc-1');
    store.getState().quantityChanged(1, 1);
    store.getState().outcomeChanged(2, 'missing');
    expect(await store.getState().receiveRequested()).toBe(true);
    expect(api.inputsOf('returns.receive')).toEqual([
      {
        id: RETURN_1,
        locationId: 'loc-1',
        lines: [
          { lineNo: 1, outcome: 'short', quantity: 1 },
          { lineNo: 2, outcome: 'missing', quantity: 0 },
        ],
      },
    ]);
    const received = store.getState().found!;
    expect(selectStep(received)).toBe('inspect');
    // Only the line with units in hand needs a disposition; the missing one has nothing to inspect.
    expect(selectDispositionsMissing(received, {})).toEqual([1]);
    expect(await store.getState().inspectRequested()).toBe(false);
    expect(store.getState().problem).toBe('dispositions');
    store.getState().dispositionChanged(1, 'restock');
    expect(store.getState().problem).toBeNull();
    // Rejecting an item needs its reason; un-rejecting it forgets the reason.
    store.getState().rejectionToggled(1, true);
    expect(await store.getState().inspectRequested()).toBe(false);
    expect(store.getState().problem).toBe('rejectionReasons');
    store.getState().rejectionToggled(1, false);
    expect(store.getState().rejections).toEqual({});
    store.getState().rejectionToggled(1, true);
    store.getState().rejectionReasonChanged(1, '  abierto y usado ');
    expect(store.getState().problem).toBeNull();
    expect(await store.getState().inspectRequested()).toBe(true);
    expect(api.inputsOf('returns.inspect')).toEqual([
      { id: RETURN_1, lines: [{ lineNo: 1, disposition: 'restock', accepted: false, rejectionReason: 'abierto y usado' }] },
    ]);
    expect(store.getState().found).toMatchObject({ status: 'closed', refundedAmount: 0 });
    expect(selectStep(store.getState().found!)).toBe('closed');
    store.getState().cleared();
    expect(store.getState()).toMatchObject({ found: null, locationId: 'loc-1', text: '' });
  });

  it('keeps the engine’s refusal in its words', async () => {
    const store = createCounterStore(counterDesk());
    store.getState().textChanged('1042');
    await store.getState().lookedUp();
    store.getState().locationChosen('loc-9');
    expect(await store.getState().receiveRequested()).toBe(false);
    expect(store.getState()).toMatchObject({ error: 'you do not work at loc-9', busy: false });
    expect(store.getState().found?.status).toBe('approved');
  });

  it('keeps outcome and units consistent', () => {
    const line = { quantity: 3 };
    const all = { outcome: 'received' as const, quantity: 3 };
    expect(withQuantity(line, all, 2)).toEqual({ outcome: 'short', quantity: 2 });
    expect(withQuantity(line, all, 0)).toEqual({ outcome: 'missing', quantity: 0 });
    expect(withQuantity(line, all, 9)).toEqual({ outcome: 'received', quantity: 3 });
    expect(withQuantity(line, { outcome: 'wrong_item', quantity: 3 }, 1)).toEqual({ outcome: 'wrong_item', quantity: 1 });
    expect(withOutcome(line, all, 'short')).toEqual({ outcome: 'short', quantity: 2 });
    expect(withOutcome(line, all, 'missing')).toEqual({ outcome: 'missing', quantity: 0 });
    expect(withOutcome(line, { outcome: 'missing', quantity: 0 }, 'received')).toEqual({ outcome: 'received', quantity: 3 });
  });

  it('says where a return stands for the counter', () => {
    expect(selectStep({ status: 'in_transit' })).toBe('receive');
    expect(selectStep({ status: 'requested' })).toBe('blocked');
    expect(selectStep({ status: 'rejected' })).toBe('blocked');
  });
});
