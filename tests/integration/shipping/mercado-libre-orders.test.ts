import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import { API_ACTOR } from '../../../src/server/actors';
import { buildHttpApp } from '../../../src/server/http-app';
import { startMercadoEnviosServer, type MercadoEnviosServer } from '../../support/carriers/mercadoenvios-server';
import type { TestDatabase } from '../../support/test-database';
import { ADMIN, PLANNER, packedOrder, shipmentsIn, simulatorAccount, startShippingEngine } from './shipping-fixture';

/**
 * Mercado Libre orders through the engine: one whose shipment Mercado Libre made with the sale
 * (its id kept as the order's `shipment:<id>` tag by the channel) ships with the Mercado Envíos
 * account — its label waits until ML has the shipment ready to ship, and is ML's own; one whose
 * seller arranges the shipping (no ML shipment) is rate-shopped like any other order.
 */
describe('Mercado Libre orders and Mercado Envíos', () => {
  let db: TestDatabase;
  let engine: Engine;
  let ml: MercadoEnviosServer;
  let app: Awaited<ReturnType<typeof buildHttpApp>>;
  let base: string;
  const webhookToken = 'ml-hook-4d1f0b7e9a2c';

  beforeAll(async () => {
    ({ db, engine } = await startShippingEngine());
    ml = await startMercadoEnviosServer();
    await engine.dispatch(
      'carriers.save',
      {
        id: 'ml-envios',
        kind: 'mercadoenvios',
        name: 'Mercado Envíos',
        settings: { apiBaseUrl: ml.url, applicationId: ml.appId, sellerId: ml.sellerId },
        secrets: { clientSecret: ml.clientSecret, refreshToken: ml.refreshToken, accessToken: ml.accessToken, webhookToken },
      },
      ADMIN,
    );
    await simulatorAccount(engine, 'sim-ml', {}, { name: 'Correo Simulado' });
    app = await buildHttpApp(engine, { apiActor: API_ACTOR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await engine?.close();
    await ml?.close();
    await db?.drop();
  });

  it("ships an order whose shipment ML made with Mercado Envíos, with ML's label once ML has it ready", async () => {
    const sale = ml.addShipment('ML-SALE-1');
    const { order } = await packedOrder(engine, 1, { channel: 'mercadolibre', tags: ['paid', `shipment:${sale.id}`] });
    // ML is still handling it: no label to print yet.
    const [pending] = await shipmentsIn(engine, order.id, 'label_pending', 1, 30_000);
    expect(pending).toMatchObject({ carrierAccountId: 'ml-envios', carrier: 'mercadoenvios' });
    const { decisions } = await engine.dispatch('shipping.forOrder', { orderId: order.id }, PLANNER);
    expect(decisions[0]!.options.find((o) => o.carrierAccountId === 'sim-ml')?.excluded).toMatch(/Mercado Envíos/);

    // ML makes it ready and notifies the app's URL (ML signs nothing: the URL's token is the proof).
    ml.move(sale.id, 'ready_to_ship', 'ready_to_print');
    const notify = (token: string) =>
      fetch(`${base}/api/v1/carriers/ml-envios/webhook?token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          _id: `n-${sale.id}`,
          resource: `/shipments/${sale.id}`,
          user_id: Number(ml.sellerId),
          topic: 'shipments',
          application_id: Number(ml.appId),
          attempts: 1,
          sent: new Date().toISOString(),
          received: new Date().toISOString(),
        }),
      });
    expect((await notify('not-the-token')).status).toBe(401);
    expect((await notify(webhookToken)).status).toBe(200);
    // The label is asked for at once, not at the next check minutes later.
    const [ready] = await shipmentsIn(engine, order.id, 'ready', 1, 30_000);
    expect(ready!.trackingNumber).toBeTruthy();
    expect(ml.requests.some((r) => r.path.startsWith('/shipment_labels'))).toBe(true);
  }, 90_000);

  it('rate-shops an order whose seller arranges the shipping (no ML shipment) like any other', async () => {
    const { order } = await packedOrder(engine, 1, { channel: 'mercadolibre', tags: ['paid'] });
    const [s] = await shipmentsIn(engine, order.id, 'ready', 1, 30_000);
    expect(s).toMatchObject({ carrierAccountId: 'sim-ml', carrier: 'simulator' });
    const { decisions } = await engine.dispatch('shipping.forOrder', { orderId: order.id }, PLANNER);
    expect(decisions[0]!.options.find((o) => o.carrierAccountId === 'ml-envios')?.excluded).toMatch(/Mercado Libre made/);
  });
});
