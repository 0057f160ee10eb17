import { describe, expect, it } from 'vitest';
import { AppError, type EngineEvent } from '../../../../shared';
import { RESYNC } from '../../api/desk-client';
import { fakeDesk } from '../../test-support/fake-desk';
import { aPrintJob, aWave, aWaveLine } from '../../test-support/floor-fixtures';
import {
  applyScan,
  createPickWorkStore,
  PICK_REFETCH_MS,
  selectCurrentLine,
  selectShorts,
  selectWalk,
  selectWaveOf,
  type PickWork,
} from './pick-work.store';

const settle = () => new Promise((r) => setTimeout(r, 0));

/** A wave of two lines, the engine's bin order in `seq` (the unbinned one last), two orders in slots A and B. */
const twoLineWave = () =>
  aWave({
    units: 3,
    orders: [
      { fulfilmentOrderId: 'fo-1', orderId: 'o1', orderNumber: 1043, slot: 'A', customerName: 'Ana', units: 2, picked: 0 },
      { fulfilmentOrderId: 'fo-2', orderId: 'o2', orderNumber: 1044, slot: 'B', customerName: 'Beto', units: 1, picked: 0 },
    ],
    lines: [
      aWaveLine({
        seq: 2,
        sku: 'SKU-B',
        bin: null,
        quantity: 1,
        orders: [{ fulfilmentOrderId: 'fo-2', orderNumber: 1044, slot: 'B', quantity: 1, picked: 0 }],
      }),
      aWaveLine({ seq: 1, sku: 'SKU-A', bin: 'A01-01-1', quantity: 2 }),
    ],
  });

const work = (over: Partial<PickWork> = {}): PickWork => ({
  location: { id: 'loc-1', name: 'Depósito', carrierCutoff: '16:00' },
  waves: [],
  waiting: [],
  suggestions: [{ groupedBy: 'cut-off 16:00', cutoffAt: null, fulfilmentOrderIds: ['fo-1', 'fo-2'], units: 3 }],
  ...over,
});

/** The picking engine: the wave above; SKU-A (or its EAN) goes to slot A, anything else is not on the wave. */
function pickDesk() {
  let wave = twoLineWave();
  return fakeDesk({
    'picking.work': () => work({ waves: wave.status === 'released' ? [wave] : [] }),
    'picking.releaseWave': () => ({ wave, printJob: aPrintJob({ status: 'queued', printerName: 'Laser' }) }),
    'picking.wave': () => wave,
    'picking.scan': ({ code }) => {
      if (code !== 'SKU-A' && code !== '7790000000011')
        throw new AppError('SCAN_MISMATCH', `${code} is not on wave W-1: scan one of SKU-A, SKU-B`);
      return {
        sku: 'SKU-A',
        seq: 1,
        sortTo: [{ slot: 'A', orderNumber: 1043, quantity: 1 }],
        linePicked: 1,
        lineQuantity: 2,
        wavePicked: 1,
        waveUnits: 3,
      };
    },
    'picking.completeWave': () => {
      wave = { ...wave, status: 'completed' };
      return {
        wave,
        orders: [
          { orderId: 'o1', orderNumber: 1043, outcome: 'picked', shortfall: [] },
          { orderId: 'o2', orderNumber: 1044, outcome: 'remainder_sourced', shortfall: [{ sku: 'SKU-B', ordered: 1, picked: 0 }] },
        ],
      };
    },
    'picking.cancelWave': () => ({ ...wave, status: 'cancelled' as const }),
  });
}

describe('pick work store', () => {
  it('asks nothing until a location is chosen, then its work', async () => {
    const api = pickDesk();
    const store = createPickWorkStore(api);
    await store.getState().refreshRequested();
    expect(api.calls).toEqual([]);
    await store.getState().locationChosen('loc-1');
    expect(api.inputsOf('picking.work')).toEqual([{ locationId: 'loc-1' }]);
    expect(store.getState().work?.suggestions).toHaveLength(1);
  });

  it('releases the suggested orders, opens the walk and says where the pick list prints', async () => {
    const api = pickDesk();
    const store = createPickWorkStore(api);
    await store.getState().locationChosen('loc-1');
    await store.getState().waveReleased(['fo-1', 'fo-2']);
    expect(api.inputsOf('picking.releaseWave')).toEqual([{ locationId: 'loc-1', fulfilmentOrderIds: ['fo-1', 'fo-2'] }]);
    expect(store.getState().wave?.code).toBe('W-1');
    expect(store.getState().released).toMatchObject({ code: 'W-1', printJob: { printerName: 'Laser', status: 'queued' } });
    // The work is asked again: the released wave is listed open.
    expect(store.getState().work?.waves.map((w) => w.code)).toEqual(['W-1']);
  });

  it('a right scan says the slot and advances the line; a wrong one keeps the engine’s message and changes nothing', async () => {
    const api = pickDesk();
    const store = createPickWorkStore(api);
    await store.getState().locationChosen('loc-1');
    await store.getState().waveOpened('w1');
    expect(selectCurrentLine(store.getState().wave)?.sku).toBe('SKU-A');

    expect(await store.getState().scanned('  7790000000011 ')).toBe(true);
    expect(api.inputsOf('picking.scan')).toEqual([{ waveId: 'w1', code: '7790000000011' }]);
    expect(store.getState().feedback).toMatchObject({ kind: 'ok', answer: { sortTo: [{ slot: 'A', orderNumber: 1043 }] } });
    const line = store.getState().wave!.lines.find((l) => l.sku === 'SKU-A')!;
    expect(line.picked).toBe(1);
    expect(line.orders[0]!.picked).toBe(1);
    expect(store.getState().wave!.picked).toBe(1);

    expect(await store.getState().scanned('SKU-Z')).toBe(false);
    expect(store.getState().feedback).toEqual({
      kind: 'error',
      code: 'SKU-Z',
      message: 'SKU-Z is not on wave W-1: scan one of SKU-A, SKU-B',
    });
    expect(store.getState().wave!.picked).toBe(1);
    // An empty scan (the scanner's stray Enter) is not sent.
    expect(await store.getState().scanned('   ')).toBe(false);
    expect(api.inputsOf('picking.scan')).toHaveLength(2);
  });

  it('scans fired faster than the engine answers go one after another, none lost', async () => {
    let inFlight = 0;
    let most = 0;
    const api = fakeDesk({
      'picking.work': () => work(),
      'picking.wave': () => twoLineWave(),
      'picking.scan': async ({ code }) => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        const b = code === 'SKU-B';
        return {
          sku: code,
          seq: b ? 2 : 1,
          sortTo: [{ slot: b ? 'B' : 'A', orderNumber: b ? 1044 : 1043, quantity: 1 }],
          linePicked: 1,
          lineQuantity: b ? 1 : 2,
          wavePicked: b ? 2 : 1,
          waveUnits: 3,
        };
      },
    });
    const store = createPickWorkStore(api);
    await store.getState().locationChosen('loc-1');
    await store.getState().waveOpened('w1');
    const both = await Promise.all([store.getState().scanned('SKU-A'), store.getState().scanned('SKU-B')]);
    expect(both).toEqual([true, true]);
    expect(most).toBe(1);
    expect(api.inputsOf('picking.scan').map((i) => i.code)).toEqual(['SKU-A', 'SKU-B']);
    expect(store.getState().wave!.lines.map((l) => [l.sku, l.picked])).toEqual([
      ['SKU-B', 1],
      ['SKU-A', 1],
    ]);
  });

  it('completing reports each order’s outcome and closes the walk; the walk lists shorts before', async () => {
    const api = pickDesk();
    const store = createPickWorkStore(api);
    await store.getState().locationChosen('loc-1');
    await store.getState().waveOpened('w1');
    await store.getState().scanned('SKU-A');
    expect(selectShorts(store.getState().wave)).toEqual([
      { sku: 'SKU-A', bin: 'A01-01-1', missing: 1 },
      { sku: 'SKU-B', bin: null, missing: 1 },
    ]);
    await store.getState().waveCompleted();
    expect(store.getState().wave).toBeNull();
    expect(store.getState().outcome?.orders.map((o) => o.outcome)).toEqual(['picked', 'remainder_sourced']);
    expect(store.getState().work?.waves).toEqual([]);
  });

  it('a refused command keeps the engine’s message and the walk', async () => {
    const api = fakeDesk({
      'picking.work': () => work(),
      'picking.wave': () => twoLineWave(),
      'picking.completeWave': () => {
        throw new AppError('ILLEGAL_TRANSITION', 'wave W-1 is already completed');
      },
    });
    const store = createPickWorkStore(api);
    await store.getState().locationChosen('loc-1');
    await store.getState().waveOpened('w1');
    await store.getState().waveCompleted();
    expect(store.getState().actionError).toBe('wave W-1 is already completed');
    expect(store.getState().wave?.id).toBe('w1');
    expect(store.getState().busy).toBe(false);
  });

  it('refetches on this location’s floor events and the resync, throttled; other locations are ignored', async () => {
    let now = 0;
    const api = pickDesk();
    const store = createPickWorkStore(api, () => now);
    await store.getState().locationChosen('loc-1');
    const floor = (locationId: string): Extract<EngineEvent, { type: 'floor.changed' }> => ({
      type: 'floor.changed',
      locationId,
      kind: 'wave',
      refId: 'w1',
      at: '',
    });
    now = PICK_REFETCH_MS * 2;
    store.getState().liveEventReceived(floor('loc-2'));
    await settle();
    expect(api.inputsOf('picking.work')).toHaveLength(1);
    store.getState().liveEventReceived(floor('loc-1'));
    await settle();
    expect(api.inputsOf('picking.work')).toHaveLength(2);
    now += PICK_REFETCH_MS * 2;
    store.getState().liveEventReceived(RESYNC);
    await settle();
    expect(api.inputsOf('picking.work')).toHaveLength(3);
  });
});

describe('pick work selectors', () => {
  it('walks in the engine’s bin order, unbinned last, and points at the first line not done', () => {
    const wave = twoLineWave();
    expect(selectWalk(wave).map((l) => l.sku)).toEqual(['SKU-A', 'SKU-B']);
    const done = { lines: wave.lines.map((l) => (l.sku === 'SKU-A' ? { ...l, picked: 2 } : l)) };
    expect(selectCurrentLine(done)?.sku).toBe('SKU-B');
    expect(selectCurrentLine({ lines: wave.lines.map((l) => ({ ...l, picked: l.quantity })) })).toBeNull();
    expect(selectWalk(null)).toEqual([]);
  });

  it('applies a scan to its line and slots only, never past the slot’s units', () => {
    const wave = twoLineWave();
    const next = applyScan(wave, {
      sku: 'SKU-A',
      seq: 1,
      sortTo: [{ slot: 'A', orderNumber: 1043, quantity: 5 }],
      linePicked: 2,
      lineQuantity: 2,
      wavePicked: 2,
      waveUnits: 3,
    });
    expect(next.lines.find((l) => l.seq === 1)!.orders[0]!.picked).toBe(2);
    expect(next.lines.find((l) => l.seq === 2)).toBe(wave.lines[0]);
  });

  it('names the open wave an order waits in', () => {
    const w = work({ waves: [twoLineWave()] });
    expect(selectWaveOf(w, 'fo-2')).toBe('W-1');
    expect(selectWaveOf(w, 'fo-9')).toBeNull();
    expect(selectWaveOf({ waves: [{ ...twoLineWave(), status: 'completed' }] }, 'fo-2')).toBeNull();
  });
});
