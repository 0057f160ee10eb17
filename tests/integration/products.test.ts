import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Engine } from '../../src/engine';
import type { AppError } from '../../src/shared';
import { gtin13 } from '../../src/engine/core/picking/gtin';
import { ASSOCIATE, PLANNER, startFixtureEngine } from '../support/engine-under-test';
import type { TestDatabase } from '../support/test-database';

/** The product master against real Postgres: upserts that keep what they leave out, EAN clashes refused row by row. */
const INTEGRATOR: Actor = { id: 'api', name: 'ERP', role: 'integrator' };
const EAN_1 = gtin13('779123400001');
const EAN_2 = gtin13('779123400002');

describe('products', () => {
  let db: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine([{ location: 'loc-palermo', sku: 'KNOWN', onHand: 1 }]));
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('creates and updates; fields left out keep their value, null clears one', async () => {
    const first = await engine.dispatch(
      'products.upsert',
      {
        products: [
          {
            sku: 'YERBA-1',
            name: 'Yerba mate suave 1 kg',
            ean: EAN_1,
            weightGrams: 1_050,
            lengthMm: 200,
            widthMm: 120,
            heightMm: 60,
            price: 4_999,
          },
          { sku: 'KNOWN', name: 'Producto conocido', category: 'Almacén' },
        ],
      },
      INTEGRATOR,
    );
    expect(first).toEqual({ created: 1, updated: 1, rejected: [] });
    await engine.dispatch('products.upsert', { products: [{ sku: 'YERBA-1', name: 'Yerba mate suave 1 kg', heightMm: null }] }, INTEGRATOR);
    const [p] = await engine.dispatch('products.list', { search: EAN_1 }, ASSOCIATE);
    expect(p).toEqual({
      sku: 'YERBA-1',
      name: 'Yerba mate suave 1 kg',
      category: null,
      ean: EAN_1,
      weightGrams: 1_050,
      lengthMm: 200,
      widthMm: 120,
      heightMm: null,
      price: 4_999,
    });
    // KNOWN kept the fixture's weight (500 g) when the upsert left it out.
    expect((await engine.dispatch('products.list', { skus: ['KNOWN'] }, PLANNER))[0]).toMatchObject({
      weightGrams: 500,
      category: 'Almacén',
    });
    expect((await engine.dispatch('products.list', { search: 'mate suave' }, PLANNER)).map((x) => x.sku)).toEqual(['YERBA-1']);
  });

  it("refuses, row by row, an EAN that is another SKU's, given twice, or with a wrong check digit; the other rows go in", async () => {
    const wrongDigit = EAN_2.slice(0, -1) + String((Number(EAN_2.at(-1)) + 1) % 10);
    const res = await engine.dispatch(
      'products.upsert',
      {
        products: [
          { sku: 'MATE-1', name: 'Mate', ean: EAN_1 },
          { sku: 'BOMBILLA-1', name: 'Bombilla', ean: EAN_2, weightGrams: 40 },
          { sku: 'BOMBILLA-2', name: 'Bombilla larga', ean: EAN_2 },
          { sku: 'TERMO-1', name: 'Termo', ean: wrongDigit },
        ],
      },
      INTEGRATOR,
    );
    expect(res.created).toBe(1);
    expect(res.rejected).toEqual([
      { index: 0, sku: 'MATE-1', message: `ean ${EAN_1} is already SKU YERBA-1's: clear it there first, or fix the code` },
      { index: 2, sku: 'BOMBILLA-2', message: `ean ${EAN_2} is also given to SKU BOMBILLA-1 in this batch: an EAN names one product` },
      { index: 3, sku: 'TERMO-1', message: `ean ${wrongDigit} has a wrong check digit: check the code as printed under the barcode` },
    ]);
    const rows = await db.pool.query(
      `SELECT sku, ean FROM products WHERE sku IN ('MATE-1','BOMBILLA-1','BOMBILLA-2','TERMO-1') ORDER BY sku`,
    );
    expect(rows.rows).toEqual([{ sku: 'BOMBILLA-1', ean: EAN_2 }]);
  });

  it('is written by integrators and admins only', async () => {
    const e = await engine
      .dispatch('products.upsert', { products: [{ sku: 'X', name: 'X' }] }, PLANNER)
      .catch((x: unknown) => x as AppError);
    expect(e).toMatchObject({ code: 'FORBIDDEN' });
  });
});
