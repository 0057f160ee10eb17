import { describe, expect, it } from 'vitest';
import { AppError, type OrderDetail, type Return } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { anOrderDetail } from '../../test-support/floor-fixtures';
import { anOrder } from '../../test-support/fixtures';
import { aReturn, aReturnLine, aReturnSettings, aWaitingReturn, ORDER_1, RETURN_2 } from '../../test-support/returns-fixtures';
import { createOrderReturnsStore, selectReasonLabel } from './order-returns.store';
import { newReturnForm, returnFormProblems, withLine } from './return-form';

/** Order #7, delivered: 2 × SKU-A (one already on an earlier return) and 3 × SKU-B (one cancelled). */
const order: OrderDetail = {
  ...anOrderDetail(anOrder({ id: ORDER_1, status: 'delivered', locationId: 'loc-1' })),
  lines: [
    { lineNo: 1, sku: 'SKU-A', productName: 'Yerba 1 kg', quantity: 2, unitPrice: 25_000, cancelledQuantity: 0, backorderedQuantity: 0 },
    { lineNo: 2, sku: 'SKU-B', productName: 'Mate', quantity: 3, unitPrice: 10_000, cancelledQuantity: 1, backorderedQuantity: 0 },
  ],
};

function orderDesk(earlier: Return[] = [aReturn()]) {
  let returns = earlier;
  return fakeDesk({
    'returns.list': () => returns,
    'returns.settings': () => aReturnSettings(),
    'returns.request': (input) => {
      if (input.lines.some((l) => l.sku === 'SKU-B' && l.quantity > 2))
        throw new AppError('VALIDATION_FAILED', 'lines.0.quantity: too many');
      const r = aWaitingReturn({
        id: RETURN_2,
        number: 1043,
        lines: input.lines.map((l, i) =>
          aReturnLine({ lineNo: i + 1, sku: l.sku, quantity: l.quantity, reason: l.reason, condition: l.condition }),
        ),
      });
      returns = [r, ...returns];
      return r;
    },
  });
}

describe('the order detail’s returns', () => {
  it('lists the order’s returns and reads the reasons list once', async () => {
    const api = orderDesk();
    const store = createOrderReturnsStore(api);
    await store.getState().orderShown(ORDER_1);
    expect(store.getState().returns.map((r) => r.number)).toEqual([1042]);
    expect(api.inputsOf('returns.list')).toEqual([{ orderId: ORDER_1, review: false, limit: 100 }]);
    await store.getState().refreshRequested();
    expect(api.endpoints().filter((e) => e === 'returns.settings')).toHaveLength(1);
    expect(selectReasonLabel(store.getState().settings, 'wrong_size')).toBe('Talle o medida equivocada');
    expect(selectReasonLabel(store.getState().settings, 'gone')).toBe('gone');
  });

  it('the form offers what the customer may still return; nothing goes until the lines are chosen with a reason', async () => {
    const api = orderDesk();
    const store = createOrderReturnsStore(api);
    await store.getState().orderShown(ORDER_1);
    store.getState().formOpened(order);
    const form = store.getState().form!;
    expect(form.lines.map((l) => [l.sku, l.returnable, l.chosen])).toEqual([
      ['SKU-A', 1, false],
      ['SKU-B', 2, false],
    ]);
    expect(form).toMatchObject({ method: 'store_drop_off', resolution: 'refund', locationId: 'loc-1' });
    expect(await store.getState().submitted()).toBe(false);
    expect(store.getState().problems).toEqual(['returns.form.problem.lines']);
    store.getState().formChanged(withLine(form, 'SKU-B', { chosen: true, quantity: 2 }));
    expect(store.getState().problems).toEqual(['returns.form.problem.reason']);
    store.getState().formChanged(withLine(store.getState().form!, 'SKU-B', { reason: 'wrong_size', condition: 'opened' }));
    store.getState().formChanged({ ...store.getState().form!, notes: '  llamó el lunes ' });
    expect(store.getState().problems).toEqual([]);
    expect(await store.getState().submitted()).toBe(true);
    expect(api.inputsOf('returns.request')).toEqual([
      {
        orderId: ORDER_1,
        lines: [{ sku: 'SKU-B', quantity: 2, reason: 'wrong_size', condition: 'opened' }],
        method: 'store_drop_off',
        resolution: 'refund',
        locationId: 'loc-1',
        notes: 'llamó el lunes',
        photos: [],
      },
    ]);
    // The verdict is shown at once, and the return joins the order's list.
    expect(store.getState()).toMatchObject({ form: null, result: { number: 1043, verdict: 'review' } });
    expect(store.getState().returns.map((r) => r.number)).toEqual([1043, 1042]);
  });

  it('keeps the form and the engine’s refusal when the request is refused', async () => {
    const store = createOrderReturnsStore(orderDesk([]));
    await store.getState().orderShown(ORDER_1);
    store.getState().formOpened({ ...order, lines: [{ ...order.lines[1]!, cancelledQuantity: 0 }] });
    // A single item is chosen already.
    expect(store.getState().form!.lines[0]).toMatchObject({ chosen: true, returnable: 3 });
    store.getState().formChanged(withLine(store.getState().form!, 'SKU-B', { quantity: 3, reason: 'defective' }));
    expect(await store.getState().submitted()).toBe(false);
    expect(store.getState()).toMatchObject({ submitError: 'lines.0.quantity: too many', submitting: false, result: null });
    expect(store.getState().form).not.toBeNull();
  });

  it('a quantity beyond what may be returned is named before sending', () => {
    const form = newReturnForm(order, [aReturn()]);
    expect(returnFormProblems(withLine(form, 'SKU-A', { chosen: true, quantity: 2, reason: 'late' }))).toEqual([
      'returns.form.problem.quantity',
    ]);
    // A rejected earlier return gives its units back.
    expect(newReturnForm(order, [aReturn({ status: 'rejected' })]).lines[0]!.returnable).toBe(2);
  });
});
