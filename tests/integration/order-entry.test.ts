import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { ASSOCIATE, migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { seedFixture } from '../support/fixtures';
import { createTestDatabase, eventually, redisUrlOrWarn, type TestDatabase } from '../support/test-database';

const INTEGRATOR = { id: 'u-int', name: 'Iván Integrador', role: 'integrator' } as const;

describe('assisted order entry: search, live availability, submit', () => {
  let db: TestDatabase;
  let engine: Engine;
  const palermo = { lat: -34.588, lng: -58.41 };

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [
      { location: 'loc-palermo', sku: 'SKU-A', onHand: 5, safety: 2 },
      { location: 'loc-quilmes', sku: 'SKU-A', onHand: 4 },
      { location: 'loc-cordoba', sku: 'SKU-A', onHand: 10 },
      { location: 'loc-dc-ezeiza', sku: 'SKU-B', onHand: 1, safety: 1 },
      // The orders placed below take their own SKUs, so SKU-A's availability stays what the query case expects.
      { location: 'loc-palermo', sku: 'OE-HOME', onHand: 5, safety: 2 },
      { location: 'loc-quilmes', sku: 'OE-HOME', onHand: 3 },
      { location: 'loc-cordoba', sku: 'OE-HOME', onHand: 10 },
      { location: 'loc-quilmes', sku: 'OE-PICKUP', onHand: 4 },
    ]);
    await db.pool.query(`UPDATE stock SET reserved = 1 WHERE location_id = 'loc-quilmes' AND sku = 'SKU-A'`);
    await db.pool.query(`UPDATE products SET name = 'Zapatilla Running Azul' WHERE sku = 'SKU-A'`);
    engine = await startTestEngine(db.url, { redisUrl: redisUrlOrWarn('order entry') });
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('finds products by SKU or by words of the name, case-insensitively', async () => {
    expect((await engine.dispatch('catalog.search', { q: 'zapatilla' }, ASSOCIATE)).map((p) => p.sku)).toEqual(['SKU-A']);
    expect((await engine.dispatch('catalog.search', { q: 'sku-b' }, ASSOCIATE))[0]).toMatchObject({ sku: 'SKU-B', price: 1000 });
    expect(await engine.dispatch('catalog.search', { q: '100%_' }, ASSOCIATE)).toEqual([]);
    await expect(engine.dispatch('catalog.search', { q: ' ' }, ASSOCIATE)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('q: type at least one character'),
    });
  });

  it('gives the network total (on hand − reserved − safety) and the nearest locations with stock', async () => {
    const [a, b, none] = await engine.dispatch('availability.query', { skus: ['SKU-A', 'SKU-B', 'SKU-NONE'], near: palermo }, ASSOCIATE);
    // Palermo 5−2, Quilmes 4−1, Córdoba 10.
    expect(a).toMatchObject({ sku: 'SKU-A', networkAvailable: 16 });
    expect(a!.locations.map((l) => [l.locationId, l.available])).toEqual([
      ['loc-palermo', 3],
      ['loc-quilmes', 3],
      ['loc-cordoba', 10],
    ]);
    expect(a!.locations[0]!.distanceKm).toBeLessThan(3);
    expect(b).toEqual({ sku: 'SKU-B', networkAvailable: 0, locations: [] });
    expect(none).toEqual({ sku: 'SKU-NONE', networkAvailable: 0, locations: [] });
    const far = await engine.dispatch('availability.query', { skus: ['SKU-A'], limit: 1 }, ASSOCIATE);
    expect(far[0]!.locations).toHaveLength(1);
    expect(far[0]!.locations[0]!.distanceKm).toBeNull();
  });

  const draft = (over: Record<string, unknown> = {}) => ({
    channel: 'call_center' as const,
    externalId: `CC-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`,
    customer: { name: 'Marta Llamada', phone: '+54 11 5555 0000' },
    shipTo: { line1: 'Av. Santa Fe 3253', city: 'Buenos Aires', country: 'AR', ...palermo },
    currency: 'ARS',
    lines: [{ channelSku: 'SKU-A', quantity: 2, unitPrice: 1000 }],
    ...over,
  });

  it('places a home-delivery order that is sourced like any other, once per form', async () => {
    // OE-HOME: Palermo 5−2, Quilmes 3, Córdoba 10 — 16 available before the order.
    const d = draft({ lines: [{ channelSku: 'OE-HOME', quantity: 2, unitPrice: 1000 }] });
    const key = `form-${Date.now()}`;
    const r = await engine.dispatch('entry.submit', { draft: d, idempotencyKey: key }, ASSOCIATE);
    expect(r).toMatchObject({ replayed: false, order: { channel: 'call_center', externalId: d.externalId, totalUnits: 2 } });
    const again = await engine.dispatch('entry.submit', { draft: d, idempotencyKey: key }, ASSOCIATE);
    expect(again).toMatchObject({ replayed: true, order: { id: r.order.id } });
    await eventually(async () => {
      const o = await engine.dispatch('orders.get', { id: r.order.id }, PLANNER);
      return o.status === 'sourced' ? o : undefined;
    }, 'the entered order to be sourced');
    const [a] = await engine.dispatch('availability.query', { skus: ['OE-HOME'], near: palermo }, ASSOCIATE);
    expect(a!.networkAvailable).toBe(14);
  });

  it('takes a store-pickup order to the chosen store, and refuses an unknown store by name', async () => {
    const r = await engine.dispatch(
      'entry.submit',
      {
        draft: draft({
          channel: 'endless_aisle',
          shipTo: undefined,
          deliveryType: 'store_pickup',
          pickupLocation: 'st-002',
          lines: [{ channelSku: 'OE-PICKUP', quantity: 2, unitPrice: 1000 }],
        }),
        idempotencyKey: `form-p-${Date.now()}`,
      },
      ASSOCIATE,
    );
    expect(r.order.shipTo).toMatchObject({ line1: 'Tienda Quilmes', city: 'Quilmes', lat: -34.7206, lng: -58.2546 });
    await expect(
      engine.dispatch(
        'entry.submit',
        { draft: draft({ deliveryType: 'store_pickup', pickupLocation: 'NOPE' }), idempotencyKey: `form-x-${Date.now()}` },
        ASSOCIATE,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'draft.pickupLocation' }] });
  });

  it('accepts only assisted channels, and only from people at a desk or a store', async () => {
    await expect(
      engine.dispatch('entry.submit', { draft: draft({ channel: 'shopify' }), idempotencyKey: 'form-shopify-1' }, ASSOCIATE),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('endless_aisle or call_center'),
    });
    await expect(engine.dispatch('entry.submit', { draft: draft(), idempotencyKey: 'form-int-1' }, INTEGRATOR)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
