import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../src/engine/db/data-source';
import { applyCarrierEvents } from '../../../src/engine/modules/shipping/apply-tracking';
import { expandIntents } from '../../../src/engine/modules/notify/workflows/expand-intents';
import { sendDueMessages } from '../../../src/engine/modules/notify/workflows/send-messages';
import type { CarrierTrackingEvent } from '../../../src/engine/ports/carrier.port';
import type { EngineEvent, NotificationMessage } from '../../../src/shared';
import { PLANNER } from '../../support/engine-under-test';
import { SUPERVISOR } from '../../support/sourcing-ops';
import { startSmtpServer, type SmtpTestServer } from '../../support/notify/smtp-server';
import { eventually } from '../../support/test-database';
import { ADMIN, startTrackingWorld, STEP_MS, type TrackingWorld } from '../../support/tracking-fixture';

/**
 * Customer messages end to end against real Postgres, Redis and a real SMTP server on loopback:
 * an order's events become messages in the order's transaction (the order_events trigger), the
 * engine's own loops send them in the customer's language, never twice; bad addresses, opt-outs,
 * temporary and permanent refusals end where they should, and a failed message can be resent.
 */
describe('customer notifications by e-mail', () => {
  let w: TrackingWorld;
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    w = await startTrackingWorld([{ location: 'loc-palermo', sku: 'NTF', onHand: 100 }]);
    await w.engine.dispatch(
      'notifications.saveProvider',
      {
        channel: 'email',
        settings: {
          host: smtp.host,
          port: smtp.port,
          security: 'none',
          from: { address: 'pedidos@tienda.example', name: 'Tienda Atalaya' },
        },
      },
      ADMIN,
    );
    const settings = await w.engine.dispatch('notifications.settings', {}, PLANNER);
    await w.engine.dispatch(
      'notifications.saveSettings',
      { ...settings, merchantName: 'Tienda Atalaya', quietHours: null, orderUrlBase: 'https://tienda.example/pedidos/' },
      ADMIN,
    );
  }, 60_000);
  afterAll(async () => {
    await w?.close();
    await smtp?.close();
  });

  const mailsTo = (address: string) => smtp.messages.filter((m) => m.rcptTo.includes(address));
  // A message is recorded as sent just before the server takes it: the server's log may trail by a moment.
  const waitMails = (address: string, n: number) =>
    eventually(async () => (mailsTo(address).length >= n ? mailsTo(address) : undefined), `${n} e-mails to ${address}`);
  const messages = (orderId: string) => w.engine.dispatch('notifications.messages', { orderId }, PLANNER);
  const waitMessage = (orderId: string, event: string, status: NotificationMessage['status']) =>
    eventually(
      async () => (await messages(orderId)).find((m) => m.event === event && m.status === status),
      `order ${orderId}: ${event} ${status}`,
      30_000,
    );
  const scan = async (shipmentId: string, code: string, status: CarrierTrackingEvent['status'], k: number) => {
    const tn = (await w.shipment(shipmentId)).tracking_number;
    const ev: CarrierTrackingEvent = {
      trackingNumber: tn,
      status,
      reason: null,
      carrierCode: code,
      carrierText: code,
      occurredAt: new Date(Date.now() + 40 * STEP_MS + k * 60_000),
    };
    await inTransaction(w.ctx.ds, (m) => applyCarrierEvents(m, shipmentId, [ev], 'poll'));
  };
  const customer = (tag: string) => ({ name: 'Lucía Fernández', email: `lucia.${tag}.${randomBytes(3).toString('hex')}@example.com` });

  it('confirmed, shipped and delivered arrive once each, in Spanish, with the tracking number and links', async () => {
    const who = customer('ok');
    const { orderId, shipmentIds } = await w.packedOrder('NTF', { customer: who });
    const number = (await w.engine.dispatch('orders.get', { id: orderId }, PLANNER)).number;
    await waitMessage(orderId, 'order.confirmed', 'sent');
    await scan(shipmentIds[0]!, 'ADM', 'in_transit', 1);
    await scan(shipmentIds[0]!, 'DLV', 'delivered', 2);
    await waitMessage(orderId, 'shipment.delivered', 'sent');
    const shipped = await waitMessage(orderId, 'shipment.shipped', 'sent');
    const tn = (await w.shipment(shipmentIds[0]!)).tracking_number;

    const mails = await waitMails(who.email, 3);
    expect(mails).toHaveLength(3);
    const byIntent = new Set(mails.map((m) => m.headers.get('x-atalaya-intent')));
    expect(byIntent.size).toBe(3);
    const ship = mails.find((m) => m.text.includes(tn))!;
    expect(ship).toBeDefined();
    expect(ship.subject).toContain(String(number));
    expect(ship.subject).toMatch(/camino|enviado|despachado/i);
    expect(ship.from).toEqual({ address: 'pedidos@tienda.example', name: 'Tienda Atalaya' });
    expect(ship.html).toContain(tn);
    expect(ship.text).toContain('Lucía');
    expect(shipped).toMatchObject({ channel: 'email', recipient: who.email, locale: 'es-AR', subject: ship.subject });

    // The loops again, and by hand: nothing is sent twice.
    await expandIntents(w.ctx);
    await sendDueMessages(w.ctx);
    expect(mailsTo(who.email)).toHaveLength(3);
    expect((await messages(orderId)).filter((m) => m.status === 'sent')).toHaveLength(3);
  });

  it('an unknown mailbox is undeliverable with the server’s reply, not retried; an address that is not one never reaches the server', async () => {
    const who = customer('gone');
    smtp.rejectRecipient(who.email);
    const heard: EngineEvent[] = [];
    const off = w.engine.onEvent((e) => heard.push(e));
    const { orderId } = await w.packedOrder('NTF', { customer: who });
    // Desks hear it live: the message made (queued), then failed — never its claim ('sending') alone.
    const told = await eventually(async () => {
      const n = heard.filter((e) => e.type === 'notifications.changed' && e.orderIds.includes(orderId));
      return n.some((e) => e.type === 'notifications.changed' && e.failed) ? n : undefined;
    }, 'desks to hear the message fail');
    off();
    expect(told.length).toBeGreaterThanOrEqual(2);
    expect(told[0]).toMatchObject({ failed: false, webhooks: false, more: false });
    const m = await waitMessage(orderId, 'order.confirmed', 'undeliverable');
    expect(m.reason).toMatch(/550|5\.1\.1|unknown/i);
    const detail = await w.engine.dispatch('notifications.message', { id: m.id }, PLANNER);
    expect(detail.attempts.map((a) => a.outcome)).toEqual(['undeliverable']);
    expect((await w.engine.dispatch('notifications.failed', { limit: 50 }, PLANNER)).map((x) => x.id)).toContain(m.id);

    const typo = { name: 'Lucía Fernández', email: `lucia.${randomBytes(3).toString('hex')}@gmail.con` };
    const second = await w.packedOrder('NTF', { customer: typo });
    const bad = await waitMessage(second.orderId, 'order.confirmed', 'undeliverable');
    expect(bad.reason).toMatch(/\.con/);
    expect(bad.attempts).toBe(0);
    expect(mailsTo(typo.email)).toHaveLength(0);
  });

  it('a temporary refusal (451) is tried again later and then sent; a permanent one (554) fails with the reply and can be resent', async () => {
    const who = customer('later');
    smtp.deferNext(1);
    const { orderId } = await w.packedOrder('NTF', { customer: who });
    const retrying = await waitMessage(orderId, 'order.confirmed', 'retrying');
    expect(retrying.reason).toMatch(/451|temporar|try/i);
    expect(new Date(retrying.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now());
    await w.db.pool.query(`UPDATE notification_messages SET next_attempt_at = now() WHERE id = $1`, [retrying.id]);
    await waitMessage(orderId, 'order.confirmed', 'sent');
    expect(await waitMails(who.email, 1)).toHaveLength(1);

    const who2 = customer('refused');
    smtp.refuseNext(1);
    const second = await w.packedOrder('NTF', { customer: who2 });
    const failed = await waitMessage(second.orderId, 'order.confirmed', 'failed');
    expect(failed.reason).toMatch(/554|rejected/i);
    await w.engine.dispatch('notifications.resend', { id: failed.id, reason: 'the customer called' }, PLANNER);
    await waitMessage(second.orderId, 'order.confirmed', 'sent');
    expect(await waitMails(who2.email, 1)).toHaveLength(1);
    // The provider's receipt joins the log at the end of the sender's pass, just after the message is sent.
    const log = await eventually(async () => {
      const l = await w.engine.dispatch('notifications.message', { id: failed.id }, PLANNER);
      return l.attempts.length >= 3 ? l : undefined;
    }, 'the resent message to have its receipt in the log');
    expect(log.attempts.map((a) => a.outcome)).toEqual(['failed', 'resend', 'sent']);
    expect(log.attempts[1]).toMatchObject({ actor: PLANNER.name, reply: 'the customer called' });
  });

  it('a customer who opted out of e-mail is not written to: the message is kept as suppressed, with why', async () => {
    const who = customer('quiet');
    await w.engine.dispatch('notifications.savePreferences', { customerKey: who.email, optedOut: ['email'] }, PLANNER);
    const { orderId } = await w.packedOrder('NTF', { customer: who });
    const m = await waitMessage(orderId, 'order.confirmed', 'suppressed');
    expect(m.reason).toMatch(/opted out of email/);
    expect(mailsTo(who.email)).toHaveLength(0);
  });

  it('a pickup code in a message is shown to supervisors only (as the pickup itself is)', async () => {
    const { orderId } = await w.packedOrder('NTF', { customer: customer('pickup') });
    await w.db.pool.query(
      `INSERT INTO notification_messages (id, key, event, order_id, channel, recipient, locale, view, status, subject, preview)
       VALUES (gen_random_uuid(), $2, 'order.ready_for_pickup', $1, 'email', 'x@example.com', 'es-AR', '{"pickupCode":"K7Q2M9"}', 'suppressed',
               'Código K7Q2M9', 'Mostrá el código K7Q2M9 en el local')`,
      [orderId, `pickup-test:${orderId}`],
    );
    const find = (list: NotificationMessage[]) => list.find((m) => m.event === 'order.ready_for_pickup')!;
    const planner = find(await w.engine.dispatch('notifications.messages', { orderId }, PLANNER));
    expect(planner.preview).toBe('Mostrá el código •••••• en el local');
    expect(planner.subject).toBe('Código ••••••');
    const supervisor = find(await w.engine.dispatch('notifications.messages', { orderId }, SUPERVISOR));
    expect(supervisor.preview).toContain('K7Q2M9');
  });
});
