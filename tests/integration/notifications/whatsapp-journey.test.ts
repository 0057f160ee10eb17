import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWhatsAppWebhook } from '../../../src/engine/adapters/notify/whatsapp-webhook';
import type { NotificationMessage } from '../../../src/shared';
import { PLANNER } from '../../support/engine-under-test';
import { anOrder } from '../../support/fixtures';
import { startWhatsAppServer, type WhatsAppSent, type WhatsAppServer } from '../../support/notify/whatsapp-server';
import { postStatusWebhook, statusWebhookBody, type StatusSpec } from '../../support/notify/whatsapp-statuses';
import { eventually } from '../../support/test-database';
import { ADMIN, startTrackingWorld, type TrackingWorld } from '../../support/tracking-fixture';

/**
 * WhatsApp end to end through the engine, against real Postgres and Redis, the loopback Cloud API
 * and the engine's own HTTP host: an order confirmed reaches a customer who prefers WhatsApp as the
 * approved template in their language, recorded sent with Meta's wamid; Meta's signed status
 * webhooks then make messages delivered or failed — only forwards, once, never for a forged or an
 * unknown one — and Meta's verification of the webhook URL gets its challenge only with our token.
 */
describe('customer notifications on WhatsApp, with Meta’s delivery receipts', () => {
  const APP_SECRET = `appsecret_${randomBytes(16).toString('hex')}`;
  const VERIFY_TOKEN = `verify-${randomBytes(8).toString('hex')}`;
  let w: TrackingWorld;
  let wa: WhatsAppServer;
  let hook: string;

  beforeAll(async () => {
    wa = await startWhatsAppServer({ order_confirmed: { languages: ['es_AR', 'es', 'en', 'pt_BR'], bodyParams: 2 } });
    w = await startTrackingWorld([{ location: 'loc-palermo', sku: 'WAJ', onHand: 500 }]);
    await w.engine.dispatch(
      'notifications.saveProvider',
      {
        channel: 'whatsapp',
        settings: { baseUrl: wa.url, apiVersion: wa.apiVersion, phoneNumberId: wa.phoneNumberId },
        secrets: { accessToken: wa.token, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN },
      },
      ADMIN,
    );
    const settings = await w.engine.dispatch('notifications.settings', {}, PLANNER);
    await w.engine.dispatch(
      'notifications.saveSettings',
      { ...settings, merchantName: 'Tienda Atalaya', quietHours: null, defaultChannels: ['email'] },
      ADMIN,
    );
    const base = await w.app.listen({ port: 0, host: '127.0.0.1' });
    hook = `${base}/api/v1/notify/whatsapp`;
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    await wa?.close();
  });

  const message = (id: string) => w.engine.dispatch('notifications.message', { id }, PLANNER);
  const waitMessage = (orderId: string, status: NotificationMessage['status']) =>
    eventually(
      async () =>
        (await w.engine.dispatch('notifications.messages', { orderId }, PLANNER)).find(
          (m) => m.event === 'order.confirmed' && m.status === status,
        ),
      `order ${orderId}: order.confirmed ${status}`,
      30_000,
    );
  const row = async (id: string) =>
    (await w.db.pool.query(`SELECT status, provider_id, delivered_at, reason FROM notification_messages WHERE id = $1`, [id])).rows[0] as {
      status: string;
      provider_id: string | null;
      delivered_at: Date | null;
      reason: string | null;
    };

  /** A customer who prefers WhatsApp (the shop's default is e-mail) orders; answers the order and its sent message. */
  const confirmedOnWhatsApp = async (tag: string) => {
    const email = `ana.${tag}.${randomBytes(3).toString('hex')}@example.com`;
    const local = String(1000 + Math.floor(Math.random() * 9000));
    await w.engine.dispatch('notifications.savePreferences', { customerKey: email, channels: ['whatsapp'] }, PLANNER);
    const { order } = await w.engine.dispatch(
      'orders.create',
      {
        order: anOrder({
          customer: { name: 'Ana Gómez', email, phone: `011 15 5555-${local}` },
          lines: [{ sku: 'WAJ', quantity: 1, unitPrice: 10_000 }],
        }),
      },
      PLANNER,
    );
    const sent = await waitMessage(order.id, 'sent');
    const key = `order.confirmed:${order.id}:whatsapp`;
    const request = await eventually(async () => wa.sent.find((s) => s.key === key), `the Cloud API to receive ${key}`);
    // Typed as at home (011 15 …), sent as E.164 with the 9 of Argentine mobiles.
    return { order, sent, e164: `+549115555${local}`, request, key };
  };
  const statusOf = (r: WhatsAppSent, key: string, over: Partial<StatusSpec>): StatusSpec => ({
    id: r.id,
    status: 'delivered',
    recipientId: r.to.slice(1),
    callbackData: key,
    ...over,
  });

  it('an order confirmed reaches the Cloud API as the approved es_AR template, is sent with its wamid, and a signed delivered status makes it delivered once', async () => {
    const { order, sent, e164, request, key } = await confirmedOnWhatsApp('ok');
    expect(request.to).toBe(e164);
    expect(request.template).toEqual({
      name: 'order_confirmed',
      language: 'es_AR',
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: String(order.number) },
            { type: 'text', text: 'Tienda Atalaya' },
          ],
        },
      ],
    });
    expect(sent).toMatchObject({ channel: 'whatsapp', recipient: e164, locale: 'es-AR' });
    expect((await row(sent.id)).provider_id).toBe(request.id);

    const at = Math.floor(Date.now() / 1000) - 5;
    const body = statusWebhookBody(wa, [statusOf(request, key, { status: 'delivered', timestamp: at })]);
    const res = await postStatusWebhook(hook, body, APP_SECRET);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: true, applied: 1 });
    const delivered = await message(sent.id);
    expect(delivered.message.status).toBe('delivered');
    expect(delivered.attempts.at(-1)).toMatchObject({ outcome: 'delivered', reply: expect.stringMatching(/delivered/) });
    expect((await row(sent.id)).delivered_at).toEqual(new Date(at * 1000));
    const lines = delivered.attempts.length;

    // The same webhook again, a late 'sent', a 'read' and a 'failed' after it: delivered it stays, with no new line.
    expect((await postStatusWebhook(hook, body, APP_SECRET)).body).toMatchObject({ applied: 0 });
    const late = statusWebhookBody(wa, [
      statusOf(request, key, { status: 'sent', timestamp: at - 2 }),
      statusOf(request, key, { status: 'read', timestamp: at + 10 }),
      statusOf(request, key, { status: 'failed', timestamp: at + 20, errors: [{ code: 131000, title: 'Something went wrong' }] }),
    ]);
    expect((await postStatusWebhook(hook, late, APP_SECRET)).body).toMatchObject({ received: true, applied: 0 });
    const after = await message(sent.id);
    expect(after.message.status).toBe('delivered');
    expect(after.attempts).toHaveLength(lines);
    expect((await row(sent.id)).delivered_at).toEqual(new Date(at * 1000));
  });

  it('a forged or missing signature is refused (401) and changes nothing; a signed failed status fails the message with Meta’s reason', async () => {
    const { sent, request, key } = await confirmedOnWhatsApp('fail');
    const before = await message(sent.id);
    const failed = statusWebhookBody(wa, [
      statusOf(request, key, {
        status: 'failed',
        errors: [
          { code: 131026, title: 'Message undeliverable', details: 'Unable to deliver message: the recipient is not a WhatsApp user' },
        ],
      }),
    ]);
    const forged = await postStatusWebhook(hook, failed, 'not-the-app-secret');
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ error: { code: 'UNAUTHORIZED', issues: [{ path: 'headers.x-hub-signature-256' }] } });
    expect((await postStatusWebhook(hook, failed, APP_SECRET, { signature: null })).status).toBe(401);
    // Signed over other bytes (a re-serialised body) is forged too.
    const other = await postStatusWebhook(hook, JSON.stringify(JSON.parse(failed), null, 2), APP_SECRET, {
      signature: signWhatsAppWebhook(APP_SECRET, failed),
    });
    expect(other.status).toBe(401);
    expect(await message(sent.id)).toEqual(before);

    const res = await postStatusWebhook(hook, failed, APP_SECRET);
    expect(res.status).toBe(200);
    const m = await message(sent.id);
    expect(m.message.status).toBe('failed');
    expect(m.message.reason).toMatch(/131026.*Message undeliverable.*not a WhatsApp user/);
    expect(m.attempts.at(-1)).toMatchObject({ outcome: 'failed', reply: expect.stringMatching(/131026/) });
    const list = await w.engine.dispatch('notifications.failed', { limit: 50 }, PLANNER);
    expect(list.find((x) => x.id === sent.id)).toMatchObject({ status: 'failed', channel: 'whatsapp' });
    // A later 'sent' does not move it back.
    await postStatusWebhook(hook, statusWebhookBody(wa, [statusOf(request, key, { status: 'sent' })]), APP_SECRET);
    expect((await message(sent.id)).message.status).toBe('failed');
  });

  it('a status for a message whose send is still being recorded asks Meta to come again (503); unknown wamids are ignored; bad bodies name the field', async () => {
    const { sent, request, key } = await confirmedOnWhatsApp('pending');
    // As if the message were being sent again and Meta's answer not recorded yet (a long lease keeps the sender off it).
    await w.db.pool.query(
      `UPDATE notification_messages SET status = 'sending', provider_id = NULL, lease_until = now() + interval '1 hour' WHERE id = $1`,
      [sent.id],
    );
    const body = statusWebhookBody(wa, [statusOf(request, key, { status: 'delivered' })]);
    const early = await postStatusWebhook(hook, body, APP_SECRET);
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await row(sent.id)).status).toBe('sending');
    await w.db.pool.query(`UPDATE notification_messages SET status = 'sent', provider_id = $2, lease_until = NULL WHERE id = $1`, [
      sent.id,
      request.id,
    ]);
    expect((await postStatusWebhook(hook, body, APP_SECRET)).body).toMatchObject({ applied: 1 });
    expect((await row(sent.id)).status).toBe('delivered');

    const unknown = statusWebhookBody(wa, [
      { id: `wamid.${randomBytes(12).toString('base64url')}`, status: 'delivered' },
      { id: `wamid.${randomBytes(12).toString('base64url')}`, status: 'failed', callbackData: 'not-one-of-ours' },
    ]);
    expect(await postStatusWebhook(hook, unknown, APP_SECRET)).toMatchObject({ status: 200, body: { applied: 0, ignored: 2 } });

    const bad = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ field: 'messages', value: { statuses: [{ id: request.id, status: 'delivered', timestamp: 'ayer' }] } }] }],
    });
    const refused = await postStatusWebhook(hook, bad, APP_SECRET);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', issues: [{ path: 'entry[0].changes[0].value.statuses[0].timestamp' }] },
    });
    expect(((await postStatusWebhook(hook, 'not json', APP_SECRET)).body as { error: { issues: unknown[] } }).error.issues).toEqual([
      { path: '(body)', message: 'not JSON' },
    ]);
  });

  it('Meta’s verification of the webhook URL gets the challenge as plain text with our verify token, 403 otherwise', async () => {
    const q = (token: string, mode = 'subscribe') =>
      fetch(`${hook}?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`);
    const ok = await q(VERIFY_TOKEN);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await q(`${VERIFY_TOKEN}x`);
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: { code: 'FORBIDDEN', issues: [{ path: 'hub.verify_token' }] } });
    expect((await q(VERIFY_TOKEN, 'unsubscribe')).status).toBe(403);
    expect((await fetch(hook)).status).toBe(403);
  });
});
