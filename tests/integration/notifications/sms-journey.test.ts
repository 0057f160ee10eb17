import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueMessages } from '../../../src/engine/modules/notify/workflows/send-messages';
import type { NotificationMessage } from '../../../src/shared';
import { PLANNER } from '../../support/engine-under-test';
import { anOrder } from '../../support/fixtures';
import { startSmsServer, type SmsServer } from '../../support/notify/sms-server';
import { eventually } from '../../support/test-database';
import { ADMIN, startTrackingWorld, type TrackingWorld } from '../../support/tracking-fixture';

/**
 * SMS end to end through the engine, against real Postgres and Redis and the loopback SMS gateway:
 * a customer who prefers SMS gets the order's confirmation in Spanish at their number made E.164;
 * a number that is not one — caught by the engine, or refused by the gateway — is undeliverable
 * with why, and never tried again.
 */
describe('customer notifications by SMS', () => {
  let w: TrackingWorld;
  let sms: SmsServer;

  beforeAll(async () => {
    sms = await startSmsServer();
    w = await startTrackingWorld([{ location: 'loc-palermo', sku: 'SMJ', onHand: 500 }]);
    await w.engine.dispatch(
      'notifications.saveProvider',
      { channel: 'sms', settings: { baseUrl: sms.url, from: 'TIENDA' }, secrets: { token: sms.token } },
      ADMIN,
    );
    const settings = await w.engine.dispatch('notifications.settings', {}, PLANNER);
    await w.engine.dispatch(
      'notifications.saveSettings',
      { ...settings, merchantName: 'Tienda Atalaya', quietHours: null, defaultChannels: ['email'] },
      ADMIN,
    );
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    await sms?.close();
  });

  const waitMessage = (orderId: string, status: NotificationMessage['status']) =>
    eventually(
      async () =>
        (await w.engine.dispatch('notifications.messages', { orderId }, PLANNER)).find(
          (m) => m.event === 'order.confirmed' && m.status === status,
        ),
      `order ${orderId}: order.confirmed ${status}`,
      30_000,
    );

  /** A customer who prefers SMS (the shop's default is e-mail) orders with this phone as typed. */
  const orderWithPhone = async (phone: string) => {
    const email = `juan.${randomBytes(4).toString('hex')}@example.com`;
    await w.engine.dispatch('notifications.savePreferences', { customerKey: email, channels: ['sms'] }, PLANNER);
    const { order } = await w.engine.dispatch(
      'orders.create',
      { order: anOrder({ customer: { name: 'Juan Pérez', email, phone }, lines: [{ sku: 'SMJ', quantity: 1, unitPrice: 8_000 }] }) },
      PLANNER,
    );
    return order;
  };
  const local = () => String(1000 + Math.floor(Math.random() * 9000));

  it('the confirmation reaches the gateway once, at the E.164 number, in Spanish, with the key as its reference', async () => {
    const n = local();
    const order = await orderWithPhone(`(011) 15 5555-${n}`);
    const sent = await waitMessage(order.id, 'sent');
    const e164 = `+549115555${n}`;
    const key = `order.confirmed:${order.id}:sms`;
    const got = await eventually(async () => sms.sent.find((s) => s.reference === key), `the gateway to receive ${key}`);
    expect(got).toMatchObject({ to: e164, from: 'TIENDA', idempotencyKey: key });
    expect(got.text).toBe(`Tienda Atalaya: recibimos tu pedido #${order.number} y ya lo estamos preparando. Te avisamos cuando salga.`);
    expect(sent).toMatchObject({ channel: 'sms', recipient: e164, locale: 'es-AR', preview: got.text, attempts: 1 });
    const detail = await w.engine.dispatch('notifications.message', { id: sent.id }, PLANNER);
    expect(detail.attempts.map((a) => a.outcome)).toEqual(['sent']);
    expect(detail.attempts[0]!.reply).toMatch(/^HTTP 202/);
    const provider = (await w.db.pool.query(`SELECT provider_id FROM notification_messages WHERE id = $1`, [sent.id])).rows[0];
    expect(provider.provider_id).toBe(got.id);

    // Another pass of the sender sends nothing again.
    await sendDueMessages(w.ctx);
    expect(sms.sent.filter((s) => s.to === e164)).toHaveLength(1);
  });

  it('a phone that is not a number is undeliverable with why and never reaches the gateway', async () => {
    const before = sms.http.requests.length;
    const order = await orderWithPhone('no tengo celular');
    const m = await waitMessage(order.id, 'undeliverable');
    expect(m).toMatchObject({ channel: 'sms', recipient: 'no tengo celular', reason: 'not a phone number', attempts: 0 });
    const landline = await orderWithPhone('0800 555 1234');
    expect(await waitMessage(landline.id, 'undeliverable')).toMatchObject({ reason: 'not a mobile number', attempts: 0 });
    expect(sms.http.requests.length).toBe(before);
  });

  it('a number the gateway refuses (422 invalid_number) is undeliverable with the gateway’s words, listed as failed, and not retried', async () => {
    const n = local();
    const e164 = `+549115555${n}`;
    sms.invalidNumbers.add(e164);
    const order = await orderWithPhone(`11 15 5555-${n}`);
    const m = await waitMessage(order.id, 'undeliverable');
    expect(m).toMatchObject({ recipient: e164, attempts: 1, nextAttemptAt: null });
    expect(m.reason).toMatch(/invalid_number|cannot send to this number/);
    const detail = await w.engine.dispatch('notifications.message', { id: m.id }, PLANNER);
    expect(detail.attempts.map((a) => a.outcome)).toEqual(['undeliverable']);
    expect(detail.attempts[0]!.reply).toMatch(/422/);
    expect((await w.engine.dispatch('notifications.failed', { limit: 50 }, PLANNER)).map((x) => x.id)).toContain(m.id);

    const tried = () => sms.http.requests.filter((r) => r.body.includes(e164)).length;
    expect(tried()).toBe(1);
    await sendDueMessages(w.ctx);
    expect(tried()).toBe(1);
    expect((await w.engine.dispatch('notifications.message', { id: m.id }, PLANNER)).message).toMatchObject({
      status: 'undeliverable',
      attempts: 1,
    });
  });
});
