import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderInput } from '../../src/shared';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { startSmtpServer, type SmtpTestServer } from '../support/notify/smtp-server';
import { startWebhookReceiver, type WebhookReceiver } from '../support/notify/webhook-receiver';
import { TEST_ADMIN } from '../support/sessions';
import { eventually } from '../support/test-database';

/** Screenshots a person looks at, besides the run's own artifacts in test-results/e2e. */
const SHOTS = '/tmp/shots';

/**
 * The Notificaciones view, in Chromium against a real engine whose e-mail goes to a loopback SMTP
 * server and whose webhooks go to a loopback receiver that verifies signatures: an admin edits the
 * es-AR confirmation's subject with the live preview on a real order and saves it (the next
 * customer's e-mail carries it); a template with an unknown tag is refused, nothing saved; a save
 * over someone else's is refused with Recargar; an endpoint added in the desk shows its secret
 * once, its deliveries appear in the log, and a refused one is replayed with Reenviar.
 */
describe('notifications admin in the desk', () => {
  let desk: DeskUnderTest;
  let smtp: SmtpTestServer;
  let receiver: WebhookReceiver;
  /** The receiver's secrets: it learns the endpoint's when the desk shows it. */
  const secrets: string[] = [];
  const tag = String(Date.now()).slice(-6);
  const SKU = `NA${tag}`;
  const NEW_SUBJECT = 'Confirmamos tu pedido #{{orderNumber}} en {{merchantName}}';

  const snap = async (name: string, target?: Locator) => {
    await desk.shot(`notification-admin-${name}`);
    await (target ?? desk.page).screenshot({ path: `${SHOTS}/notification-admin-${name}.png`, animations: 'disabled' });
  };
  const email = (who: string) => `${who}.${randomBytes(3).toString('hex')}@example.com`;
  const mailsTo = (address: string) => smtp.messages.filter((m) => m.rcptTo.includes(address));
  const newOrder = async (over: Partial<OrderInput> = {}) =>
    (
      await desk.engine.dispatch(
        'orders.create',
        { order: anOrder({ lines: [{ sku: SKU, quantity: 1, unitPrice: 18_000 }], ...over }) },
        PLANNER,
      )
    ).order;
  /** Nothing in the view is wider than the window (1366×768): no sideways scroll. */
  const fitsWindow = () => desk.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    smtp = await startSmtpServer();
    receiver = await startWebhookReceiver({ secrets });
    desk = await startDeskUnderTest({
      as: { role: 'admin', name: 'Ana Admin' },
      open: false,
      page: { locale: 'es-AR', viewport: { width: 1366, height: 768 } },
      stock: [{ location: 'loc-palermo', sku: SKU, onHand: 50 }],
      async before({ engine }) {
        await engine.dispatch('products.upsert', { products: [{ sku: SKU, name: 'Yerba mate 1 kg', weightGrams: 1_050 }] }, TEST_ADMIN);
        await engine.dispatch(
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
          TEST_ADMIN,
        );
        const settings = await engine.dispatch('notifications.settings', {}, PLANNER);
        await engine.dispatch('notifications.saveSettings', { ...settings, merchantName: 'Tienda Atalaya', quietHours: null }, TEST_ADMIN);
      },
    });
  });
  afterAll(async () => {
    await desk?.close();
    await smtp?.close();
    await receiver?.close();
  });

  it('an admin edits the es-AR confirmation’s subject with the preview on a real order, saves it, and the next e-mail carries it', async () => {
    const { page, base, engine } = desk;
    const shown = await newOrder({ customer: { name: 'Lucía Fernández', email: email('lucia') } });

    await page.goto(base);
    await page.locator('[data-testid=nav-notifications]').click();
    const view = page.locator('[data-testid=notify-admin-view]');
    expect(await view.locator('[data-testid=notify-admin-tab-templates]').getAttribute('aria-selected')).toBe('true');
    const subject = view.locator('[data-testid=tpl-subject]');
    await expect.poll(() => subject.inputValue(), { timeout: 15_000 }).toBe('¡Recibimos tu pedido #{{orderNumber}}!');
    expect(await view.locator('[data-testid=tpl-event]').inputValue()).toBe('order.confirmed');
    expect(await view.locator('[data-testid=tpl-locale]').inputValue()).toBe('es-AR');
    expect(await view.locator('[data-testid=tpl-source]').getAttribute('data-source')).toBe('default');
    // The preview starts with the sample order.
    const preview = view.locator('[data-testid=tpl-preview]');
    await expect.poll(() => preview.locator('[data-testid=tpl-preview-order-shown]').textContent()).toBe('Con un pedido de ejemplo');

    // A real order, by the number people say (an admin reads no order queue: the engine finds it).
    await preview.locator('[data-testid=tpl-preview-order]').fill(`#${shown.number}`);
    await expect
      .poll(() => preview.locator('[data-testid=tpl-preview-order-shown]').textContent(), { timeout: 15_000 })
      .toBe(`Con el pedido #${shown.number}`);
    expect(await preview.locator('[data-testid=tpl-preview-subject]').textContent()).toBe(`¡Recibimos tu pedido #${shown.number}!`);

    // Typing re-renders the preview: the new subject with that order's number and the shop's name.
    await subject.fill(NEW_SUBJECT);
    await expect
      .poll(() => preview.locator('[data-testid=tpl-preview-subject]').textContent(), { timeout: 15_000 })
      .toBe(`Confirmamos tu pedido #${shown.number} en Tienda Atalaya`);
    expect(await view.locator('[data-testid=tpl-dirty]').count()).toBe(1);
    // The e-mail renders in a frame that may run nothing (no scripts, no requests).
    const frame = preview.locator('[data-testid=tpl-preview-frame]');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toContain(`#${shown.number}`);
    await expect.poll(() => page.frameLocator('[data-testid=tpl-preview-frame]').locator('body').textContent()).toContain('Lucía');
    await snap('01-template-preview');
    expect(await fitsWindow()).toBe(true);

    await view.locator('[data-testid=tpl-save]').click();
    await expect.poll(() => view.locator('[data-testid=tpl-notice]').textContent()).toBe('Guardada: versión 1, por Ana Admin.');
    expect(await view.locator('[data-testid=tpl-source]').getAttribute('data-version')).toBe('1');
    expect(await view.locator('[data-testid=tpl-dirty]').count()).toBe(0);
    const saved = await engine.dispatch('notifications.template', { event: 'order.confirmed', locale: 'es-AR' }, TEST_ADMIN);
    expect(saved).toMatchObject({ source: 'merchant', version: 1, updatedBy: 'Ana Admin', template: { email: { subject: NEW_SUBJECT } } });
    await snap('02-template-saved');

    // The SMS of the same draft, and another event with the same order: what the order lacks is sample data.
    await preview.locator('[data-testid=tpl-channel-sms]').click();
    await expect.poll(() => preview.locator('[data-testid=tpl-preview-sms]').textContent()).toContain(`#${shown.number}`);
    await view.locator('[data-testid=tpl-event]').selectOption('shipment.shipped');
    await expect.poll(() => preview.locator('[data-testid=tpl-preview-sampled]').textContent(), { timeout: 15_000 }).toMatch(/carrier/);
    await snap('03-template-sampled-sms');
    // WhatsApp: the approved template's parameters filled from the order; the mapping at the editor's foot.
    await preview.locator('[data-testid=tpl-channel-whatsapp]').click();
    await expect.poll(() => preview.locator('[data-testid=tpl-preview-whatsapp]').textContent()).toContain(`${shown.number}`);
    await view.locator('[data-testid=tpl-whatsapp]').scrollIntoViewIfNeeded();
    await snap('03b-template-whatsapp');
    await preview.locator('[data-testid=tpl-channel-email]').click();
    await view.locator('[data-testid=tpl-event]').selectOption('order.confirmed');
    await expect.poll(() => subject.inputValue()).toBe(NEW_SUBJECT);

    // The next customer's confirmation goes out with the new subject.
    const customer = email('bruno');
    const next = await newOrder({ customer: { name: 'Bruno Díaz', email: customer } });
    const mail = await eventually(async () => mailsTo(customer)[0], `the confirmation to ${customer}`, 30_000);
    expect(mail.subject).toBe(`Confirmamos tu pedido #${next.number} en Tienda Atalaya`);
    expect(desk.errors).toEqual([]);
  });

  it('a template with an unknown tag is refused, its message beside the subject; a save over someone else’s offers Recargar', async () => {
    const { page, engine } = desk;
    const view = page.locator('[data-testid=notify-admin-view]');
    const subject = view.locator('[data-testid=tpl-subject]');
    await subject.fill('Tu pedido {{numeroDePedido}} está confirmado');
    await view.locator('[data-testid=tpl-save]').click();
    const refused = view.locator('[data-testid=tpl-refused]');
    await expect.poll(() => refused.textContent()).toMatch(/^No se guardó: la plantilla tiene un problema/);
    const issues = view.locator('[data-testid=tpl-issues-email\\.subject]');
    expect(await issues.textContent()).toContain('{{numeroDePedido}}');
    expect(await subject.getAttribute('aria-invalid')).toBe('true');
    expect(await subject.getAttribute('aria-describedby')).toBe('tpl-issues-email.subject');
    await snap('04-template-refused');
    // Nothing saved: still version 1 with the subject before.
    const kept = await engine.dispatch('notifications.template', { event: 'order.confirmed', locale: 'es-AR' }, TEST_ADMIN);
    expect(kept).toMatchObject({ version: 1, template: { email: { subject: NEW_SUBJECT } } });

    // Someone else saves version 2 meanwhile: this desk's save is refused, and Recargar brings theirs.
    await engine.dispatch(
      'notifications.saveTemplate',
      {
        template: { ...kept.template, email: { ...kept.template.email, subject: 'Pedido #{{orderNumber}} recibido' } },
        expectedVersion: 1,
      },
      { ...TEST_ADMIN, name: 'Bruno Admin' },
    );
    await subject.fill('Tu pedido #{{orderNumber}} está confirmado');
    await view.locator('[data-testid=tpl-save]').click();
    const conflict = view.locator('[data-testid=tpl-conflict]');
    await expect.poll(() => conflict.textContent()).toContain('Bruno Admin');
    expect(await conflict.textContent()).toContain('alguien más guardó esta plantilla');
    await snap('05-template-conflict');
    await conflict.locator('[data-testid=tpl-reload]').click();
    await expect.poll(() => subject.inputValue()).toBe('Pedido #{{orderNumber}} recibido');
    expect(await view.locator('[data-testid=tpl-source]').getAttribute('data-version')).toBe('2');
    expect(await conflict.count()).toBe(0);
    expect(desk.errors).toEqual([]);
  });

  it('webhooks: an endpoint added in the desk shows its secret once; deliveries appear in the log; a refused one is replayed', async () => {
    const { page } = desk;
    const view = page.locator('[data-testid=notify-admin-view]');
    await view.locator('[data-testid=notify-admin-tab-webhooks]').click();
    await view.locator('[data-testid=endpoint-add]').click();
    const form = view.locator('[data-testid=endpoint-form]');
    await form.locator('[data-testid=endpoint-id]').fill('erp-tienda');
    await form.locator('[data-testid=endpoint-url]').fill(receiver.url);
    expect(await form.locator('[data-testid="endpoint-event-order.confirmed"]').isChecked()).toBe(true);
    await snap('06-endpoint-form');
    await form.locator('[data-testid=endpoint-save]').click();

    const banner = view.locator('[data-testid=endpoint-secret-banner]');
    const secret = (await banner.locator('[data-testid=endpoint-secret]').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    expect(await banner.textContent()).toContain('no se mostrará de nuevo');
    secrets.push(secret);
    const row = view.locator('[data-testid=endpoint-row][data-endpoint-id=erp-tienda]');
    expect(await row.locator('[data-testid=endpoint-state]').textContent()).toBe('Activo');
    await snap('07-endpoint-secret');
    await banner.locator('[data-testid=endpoint-secret-done]').click();
    await banner.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);

    // An order's confirmation reaches the receiver, signed, and shows in the log as sent.
    const first = await newOrder({ customer: { name: 'Carla Gómez', email: email('carla') } });
    await eventually(async () => receiver.deliveries.find((d) => d.body.includes(first.id)), 'the webhook of the first order', 30_000);
    expect(receiver.verdicts.every((v) => v.ok)).toBe(true);
    const log = view.locator('[data-testid=delivery-log]');
    const sent = log.locator(`[data-testid=delivery-row][data-order-id="${first.id}"]`);
    await expect.poll(() => sent.getAttribute('data-status'), { timeout: 30_000 }).toBe('sent');
    expect(await sent.locator('[data-testid=delivery-order]').textContent()).toBe(`#${first.number}`);
    expect(await sent.locator('[data-testid=delivery-open]').textContent()).toBe('Pedido confirmado');

    // The receiver refuses the next one (422): it fails, and Reenviar (with a reason) delivers it.
    receiver.failNext({ status: 422, body: { error: 'pedido desconocido' } }, 1);
    const second = await newOrder({ customer: { name: 'Diego Pérez', email: email('diego') } });
    const failed = log.locator(`[data-testid=delivery-row][data-order-id="${second.id}"]`);
    await expect.poll(() => failed.getAttribute('data-status'), { timeout: 30_000 }).toBe('failed');
    expect(receiver.deliveries.some((d) => d.body.includes(second.id))).toBe(false);
    await failed.locator('[data-testid=delivery-open]').click();
    const detail = view.locator('[data-testid=delivery-detail]');
    await expect.poll(() => detail.locator('[data-testid=delivery-reason]').textContent()).toMatch(/422/);
    await expect
      .poll(() => detail.locator('[data-testid=delivery-attempt]').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome'))))
      .toEqual(['failed']);
    await snap('08-delivery-failed');
    expect(await fitsWindow()).toBe(true);
    await detail.locator('[data-testid=message-resend]').click();
    await detail.locator('[data-testid=resend-reason]').fill('El ERP ya conoce el pedido');
    await detail.locator('[data-testid=resend-confirm]').click();
    await eventually(async () => receiver.deliveries.find((d) => d.body.includes(second.id)), 'the replayed webhook', 30_000);
    await expect.poll(() => failed.getAttribute('data-status'), { timeout: 30_000 }).toBe('sent');
    await expect
      .poll(() => detail.locator('[data-testid=delivery-attempt]').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome'))), {
        timeout: 15_000,
      })
      .toEqual(['failed', 'resend', 'sent']);
    expect(await detail.locator('[data-testid=delivery-attempt][data-outcome=resend]').textContent()).toContain('Ana Admin');
    await snap('09-delivery-replayed');

    // From a delivery to its template, previewed with that delivery's order.
    await detail.locator('[data-testid=delivery-preview-template]').click();
    expect(await view.locator('[data-testid=notify-admin-tab-templates]').getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() => view.locator('[data-testid=tpl-preview-order-shown]').textContent(), { timeout: 15_000 })
      .toBe(`Con el pedido #${second.number}`);
    expect(await view.locator('[data-testid=tpl-event]').inputValue()).toBe('order.confirmed');
    expect(desk.errors).toEqual([]);
  });
});
