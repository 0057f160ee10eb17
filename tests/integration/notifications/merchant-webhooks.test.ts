import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../src/engine/db/data-source';
import { applyCarrierEvents } from '../../../src/engine/modules/shipping/apply-tracking';
import type { CarrierTrackingEvent } from '../../../src/engine/ports/carrier.port';
import type { NotificationMessage } from '../../../src/shared';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/notify/webhook-receiver';
import { eventually } from '../../support/test-database';
import { ADMIN, startTrackingWorld, STEP_MS, type TrackingWorld } from '../../support/tracking-fixture';

/**
 * Merchant webhooks end to end: an endpoint registered in the engine gets each subscribed event,
 * signed (the receiver verifies HMAC-SHA256 over the raw body and the timestamp), once; a 500 is
 * retried, a 410 turns the endpoint off, and a delivery can be replayed with the same body.
 */
describe('merchant webhooks', () => {
  let w: TrackingWorld;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    w = await startTrackingWorld([{ location: 'loc-palermo', sku: 'WHK', onHand: 100 }]);
    // The secret is made by the engine and shown once: registered first, then the receiver learns it.
    const first = await w.engine.dispatch(
      'notifications.saveEndpoint',
      { id: 'erp-main', url: 'http://127.0.0.1:9/hooks', events: ['shipment.shipped', 'shipment.delivered', 'order.cancelled'] },
      ADMIN,
    );
    expect(first.secret).toMatch(/^whsec_/);
    receiver = await startWebhookReceiver({ secrets: [first.secret!] });
    const again = await w.engine.dispatch(
      'notifications.saveEndpoint',
      { id: 'erp-main', url: receiver.url, events: ['shipment.shipped', 'shipment.delivered', 'order.cancelled'] },
      ADMIN,
    );
    expect(again.secret).toBeNull(); // the secret stays; it is never read back
    expect(JSON.stringify(await w.engine.dispatch('notifications.endpoints', {}, ADMIN))).not.toContain(first.secret!);
  }, 60_000);
  afterAll(async () => {
    await w?.close();
    await receiver?.close();
  });

  const deliveries = (orderId: string) =>
    w.engine.dispatch('notifications.deliveries', { limit: 500 }, ADMIN).then((all) => all.filter((d) => d.orderId === orderId));
  const waitDelivery = (orderId: string, event: string, status: NotificationMessage['status']) =>
    eventually(
      async () => (await deliveries(orderId)).find((d) => d.event === event && d.status === status),
      `order ${orderId}: webhook ${event} ${status}`,
      30_000,
    );
  const scan = async (shipmentId: string, code: string, status: CarrierTrackingEvent['status'], k: number) => {
    const ev: CarrierTrackingEvent = {
      trackingNumber: (await w.shipment(shipmentId)).tracking_number,
      status,
      reason: null,
      carrierCode: code,
      carrierText: code,
      occurredAt: new Date(Date.now() + 50 * STEP_MS + k * 60_000),
    };
    await inTransaction(w.ctx.ds, (m) => applyCarrierEvents(m, shipmentId, [ev], 'poll'));
  };

  it('sends each subscribed event once, signed, with the order and the parcel; a replay sends the same body again', async () => {
    const { orderId, shipmentIds } = await w.packedOrder('WHK');
    await scan(shipmentIds[0]!, 'ADM', 'in_transit', 1);
    const shipped = await waitDelivery(orderId, 'shipment.shipped', 'sent');
    const got = receiver.deliveries.filter((d) => d.body.includes(orderId));
    expect(got).toHaveLength(1);
    expect(receiver.verdicts.every((v) => v.ok)).toBe(true);
    const body = JSON.parse(got[0]!.body);
    expect(got[0]).toMatchObject({ event: 'shipment.shipped', delivery: body.id });
    expect(body).toMatchObject({
      event: 'shipment.shipped',
      order: { id: orderId },
      shipment: { id: shipmentIds[0], status: 'in_transit', trackingNumber: (await w.shipment(shipmentIds[0]!)).tracking_number },
    });
    // Not subscribed: no "order.confirmed" delivery.
    expect((await deliveries(orderId)).map((d) => d.event)).toEqual(['shipment.shipped']);

    const before = receiver.verdicts.length;
    await w.engine.dispatch('notifications.resend', { id: shipped.id, reason: 'the ERP lost it' }, ADMIN);
    await eventually(async () => (receiver.verdicts.length > before ? true : undefined), 'the replay to arrive');
    await waitDelivery(orderId, 'shipment.shipped', 'sent');
    expect(receiver.verdicts.slice(before).every((v) => v.ok)).toBe(true);
  });

  it('a 500 is tried again later; a 410 turns the endpoint off and nothing more is sent to it', async () => {
    const { orderId, shipmentIds } = await w.packedOrder('WHK');
    receiver.failNext({ status: 500, body: { error: 'db down' } }, 1);
    await scan(shipmentIds[0]!, 'ADM', 'in_transit', 1);
    const retrying = await waitDelivery(orderId, 'shipment.shipped', 'retrying');
    expect(retrying.reason).toMatch(/500/);
    await w.db.pool.query(`UPDATE notification_messages SET next_attempt_at = now() WHERE id = $1`, [retrying.id]);
    await waitDelivery(orderId, 'shipment.shipped', 'sent');

    receiver.failNext({ status: 410 }, 1);
    await scan(shipmentIds[0]!, 'DLV', 'delivered', 2);
    const gone = await waitDelivery(orderId, 'shipment.delivered', 'failed');
    expect(gone.reason).toMatch(/410/);
    const [endpoint] = await w.engine.dispatch('notifications.endpoints', {}, ADMIN);
    expect(endpoint).toMatchObject({ id: 'erp-main', enabled: false, disabledReason: expect.stringMatching(/410/) });

    const other = await w.packedOrder('WHK');
    await scan(other.shipmentIds[0]!, 'ADM', 'in_transit', 1);
    await eventually(
      async () =>
        (
          await w.db.pool.query(
            `SELECT 1 FROM notification_outbox WHERE order_id = $1 AND expanded_at IS NOT NULL AND event = 'shipment.shipped'`,
            [other.orderId],
          )
        ).rowCount
          ? true
          : undefined,
      'the shipped event to be expanded',
    );
    expect(await deliveries(other.orderId)).toEqual([]);
  });
});
