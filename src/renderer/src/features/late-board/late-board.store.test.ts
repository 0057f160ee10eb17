import { describe, expect, it } from 'vitest';
import { AppError, type LateBoard } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { aLateBoard, ALERT_1, ALERT_2, anAlert } from '../../test-support/shipping-fixtures';
import { carrierNames, createLateBoardStore, isPicked, NO_FILTER, selectAlerts, selectOnTimeByCarrier } from './late-board.store';

function boardDesk() {
  let board: LateBoard = aLateBoard();
  return fakeDesk({
    'shipping.lateBoard': () => board,
    'shipping.resolveAlert': ({ alertId }) => {
      if (alertId === ALERT_2) throw new AppError('ILLEGAL_TRANSITION', 'alert already resolved by Ana; refresh the board');
      const a = board.alerts.find((x) => x.id === alertId)!;
      board = { ...board, alerts: board.alerts.filter((x) => x.id !== alertId) };
      return { ...a, status: 'resolved' as const, resolvedAt: '2026-01-04T10:00:00Z', resolvedBy: 'Paula' };
    },
  });
}

describe('late board store', () => {
  it('loads the board and refetches (throttled) on shipping changes and a resync', async () => {
    let t = 0;
    const api = boardDesk();
    const store = createLateBoardStore(api, () => t);
    await store.getState().refreshRequested();
    expect(store.getState().board?.groups).toHaveLength(2);
    t = 5_000;
    store.getState().liveEventReceived({
      type: 'shipping.changed',
      shipmentId: 's',
      orderId: 'o',
      locationId: 'l',
      status: 'in_transit',
      alert: 'stalled',
      at: '2026-01-04T10:00:00Z',
    });
    expect(api.inputsOf('shipping.lateBoard')).toHaveLength(2);
    store.getState().liveEventReceived({ type: 'channels.changed', channelId: 'c', at: '2026-01-04T10:00:00Z' });
    expect(api.inputsOf('shipping.lateBoard')).toHaveLength(2);
  });

  it('resolves an alert with the note, once; a refusal stays on that alert', async () => {
    const api = boardDesk();
    const store = createLateBoardStore(api);
    await store.getState().refreshRequested();
    expect(await store.getState().alertResolved(ALERT_1, '  called the customer ')).toBe(true);
    expect(api.inputsOf('shipping.resolveAlert')).toEqual([{ alertId: ALERT_1, note: 'called the customer' }]);
    expect(store.getState().board?.alerts.map((a) => a.id)).toEqual([ALERT_2]);
    expect(await store.getState().alertResolved(ALERT_2, '   ')).toBe(false);
    expect(api.inputsOf('shipping.resolveAlert')[1]).toEqual({ alertId: ALERT_2 });
    expect(store.getState().errors[ALERT_2]).toBe('alert already resolved by Ana; refresh the board');
    expect(store.getState().busy).toEqual({});
  });

  it('a board that cannot load says why', async () => {
    const store = createLateBoardStore(
      fakeDesk({
        'shipping.lateBoard': () => {
          throw new AppError('UNAVAILABLE', 'not built yet');
        },
      }),
    );
    await store.getState().refreshRequested();
    expect(store.getState()).toMatchObject({ board: null, loading: false, error: 'not built yet' });
  });

  it('filters alerts by the picked group, the longest open first, open ones only', () => {
    const board = aLateBoard({
      alerts: [
        anAlert({ id: 'a', raisedAt: '2026-01-03T09:00:00Z' }),
        anAlert({ id: 'b', raisedAt: '2026-01-02T09:00:00Z' }),
        anAlert({ id: 'c', reason: 'stalled', carrier: 'oca', raisedAt: '2026-01-01T09:00:00Z' }),
        anAlert({ id: 'd', status: 'resolved' }),
      ],
    });
    expect(selectAlerts(board, NO_FILTER).map((a) => a.id)).toEqual(['c', 'b', 'a']);
    expect(selectAlerts(board, { reason: 'no_first_scan', carrier: 'andreani' }).map((a) => a.id)).toEqual(['b', 'a']);
    expect(selectAlerts(board, { reason: null, carrier: 'oca' }).map((a) => a.id)).toEqual(['c']);
    expect(selectAlerts(null, NO_FILTER)).toEqual([]);
    expect(isPicked({ reason: 'stalled', carrier: 'oca' }, { reason: 'stalled', carrier: 'oca' })).toBe(true);
    expect(isPicked(NO_FILTER, { reason: 'stalled', carrier: 'oca' })).toBe(false);
  });

  it('sums on-time per carrier over its regions, the worst carrier and region first', () => {
    const rows = selectOnTimeByCarrier(aLateBoard());
    expect(rows.map((r) => [r.carrier, r.delivered, r.onTime])).toEqual([
      ['oca', 20, 14],
      ['andreani', 50, 47],
    ]);
    expect(rows[1]!.rate).toBeCloseTo(0.94);
    expect(rows[1]!.regions.map((r) => r.region)).toEqual(['Córdoba', 'Santa Fe']);
    expect(carrierNames(aLateBoard())).toEqual({ andreani: 'Andreani', oca: 'OCA' });
  });
});
