import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Actor, Engine } from '../../src/engine';
import { openDatabase, type Db } from '../../src/engine/db/data-source';
import type { ModuleContext } from '../../src/engine/kernel/context';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import type { OrderInput, ShipmentStatus } from '../../src/shared';
import { ASSOCIATE, PLANNER, startFixtureEngine } from './engine-under-test';
import { anOrder } from './fixtures';
import { waitForStatus } from './sourcing-ops';
import { eventually, type TestDatabase } from './test-database';

export const ADMIN: Actor = { id: 'u-admin', name: 'Admin', role: 'admin' };
/** One simulated step: an hour, so the real clock never moves a parcel during a test; tests move the simulator's clock. */
export const STEP_MS = 3_600_000;

/**
 * A tracking test's world: an engine with workers (sourcing, the label worker, the tracking loops)
 * on its own database, its HTTP app, one simulator carrier account whose clock the test moves, and
 * a module context on the same database to call the tracking passes directly.
 */
export interface TrackingWorld {
  db: TestDatabase;
  engine: Engine;
  app: FastifyInstance;
  ctx: ModuleContext;
  accountId: string;
  secret: string;
  /** Moves the simulator's clock `steps` steps forward (parcels labelled now are that far along their journey). */
  advance(steps: number): Promise<void>;
  /** A home-delivery order for `sku`, sourced, picked and packed into `parcels` parcels; waits for each label (shipment `ready`). */
  packedOrder(
    sku: string,
    opts?: { parcels?: number; postalCode?: string; customer?: OrderInput['customer'] },
  ): Promise<{ orderId: string; shipmentIds: string[] }>;
  /** Makes these shipments due for a poll now. */
  due(...shipmentIds: string[]): Promise<void>;
  shipment(id: string): Promise<{ status: ShipmentStatus; tracking_number: string; next_poll_at: Date | null; order_id: string }>;
  close(): Promise<void>;
}

export async function startTrackingWorld(
  stock: { location: string; sku: string; onHand: number }[],
  opts: { rules?: string } = {},
): Promise<TrackingWorld> {
  process.env.ATALAYA_SECRET_KEY ??= randomBytes(32).toString('base64');
  const { db, engine } = await startFixtureEngine(stock, { redisUrl: process.env.REDIS_URL });
  const app = await buildHttpApp(engine, { apiActor: API_ACTOR });
  const ds: Db = await openDatabase({ url: db.url, poolSize: 6 });
  const ctx = { ds, log: pino({ level: 'silent' }), config: engine.config } as unknown as ModuleContext;
  const accountId = `sim-${randomBytes(3).toString('hex')}`;
  const secret = `whsec-${randomBytes(8).toString('hex')}`;
  let offset = 0;
  const save = () =>
    engine.dispatch(
      'carriers.save',
      {
        id: accountId,
        kind: 'simulator',
        name: 'Correo Simulado',
        settings: { stepSeconds: String(STEP_MS / 1000), labels: 'sync', rules: opts.rules ?? '', clockOffsetMs: String(offset) },
        secrets: { webhookSecret: secret },
      },
      ADMIN,
    );
  await save();
  await db.pool.query(`INSERT INTO print_stations (id, name) VALUES ($1, 'Expedición') ON CONFLICT (id) DO NOTHING`, [
    engine.config.stationId,
  ]);

  const world: TrackingWorld = {
    db,
    engine,
    app,
    ctx,
    accountId,
    secret,
    async advance(steps) {
      offset += steps * STEP_MS;
      await save();
    },
    async packedOrder(sku, o = {}) {
      const parcels = o.parcels ?? 1;
      const input: OrderInput = anOrder({
        lines: [{ sku, quantity: parcels, unitPrice: 10_000 }],
        ...(o.customer ? { customer: o.customer } : {}),
        shipTo: {
          line1: 'Av. Santa Fe 3253',
          city: 'Buenos Aires',
          region: 'CABA',
          postalCode: o.postalCode ?? '1425',
          country: 'AR',
          lat: -34.588,
          lng: -58.41,
        },
      });
      const { order } = await engine.dispatch('orders.create', { order: input }, PLANNER);
      await waitForStatus(engine, order.id, 'sourced');
      await engine.dispatch('fulfilment.shortPick', { orderId: order.id, picked: [{ sku, quantity: parcels }] }, ASSOCIATE);
      await waitForStatus(engine, order.id, 'picked');
      await engine.dispatch(
        'packing.pack',
        { orderId: order.id, print: false, parcels: Array.from({ length: parcels }, () => ({ lines: [{ sku, quantity: 1 }] })) },
        ASSOCIATE,
      );
      const ids = await eventually(
        async () => {
          const r = await db.pool.query(`SELECT id, status FROM shipments WHERE order_id = $1 ORDER BY created_at, id`, [order.id]);
          return r.rows.length === parcels && r.rows.every((s: { status: string }) => s.status === 'ready')
            ? r.rows.map((s: { id: string }) => s.id)
            : undefined;
        },
        `the labels of order ${order.id} (shipments ready)`,
        30_000,
      );
      return { orderId: order.id, shipmentIds: ids };
    },
    async due(...ids) {
      await db.pool.query(`UPDATE shipments SET next_poll_at = now() - interval '1 second' WHERE id = ANY($1::uuid[])`, [ids]);
    },
    async shipment(id) {
      return (await db.pool.query(`SELECT status, tracking_number, next_poll_at, order_id FROM shipments WHERE id = $1`, [id])).rows[0];
    },
    async close() {
      await app.close();
      await engine.close();
      await ds.destroy();
      await db.drop();
    },
  };
  return world;
}
