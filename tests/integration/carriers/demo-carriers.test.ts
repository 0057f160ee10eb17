import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorCarrier } from '../../../src/engine/adapters/carriers/simulator.carrier';
import { openDatabase, type Db } from '../../../src/engine/db/data-source';
import { DEMO_CARRIERS } from '../../../src/engine/modules/demo/demo-carriers';
import { readDemoLocations, seedDemoIfEmpty } from '../../../src/engine/modules/demo/seed.store';
import type { CarrierAccountConfig } from '../../../src/engine/ports/carrier.port';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** The demo seed gives the retailer two simulator carriers and every location a carrier cut-off. */
describe('demo seed: carriers and cut-offs', () => {
  let db: TestDatabase;
  let ds: Db;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await openDatabase({ url: db.url, poolSize: 2 });
    expect(await seedDemoIfEmpty(ds, quiet, 20)).toBe(true);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const accounts = async () =>
    (await db.pool.query(`SELECT id, kind, name, enabled, settings, secrets FROM carrier_accounts ORDER BY id`)).rows as {
      id: string;
      kind: string;
      name: string;
      enabled: boolean;
      settings: Record<string, string>;
      secrets: Buffer | null;
    }[];

  it('adds the two simulator accounts, enabled, without secrets', async () => {
    const rows = await accounts();
    expect(rows.map((r) => [r.id, r.kind, r.name, r.enabled, r.secrets])).toEqual([
      ['sim-correo', 'simulator', 'Correo Simulado', true, null],
      ['sim-express', 'simulator', 'Express Simulado', true, null],
    ]);
    expect(rows[0]!.settings).toEqual(DEMO_CARRIERS[0]!.settings);
  });

  it('gives every location a cut-off: DCs 18:00, the rest 16:00', async () => {
    const rows = (await db.pool.query(`SELECT id, kind, carrier_cutoff FROM locations`)).rows as {
      kind: string;
      carrier_cutoff: string | null;
    }[];
    expect(rows).toHaveLength(readDemoLocations().length);
    for (const r of rows) expect(r.carrier_cutoff).toBe(r.kind === 'dc' ? '18:00' : '16:00');
  });

  it('the seeded accounts work as the simulator: quotes, and a parcel to a failing postcode misses its visit', async () => {
    const [correo, express] = (await accounts()).map((r): CarrierAccountConfig => ({
      id: r.id,
      kind: 'simulator',
      name: r.name,
      settings: r.settings,
      secrets: {},
    }));
    let now = Date.parse('2025-06-10T13:00:00Z');
    const io = {
      http: { request: () => Promise.reject(new Error('no HTTP')) },
      now: () => new Date(now),
      saveSecrets: () => Promise.resolve(),
    };
    const from = { name: 'Tienda Palermo', line1: 'Honduras 4800', city: 'Buenos Aires', postalCode: 'C1414', country: 'AR' };
    const to = { name: 'Lucía Gómez', line1: 'Av. Rivadavia 5000', city: 'Buenos Aires', postalCode: 'C1406ABC', country: 'AR' };
    const req = { from, to, parcels: [{ weightGrams: 1800 }], declaredValue: { amount: 20000, currency: 'ARS' } };
    const [q1] = await simulatorCarrier.quote(correo!, req, io);
    const [q2] = await simulatorCarrier.quote(express!, req, io);
    expect(q2!.price.amount).toBeGreaterThan(q1!.price.amount);
    expect(q2!.transitDays).toBeLessThan(q1!.transitDays);

    const created = await simulatorCarrier.createShipment(
      correo!,
      {
        reference: 'AT1-1',
        orderNumber: 1,
        service: 'standard',
        from,
        to,
        parcel: { weightGrams: 1800 },
        declaredValue: req.declaredValue,
        labelFormat: 'zpl',
      },
      io,
    );
    expect(created.state).toBe('created');
    now += 10 * 60_000;
    const statuses = (await simulatorCarrier.track(correo!, [created.externalId!], io)).map((e) => e.status);
    expect(statuses).toContain('attempt_failed');
    expect(statuses.at(-1)).toBe('delivered');
  });

  it('a demo seeded before carriers existed gets them on its next start, once', async () => {
    await db.pool.query(`DELETE FROM carrier_accounts`);
    await db.pool.query(`UPDATE locations SET carrier_cutoff = NULL WHERE kind = 'store'`);
    await db.pool.query(`UPDATE locations SET carrier_cutoff = '19:30' WHERE kind = 'dc'`);
    expect(await seedDemoIfEmpty(ds, quiet, 20)).toBe(false);
    expect((await accounts()).map((r) => r.id)).toEqual(['sim-correo', 'sim-express']);
    const cutoffs = (await db.pool.query(`SELECT DISTINCT kind, carrier_cutoff FROM locations ORDER BY kind`)).rows;
    // A cut-off someone set is kept.
    expect(cutoffs).toEqual([
      { kind: 'dark_store', carrier_cutoff: '16:00' },
      { kind: 'dc', carrier_cutoff: '19:30' },
      { kind: 'store', carrier_cutoff: '16:00' },
    ]);
    // Accounts someone configured are never topped up over.
    await db.pool.query(`DELETE FROM carrier_accounts WHERE id = 'sim-express'`);
    expect(await seedDemoIfEmpty(ds, quiet, 20)).toBe(false);
    expect((await accounts()).map((r) => r.id)).toEqual(['sim-correo']);
  });
});
