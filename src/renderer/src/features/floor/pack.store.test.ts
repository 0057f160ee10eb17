import { describe, expect, it } from 'vitest';
import { AppError, type FloorRow } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { aParcel, aPrintJob } from '../../test-support/floor-fixtures';
import { anOrder } from '../../test-support/fixtures';
import { createPackStore, selectToPack } from './pack.store';

const row = (over: Partial<FloorRow> = {}): FloorRow => ({
  fulfilmentOrderId: 'fo-1',
  orderId: 'o1',
  number: 1043,
  channel: 'web',
  customerName: 'Ana',
  customerTier: null,
  status: 'picked',
  orderStatus: 'picked',
  assignedAt: '2026-01-01T10:00:00Z',
  promisedAt: null,
  lines: [{ sku: 'SKU-A', productName: 'Yerba', quantity: 2 }],
  elsewhere: [],
  orderLines: [{ sku: 'SKU-A', quantity: 2 }],
  actionable: false,
  ...over,
});
const product = {
  sku: 'SKU-A',
  name: 'Yerba',
  category: null,
  ean: null,
  weightGrams: 600,
  lengthMm: null,
  widthMm: null,
  heightMm: null,
  price: null,
};

describe('pack store', () => {
  it('prefills the weight from the master once it is known, and packs one parcel with the engine’s default lines', async () => {
    const api = fakeDesk({
      'products.list': () => [product],
      'packing.pack': ({ orderId }) => ({
        order: anOrder({ id: orderId, status: 'packed' }),
        parcels: [aParcel()],
        printJobs: [aPrintJob({ docType: 'packing_slip' }), aPrintJob({ id: 'j2', docType: 'shipping_label' })],
      }),
    });
    const store = createPackStore(api);
    store.getState().draftOpened(row());
    expect(store.getState().drafts.o1![0]!.weightKg).toBe('');
    await store.getState().productsRequested(['SKU-A', 'SKU-A']);
    expect(api.inputsOf('products.list')).toEqual([{ skus: ['SKU-A'], limit: 500 }]);
    expect(store.getState().drafts.o1![0]!.weightKg).toBe('1.2');
    // Known SKUs are not asked again.
    await store.getState().productsRequested(['SKU-A']);
    expect(api.inputsOf('products.list')).toHaveLength(1);

    expect(await store.getState().packSubmitted(row(), 'loc-1')).toBe(true);
    expect(api.inputsOf('packing.pack')).toEqual([{ orderId: 'o1', locationId: 'loc-1', parcels: [{ weightGrams: 1200 }] }]);
    expect(store.getState().packed[0]).toMatchObject({ number: 1043, parcels: [{ code: 'AT1043-1' }] });
    expect(store.getState().packed[0]!.printJobs).toHaveLength(2);
    expect(store.getState().drafts.o1).toBeUndefined();
  });

  it('sends two parcels with their lines, and keeps the engine’s refusal on the order', async () => {
    const api = fakeDesk({
      'packing.pack': () => {
        throw new AppError('VALIDATION_FAILED', 'parcels[1].weightGrams: SKU-A has no weight in the product master: type the weight');
      },
    });
    const store = createPackStore(api);
    store.getState().draftOpened(row());
    store.getState().parcelAdded('o1');
    // An empty second parcel is not sent.
    expect(await store.getState().packSubmitted(row(), null)).toBe(false);
    expect(api.calls).toEqual([]);
    store.getState().unitsMoved('o1', 1, 'SKU-A', 1);
    store.getState().parcelEdited('o1', 1, { weightKg: '0.7' });
    expect(await store.getState().packSubmitted(row(), null)).toBe(false);
    expect(api.inputsOf('packing.pack')).toEqual([
      {
        orderId: 'o1',
        parcels: [{ lines: [{ sku: 'SKU-A', quantity: 1 }] }, { weightGrams: 700, lines: [{ sku: 'SKU-A', quantity: 1 }] }],
      },
    ]);
    expect(store.getState().errors.o1).toMatch(/type the weight/);
    expect(store.getState().busy).toEqual({});
    // Removing a parcel gives its units back to the first.
    store.getState().parcelRemoved(row(), 1);
    expect(store.getState().drafts.o1!.map((d) => d.lines)).toEqual([{ 'SKU-A': 2 }]);
  });

  it('lists for packing the orders picked whole here', () => {
    expect(
      selectToPack([
        row(),
        row({ orderId: 'o2', status: 'assigned', orderStatus: 'sourced' }),
        row({ orderId: 'o3', orderStatus: 'sourced' }),
      ]).map((r) => r.orderId),
    ).toEqual(['o1']);
    expect(selectToPack(undefined)).toEqual([]);
  });
});
