import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, type NotificationMessage, type NotificationTemplateInput } from '../../../src/shared';
import { PLANNER } from '../../support/engine-under-test';
import { startSmtpServer, type SmtpTestServer } from '../../support/notify/smtp-server';
import { eventually } from '../../support/test-database';
import { ADMIN, startTrackingWorld, type TrackingWorld } from '../../support/tracking-fixture';

/**
 * The merchant's own templates end to end against real Postgres, Redis and an SMTP server on
 * loopback: a saved es-AR template is what the next order's customer reads; a template with an
 * unknown tag or broken MJML is refused naming the problem, and nothing changes; a preview shows a
 * real order; a reset brings back Atalaya's default; only an admin may change templates.
 */
describe('notification templates edited in the desk', () => {
  let w: TrackingWorld;
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    w = await startTrackingWorld([{ location: 'loc-palermo', sku: 'TPL', onHand: 100 }]);
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
    await w.engine.dispatch('notifications.saveSettings', { ...settings, merchantName: 'Tienda Atalaya', quietHours: null }, ADMIN);
  }, 60_000);
  afterAll(async () => {
    await w?.close();
    await smtp?.close();
  });

  const customer = (tag: string) => ({ name: 'Lucía Fernández', email: `lucia.${tag}.${randomBytes(3).toString('hex')}@example.com` });
  const mailTo = (address: string) =>
    eventually(async () => smtp.messages.find((m) => m.rcptTo.includes(address)), `an e-mail to ${address}`, 30_000);
  const waitMessage = (orderId: string, event: string, status: NotificationMessage['status']) =>
    eventually(
      async () =>
        (await w.engine.dispatch('notifications.messages', { orderId }, PLANNER)).find((m) => m.event === event && m.status === status),
      `order ${orderId}: ${event} ${status}`,
      30_000,
    );
  const inEffect = (locale = 'es-AR') => w.engine.dispatch('notifications.template', { event: 'order.confirmed', locale }, PLANNER);
  const refusal = async (template: NotificationTemplateInput) => {
    const e = await w.engine.dispatch('notifications.saveTemplate', { template }, ADMIN).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('VALIDATION_FAILED');
    return (e as AppError).message;
  };

  it('a saved es-AR template is what the next order’s confirmation says; reset brings the default back', async () => {
    const before = await inEffect();
    expect(before).toMatchObject({ source: 'default', locale: 'es-AR', version: null });
    const subject = `¡Listo! Tu pedido #{{orderNumber}} ya es nuestro ${randomBytes(2).toString('hex')}`;
    const draft = { ...before.template, email: { ...before.template.email, subject } };

    const saved = await w.engine.dispatch('notifications.saveTemplate', { template: draft }, ADMIN);
    expect(saved).toMatchObject({ source: 'merchant', locale: 'es-AR', version: 1, updatedBy: ADMIN.name });
    const again = await w.engine.dispatch('notifications.saveTemplate', { template: draft, expectedVersion: 1 }, ADMIN);
    expect(again.version).toBe(2);
    // A second editor who opened version 1 (or the default) is refused, naming who saved; nothing changes.
    for (const stale of [1, null]) {
      const e = await w.engine
        .dispatch('notifications.saveTemplate', { template: { ...draft, sms: 'otra cosa' }, expectedVersion: stale }, ADMIN)
        .catch((err: unknown) => err);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('VERSION_CONFLICT');
      expect((e as AppError).message).toMatch(new RegExp(`saved by ${ADMIN.name}.*now version 2.*reload it`));
    }
    const list = await w.engine.dispatch('notifications.templates', {}, PLANNER);
    expect(list.find((t) => t.event === 'order.confirmed' && t.locale === 'es-AR')).toMatchObject({ source: 'merchant', version: 2 });
    expect(list.find((t) => t.event === 'order.confirmed' && t.locale === 'en')).toMatchObject({ source: 'default' });

    const who = customer('own');
    const { orderId } = await w.packedOrder('TPL', { customer: who });
    const number = (await w.engine.dispatch('orders.get', { id: orderId }, PLANNER)).number;
    const mail = await mailTo(who.email);
    expect(mail.subject).toBe(subject.replace('{{orderNumber}}', String(number)));
    expect((await waitMessage(orderId, 'order.confirmed', 'sent')).subject).toBe(mail.subject);

    const reset = await w.engine.dispatch('notifications.resetTemplate', { event: 'order.confirmed', locale: 'es-AR' }, ADMIN);
    expect(reset).toMatchObject({ source: 'default', version: null });
    expect(reset.template.email.subject).toBe(before.template.email.subject);
    const who2 = customer('default');
    await w.packedOrder('TPL', { customer: who2 });
    const mail2 = await mailTo(who2.email);
    expect(mail2.subject).not.toContain('ya es nuestro');
  });

  it('a template with an unknown tag or broken MJML is refused, naming the problem, and nothing is saved', async () => {
    const { template } = await inEffect();
    const unknown = await refusal({ ...template, sms: 'Pedido #{{orderNumber}}: {{trackingNumbr}}' });
    expect(unknown).toMatch(/template\.sms/);
    expect(unknown).toMatch(/\{\{trackingNumbr\}\} is not a notification field \(did you mean \{\{trackingNumber\}\}\?\)/);

    const broken = template.email.mjml.replaceAll('mj-section', 'mj-sectoin');
    expect(broken).not.toBe(template.email.mjml);
    const mjml = await refusal({ ...template, email: { ...template.email, mjml: broken } });
    expect(mjml).toMatch(/template\.email\.mjml: line \d+/);
    expect(mjml).toMatch(/mj-sectoin/);

    expect(await inEffect()).toMatchObject({ source: 'default', version: null });
    const rows = await w.db.pool.query(`SELECT count(*)::int AS n FROM notification_templates`);
    expect(rows.rows[0].n).toBe(0);
  });

  it('the preview shows a real order (its number and tracking) with a draft, or the sample order without one', async () => {
    const who = customer('preview');
    const { orderId, shipmentIds } = await w.packedOrder('TPL', { customer: who });
    const number = (await w.engine.dispatch('orders.get', { id: orderId }, PLANNER)).number;
    const tn = (await w.shipment(shipmentIds[0]!)).tracking_number;
    const shipped = (await w.engine.dispatch('notifications.template', { event: 'shipment.shipped', locale: 'es-AR' }, PLANNER)).template;
    const draft = {
      ...shipped,
      sms: 'Hola {{#customerFirstName}}{{customerFirstName}}{{/customerFirstName}}: #{{orderNumber}} va con {{trackingNumber}}.',
    };

    const sms = await w.engine.dispatch(
      'notifications.previewTemplate',
      { event: 'shipment.shipped', locale: 'es-AR', template: draft, orderId, channel: 'sms' },
      PLANNER,
    );
    expect(sms).toMatchObject({ channel: 'sms', orderNumber: number, subject: null, html: null, sampled: [] });
    expect(sms.sms).toBe(`Hola Lucía: #${number} va con ${tn}.`);

    const email = await w.engine.dispatch(
      'notifications.previewTemplate',
      { event: 'shipment.shipped', locale: 'es-AR', orderId, channel: 'email' },
      PLANNER,
    );
    expect(email.subject).toContain(String(number));
    expect(email.html).toContain(tn);
    expect(email.text).toContain(tn);
    // The order by the number people say gives the same page; a number no order has is named.
    const byNumber = await w.engine.dispatch(
      'notifications.previewTemplate',
      { event: 'shipment.shipped', locale: 'es-AR', orderNumber: number, channel: 'email' },
      PLANNER,
    );
    expect(byNumber).toEqual(email);
    const none = await w.engine
      .dispatch('notifications.previewTemplate', { event: 'shipment.shipped', locale: 'es-AR', orderNumber: 99_999_999 }, PLANNER)
      .catch((err: unknown) => err);
    expect((none as AppError).code).toBe('NOT_FOUND');
    expect((none as AppError).message).toMatch(/#99999999/);

    const sample = await w.engine.dispatch(
      'notifications.previewTemplate',
      { event: 'order.confirmed', locale: 'es-AR', channel: 'whatsapp' },
      PLANNER,
    );
    expect(sample.orderNumber).toBeNull();
    expect(sample.whatsapp?.parameters).toContain('1234');

    const e = await w.engine
      .dispatch(
        'notifications.previewTemplate',
        { event: 'shipment.shipped', locale: 'es-AR', template: { ...draft, sms: '{{nope}} x' }, channel: 'sms' },
        PLANNER,
      )
      .catch((err: unknown) => err);
    expect((e as AppError).code).toBe('VALIDATION_FAILED');
    expect((e as AppError).message).toMatch(/\{\{nope\}\}/);
  });

  it('a planner may read and preview templates but not change them', async () => {
    const { template } = await inEffect();
    const e = await w.engine.dispatch('notifications.saveTemplate', { template }, PLANNER).catch((err: unknown) => err);
    expect((e as AppError).code).toBe('FORBIDDEN');
    const r = await w.engine
      .dispatch('notifications.resetTemplate', { event: 'order.confirmed', locale: 'es-AR' }, PLANNER)
      .catch((err: unknown) => err);
    expect((r as AppError).code).toBe('FORBIDDEN');
    expect(await inEffect()).toMatchObject({ source: 'default' });
  });
});
