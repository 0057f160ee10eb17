import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { openDatabase, type Db } from '../../src/engine/db/data-source';
import { SYSTEM_ACTOR, type ModuleContext } from '../../src/engine/kernel/context';
import { buyReturnLabels, nextBusinessDay, watchReturnParcels } from '../../src/engine/modules/returns/workflows/carrier-labels';
import type { Return } from '../../src/shared';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { ASSOCIATE, migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { anOrder, seedFixture } from '../support/fixtures';
import { startSmtpServer, type SmtpTestServer } from '../support/notify/smtp-server';
import { createTestDatabase, eventually, type TestDatabase } from '../support/test-database';
import { ADMIN, STEP_MS } from '../support/tracking-fixture';

const LOC = 'loc-palermo';
const PUBLIC = 'https://oms.tienda.example';

/**
 * Return labels bought from a carrier (the built-in simulator, through the carrier port) and sent
 * to the customer as a link; the carrier's first scan moves the return to in transit and, gated
 * there, refunds it. A carrier that will not make the label still lets the customer know.
 */
describe('return labels through the carrier port', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let ds: Db;
  let ctx: ModuleContext;
  let smtp: SmtpTestServer;
  const accountId = `sim-ret-${randomBytes(3).toString('hex')}`;
  let offset = 0;
  const saveCarrier = () =>
    engine.dispatch(
      'carriers.save',
      {
        id: accountId,
        kind: 'simulator',
        name: 'Correo Simulado',
        settings: { stepSeconds: String(STEP_MS / 1000), labels: 'sync', rules: '', clockOffsetMs: String(offset) },
        secrets: { webhookSecret: 'whsec-returns' },
      },
      ADMIN,
    );

  const deliveredOrder = async (sku: string, units: number) => {
    const { order } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ lines: [{ sku, quantity: units, unitPrice: 20_000 }] }) },
      PLANNER,
    );
    await eventually(
      async () => ((await engine.dispatch('orders.get', { id: order.id }, PLANNER)).status === 'sourced' ? true : undefined),
      'sourced',
    );
    for (const to of ['picked', 'packed', 'shipped', 'delivered'] as const)
      await engine.dispatch('orders.advance', { id: order.id, to }, PLANNER);
    return order;
  };
  const getReturn = async (id: string) => (await engine.dispatch('returns.get', { id }, PLANNER))!;
  const labelled = (id: string) =>
    eventually(
      async () => {
        await buyReturnLabels(ctx, SYSTEM_ACTOR);
        const r = (await getReturn(id)).return;
        return r.carrierLabel && r.carrierLabel.status !== 'pending' ? r : undefined;
      },
      'the return label bought (or given up)',
      30_000,
    );

  beforeAll(async () => {
    process.env.ATALAYA_SECRET_KEY ??= randomBytes(32).toString('base64');
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [{ location: LOC, sku: 'RL-A', onHand: 50 }]);
    await db.pool.query(`UPDATE products SET weight_grams = 800 WHERE sku = 'RL-A'`);
    engine = await startTestEngine(db.url, { workers: true });
    app = await buildHttpApp(engine, { apiActor: API_ACTOR });
    ds = await openDatabase({ url: db.url, poolSize: 4 });
    ctx = { ds, log: pino({ level: 'silent' }), config: engine.config } as unknown as ModuleContext;
    smtp = await startSmtpServer();
    await engine.dispatch(
      'notifications.saveProvider',
      {
        channel: 'email',
        settings: { host: smtp.host, port: smtp.port, security: 'none', from: { address: 'pedidos@tienda.example', name: 'Tienda' } },
      },
      ADMIN,
    );
    const ns = await engine.dispatch('notifications.settings', {}, PLANNER);
    await engine.dispatch('notifications.saveSettings', { ...ns, merchantName: 'Tienda', quietHours: null }, ADMIN);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await ds?.destroy();
    await engine?.close();
    await db?.drop();
  });

  it('bought at approval, linked in the approval e-mail, downloadable by its token only; the first scan puts it in transit and refunds it', async () => {
    const order = await deliveredOrder('RL-A', 2);
    await saveCarrier();
    const settings = await engine.dispatch('returns.settings', {}, ADMIN);
    await engine.dispatch(
      'returns.saveSettings',
      { ...settings, refundGate: 'first_scan', returnCarrier: { accountId, service: 'standard', publicUrl: `${PUBLIC}/` } },
      ADMIN,
    );
    const r: Return = await engine.dispatch(
      'returns.request',
      { orderId: order.id, lines: [{ sku: 'RL-A', quantity: 2, reason: 'changed_mind' }], method: 'carrier_label', locationId: LOC },
      PLANNER,
    );
    expect(r.status).toBe('approved');
    expect(r.carrierLabel).toMatchObject({ status: 'pending', carrierAccountId: accountId, url: null });
    // Not told yet: the approval goes to the customer with the label.
    const timeline = async () => (await engine.dispatch('orders.get', { id: order.id }, PLANNER)).timeline.map((e) => e.type);
    expect(await timeline()).toContain('return.label_ordered');
    expect(await timeline()).not.toContain('return.approved');

    const bought = await labelled(r.id);
    expect(bought.carrierLabel).toMatchObject({ status: 'created', firstScanAt: null, error: null });
    expect(bought.carrierLabel!.trackingNumber).toMatch(/\S/);
    expect(bought.carrierLabel!.url).toMatch(new RegExp(`^${PUBLIC}/api/v1/returns/labels/[A-Za-z0-9_-]{32}$`));
    expect(await timeline()).toContain('return.approved');

    // The customer's link gives the carrier's PDF; a made-up token the same 404 as a wrong one.
    const path = new URL(bought.carrierLabel!.url!).pathname;
    const pdf = await app.inject({ method: 'GET', url: path });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('no-store');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const guessed = await app.inject({ method: 'GET', url: `/api/v1/returns/labels/${'A'.repeat(32)}` });
    expect(guessed.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/returns/labels/short' })).statusCode).toBe(404);

    // The approval e-mail, in Spanish, with the link and the carrier.
    const mail = await eventually(
      async () => smtp.messages.find((x) => x.subject === `Aprobamos tu devolución R-${r.number} del pedido #${order.number}`),
      'the approval e-mail',
    );
    // The button's link, as the HTML escapes it (&#x2F; is a slash to every mail client).
    expect(mail.html.replaceAll('&#x2F;', '/')).toContain(`href="${bought.carrierLabel!.url!}"`);
    expect(mail.text).toContain('Descargá la etiqueta');

    // Nothing moves before the carrier has the parcel.
    expect(await watchReturnParcels(ctx, SYSTEM_ACTOR)).toBe(0);
    offset += 2 * STEP_MS;
    await saveCarrier();
    expect(await watchReturnParcels(ctx, SYSTEM_ACTOR)).toBe(1);
    const moving = (await getReturn(r.id)).return;
    expect(moving).toMatchObject({ status: 'in_transit', refundedAmount: 40_000 });
    expect(moving.carrierLabel!.firstScanAt).not.toBeNull();
    expect(await watchReturnParcels(ctx, SYSTEM_ACTOR)).toBe(0);
    expect(await timeline()).toEqual(expect.arrayContaining(['return.in_transit', 'refund.issued']));

    // Received later at the store: into returns stock, refunded once only.
    const received = await engine.dispatch(
      'returns.receive',
      { id: r.id, locationId: LOC, lines: [{ lineNo: 1, outcome: 'received', quantity: 2 }] },
      ASSOCIATE,
    );
    expect(received).toMatchObject({ status: 'received', refundedAmount: 40_000 });
    const history = (await getReturn(r.id)).events.map((e) => e.type);
    expect(history.filter((t) => t === 'refund.issued')).toHaveLength(1);
    expect(history).toEqual(
      expect.arrayContaining(['return.label_ordered', 'return.label_created', 'return.in_transit', 'return.received']),
    );
    // A received return's link no longer gives the label.
    expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
  }, 120_000);

  it('a courier pickup is booked with the label for the next business day, and the customer is told the day', async () => {
    const order = await deliveredOrder('RL-A', 1);
    const settings = await engine.dispatch('returns.settings', {}, ADMIN);
    await engine.dispatch(
      'returns.saveSettings',
      { ...settings, refundGate: 'inspection', returnCarrier: { accountId, service: 'standard', publicUrl: PUBLIC } },
      ADMIN,
    );
    const r: Return = await engine.dispatch(
      'returns.request',
      { orderId: order.id, lines: [{ sku: 'RL-A', quantity: 1, reason: 'changed_mind' }], method: 'courier_pickup', locationId: LOC },
      PLANNER,
    );
    const booked = await labelled(r.id);
    expect(booked.carrierLabel).toMatchObject({ status: 'created', pickupDate: nextBusinessDay(new Date()) });
    expect(booked.carrierLabel!.pickupConfirmation).toMatch(/^SIM-PU-\d{8}-/);
    const mail = await eventually(
      async () => smtp.messages.find((x) => x.subject === `Aprobamos tu devolución R-${r.number} del pedido #${order.number}`),
      'the approval e-mail',
    );
    expect(mail.text).toContain('Lo retiramos en tu domicilio el');
    expect(mail.text).not.toContain('llevalo a una sucursal');
  }, 120_000);

  it('a carrier that will not make the label: the customer is told of the approval without it, the return says why', async () => {
    const order = await deliveredOrder('RL-A', 1);
    const settings = await engine.dispatch('returns.settings', {}, ADMIN);
    await engine.dispatch(
      'returns.saveSettings',
      { ...settings, returnCarrier: { accountId, service: 'teleport', publicUrl: PUBLIC } },
      ADMIN,
    );
    const r: Return = await engine.dispatch(
      'returns.request',
      { orderId: order.id, lines: [{ sku: 'RL-A', quantity: 1, reason: 'changed_mind' }], method: 'carrier_label', locationId: LOC },
      PLANNER,
    );
    const failed = await labelled(r.id);
    expect(failed.carrierLabel).toMatchObject({ status: 'failed', url: null });
    expect(failed.carrierLabel!.error).toContain('teleport');
    const timeline = (await engine.dispatch('orders.get', { id: order.id }, PLANNER)).timeline;
    const approved = timeline.find((e) => e.type === 'return.approved');
    expect(approved?.data).not.toHaveProperty('returnLabelUrl');
    expect((await getReturn(r.id)).events.map((e) => e.type)).toContain('return.label_failed');
  }, 120_000);
});
