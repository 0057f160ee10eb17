import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Engine } from '../../src/engine';
import type { AppError, OrderInput } from '../../src/shared';
import { ASSOCIATE, PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { waitForStatus } from '../support/sourcing-ops';
import type { TestDatabase } from '../support/test-database';

/**
 * Packing a picked order into parcels against real Postgres: the parcels' lines must add up to the
 * units picked, weights default to the product master's, the order moves to packed in the same
 * transaction and the parcels are ready to ship; lines that do not add up write nothing.
 */
const ADMIN: Actor = { id: 'u-admin', name: 'Admin', role: 'admin' };
const OTHER_STORE: Actor = { id: 'u-cba', name: 'Carla Córdoba', role: 'associate', locations: ['loc-cordoba'] };

const refused = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as AppError,
  );

describe('packing', () => {
  let db: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'PA', onHand: 10, bin: 'A1-1' },
        { location: 'loc-palermo', sku: 'PB', onHand: 10, bin: 'A1-2' },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
    await engine.dispatch(
      'products.upsert',
      {
        products: [
          { sku: 'PA', name: 'Yerba mate 1 kg', weightGrams: 1_050 },
          { sku: 'PB', name: 'Mate de calabaza', weightGrams: 320, lengthMm: 120, widthMm: 100, heightMm: 110 },
        ],
      },
      ADMIN,
    );
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  async function pickedOrder(lines: OrderInput['lines']) {
    const { order } = await engine.dispatch('orders.create', { order: anOrder({ lines }) }, PLANNER);
    const o = await waitForStatus(engine, order.id, 'sourced');
    await engine.dispatch(
      'fulfilment.shortPick',
      { orderId: o.id, picked: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) },
      ASSOCIATE,
    );
    return waitForStatus(engine, o.id, 'picked');
  }

  it('packs two parcels: the order is packed, the parcels ready to ship, weights from the master', async () => {
    const o = await pickedOrder([
      { sku: 'PA', quantity: 2 },
      { sku: 'PB', quantity: 1 },
    ]);
    const res = await engine.dispatch(
      'packing.pack',
      {
        orderId: o.id,
        print: false,
        parcels: [
          { lines: [{ sku: 'PA', quantity: 2 }], lengthMm: 300, widthMm: 200, heightMm: 150 },
          { lines: [{ sku: 'PB', quantity: 1 }] },
        ],
      },
      ASSOCIATE,
    );
    expect(res.order.status).toBe('packed');
    expect(res.printJobs).toEqual([]);
    expect(res.parcels.map((p) => [p.code, p.seq, p.of, p.weightGrams, p.status, p.locationId])).toEqual([
      [`AT${o.number}-1`, 1, 2, 2_100, 'ready_to_ship', 'loc-palermo'],
      [`AT${o.number}-2`, 2, 2, 320, 'ready_to_ship', 'loc-palermo'],
    ]);
    expect(res.parcels[0]).toMatchObject({ lengthMm: 300, widthMm: 200, heightMm: 150, lines: [{ sku: 'PA', quantity: 2 }] });
    expect(await engine.dispatch('packing.parcels', { orderId: o.id }, ASSOCIATE)).toEqual(res.parcels);
    const fo = await db.pool.query(`SELECT status FROM fulfilment_orders WHERE order_id = $1`, [o.id]);
    expect(fo.rows).toEqual([{ status: 'packed' }]);
    const d = await engine.dispatch('orders.get', { id: o.id }, PLANNER);
    expect(d.timeline.at(-1)).toMatchObject({ type: 'order.packed', fromStatus: 'picked', toStatus: 'packed', actor: ASSOCIATE.name });
    // Packed once: a second pack is refused.
    expect(await refused(engine.dispatch('packing.pack', { orderId: o.id, print: false, parcels: [{}] }, ASSOCIATE))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });

  it('one parcel without lines carries every unit picked; a given weight wins', async () => {
    const o = await pickedOrder([{ sku: 'PB', quantity: 3 }]);
    const res = await engine.dispatch('packing.pack', { orderId: o.id, print: false, parcels: [{ weightGrams: 1_200 }] }, ASSOCIATE);
    expect(res.parcels).toHaveLength(1);
    expect(res.parcels[0]).toMatchObject({ weightGrams: 1_200, lines: [{ sku: 'PB', quantity: 3 }], seq: 1, of: 1 });
  });

  it('refuses parcels that do not add up, naming the SKU and the difference, and writes nothing', async () => {
    const o = await pickedOrder([
      { sku: 'PA', quantity: 2 },
      { sku: 'PB', quantity: 1 },
    ]);
    const short = await refused(
      engine.dispatch(
        'packing.pack',
        { orderId: o.id, print: false, parcels: [{ lines: [{ sku: 'PA', quantity: 1 }] }, { lines: [{ sku: 'PB', quantity: 2 }] }] },
        ASSOCIATE,
      ),
    );
    expect(short).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(short.message).toContain('SKU PA: the parcels hold 1 unit, 2 units were picked (1 missing)');
    expect(short.message).toContain('SKU PB: the parcels hold 2 units, only 1 unit was picked (1 too many)');
    const stranger = await refused(
      engine.dispatch('packing.pack', { orderId: o.id, print: false, parcels: [{ lines: [{ sku: 'ZZ', quantity: 1 }] }, {}] }, ASSOCIATE),
    );
    expect(stranger).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'parcels.1.lines' }] });
    expect(await refused(engine.dispatch('packing.pack', { orderId: o.id, print: false, parcels: [{}] }, OTHER_STORE))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM parcels WHERE order_id = $1`, [o.id])).rows[0].n).toBe(0);
    expect((await engine.dispatch('orders.get', { id: o.id }, PLANNER)).status).toBe('picked');
  });

  it('prints the packing slip and one label per parcel for a home delivery', async () => {
    await db.pool.query(`INSERT INTO print_stations (id, name) VALUES ($1, 'Expedición') ON CONFLICT (id) DO NOTHING`, [
      engine.config.stationId,
    ]);
    const o = await pickedOrder([{ sku: 'PA', quantity: 2 }]);
    const res = await engine.dispatch(
      'packing.pack',
      { orderId: o.id, parcels: [{ lines: [{ sku: 'PA', quantity: 1 }] }, { lines: [{ sku: 'PA', quantity: 1 }] }] },
      ASSOCIATE,
    );
    expect(res.printJobs.map((j) => [j.docType, j.title])).toEqual([
      ['packing_slip', `Lista de empaque #${o.number}`],
      ['shipping_label', `Pedido #${o.number} · Bulto 1/2`],
      ['shipping_label', `Pedido #${o.number} · Bulto 2/2`],
    ]);
    const jobs = await db.pool.query(`SELECT doc_key, model FROM print_jobs WHERE id = ANY($1) ORDER BY doc_type, title`, [
      res.printJobs.map((j) => j.id),
    ]);
    const [slip, label1] = jobs.rows as { doc_key: string; model: Record<string, unknown> }[];
    expect(slip!.doc_key).toBe(`packing_slip:${o.id}`);
    expect(slip!.model).toMatchObject({
      kind: 'packing_slip',
      orderNumber: o.number,
      shipFrom: { name: 'Tienda Palermo', city: 'Buenos Aires' },
      shipTo: { name: 'Lucía Fernández', line1: 'Av. Santa Fe 3253', city: 'Buenos Aires' },
      parcels: [
        { code: `AT${o.number}-1`, seq: 1, of: 2, weightGrams: 1_050 },
        { code: `AT${o.number}-2`, seq: 2, of: 2, weightGrams: 1_050 },
      ],
      lines: [
        { sku: 'PA', productName: 'Yerba mate 1 kg', quantity: 1, parcelSeq: 1 },
        { sku: 'PA', productName: 'Yerba mate 1 kg', quantity: 1, parcelSeq: 2 },
      ],
    });
    expect(label1!.doc_key).toBe(`shipping_label:${res.parcels[0]!.id}`);
    expect(label1!.model).toMatchObject({ kind: 'shipping_label', parcelCode: `AT${o.number}-1`, seq: 1, of: 2, weightGrams: 1_050 });
  });

  it('refuses an order that is not picked yet', async () => {
    const { order } = await engine.dispatch('orders.create', { order: anOrder({ lines: [{ sku: 'PA', quantity: 1 }] }) }, PLANNER);
    await waitForStatus(engine, order.id, 'sourced');
    const e = await refused(engine.dispatch('packing.pack', { orderId: order.id, print: false, parcels: [{}] }, ASSOCIATE));
    expect(e).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('only a picked order') });
  });
});
