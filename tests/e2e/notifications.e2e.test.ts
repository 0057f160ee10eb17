import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorWebhook } from '../../src/engine/adapters/carriers/simulator.carrier';
import type { OrderInput } from '../../src/shared';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { ASSOCIATE, PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { startSmtpServer, type SmtpTestServer } from '../support/notify/smtp-server';
import { TEST_ADMIN } from '../support/sessions';
import { waitForStatus } from '../support/sourcing-ops';
import { eventually } from '../support/test-database';

/** Screenshots a person looks at, besides the run's own artifacts in test-results/e2e. */
const SHOTS = '/tmp/shots';

/**
 * Customer messages from the desk, in Chromium against a real engine whose e-mail provider is a
 * real SMTP server on loopback: a supervisor packs an order on the Floor view, the simulator
 * carrier's first scan ships it, and the customer's "on its way" e-mail arrives in Spanish; the
 * order's detail shows the message as sent, with its preview. A message the server refuses lands in
 * the exception inbox's failed messages, where Resend (with a reason) delivers it.
 */
describe('customer messages in the desk', () => {
  let desk: DeskUnderTest;
  let smtp: SmtpTestServer;
  const tag = String(Date.now()).slice(-6);
  const SKU = `NT${tag}`;
  const SECRET = `whsec-${tag}`;
  const CARRIER = `sim-correo-${tag}`;
  let orderId = '';
  let orderNumber = 0;

  const snap = async (name: string, target?: Locator) => {
    await desk.shot(`notifications-${name}`);
    const path = `${SHOTS}/notifications-${name}.png`;
    await (target ?? desk.page).screenshot({ path, animations: 'disabled' });
  };
  const email = (who: string) => `${who}.${randomBytes(3).toString('hex')}@example.com`;
  const mailsTo = (address: string) => smtp.messages.filter((m) => m.rcptTo.includes(address));
  const messagesOf = (id: string) => desk.engine.dispatch('notifications.messages', { orderId: id }, PLANNER);
  /** The carrier tells us its scans happened (a hint: the engine verifies it and re-fetches the tracking). */
  const carrierCalls = async (trackingNumber: string, n: number) => {
    if (n > 0) await new Promise((r) => setTimeout(r, 1_000));
    const hook = simulatorWebhook(SECRET, [trackingNumber], `e2e-${trackingNumber}-${n}`);
    const res = await fetch(`${desk.base}/api/v1/carriers/${CARRIER}${hook.path}`, {
      method: 'POST',
      headers: hook.headers as Record<string, string>,
      body: new Uint8Array(hook.rawBody),
    });
    expect(res.status).toBe(200);
  };
  /** Picks an order at Palermo through the contract (the printing e2e walks the pick bench in the desk). */
  const pickedOrder = async (over: Partial<OrderInput>) => {
    const { order } = await desk.engine.dispatch(
      'orders.create',
      { order: anOrder({ lines: [{ sku: SKU, quantity: 1, unitPrice: 18_000 }], ...over }) },
      PLANNER,
    );
    expect((await waitForStatus(desk.engine, order.id, 'sourced')).locationId).toBe('loc-palermo');
    await desk.engine.dispatch('fulfilment.shortPick', { orderId: order.id, picked: [{ sku: SKU, quantity: 1 }] }, ASSOCIATE);
    await waitForStatus(desk.engine, order.id, 'picked');
    return order;
  };
  /** Nothing in the detail panel is wider than the panel (1366×768). */
  const fitsPanel = (detail: Locator) => detail.evaluate((el) => el.querySelector('.detail-body')!.scrollWidth <= el.clientWidth);
  const openOrder = async (page: Page, id: string) => {
    await page.locator('[data-testid=nav-tower]').click();
    // An order already open covers the queue's rows.
    const close = page.locator('[data-testid=detail-close]');
    if (await close.count()) await close.click();
    await page.locator(`[data-testid=order-row][data-order-id="${id}"]`).first().click();
    return page.locator(`[data-testid=order-detail][data-order-id="${id}"]`);
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    smtp = await startSmtpServer();
    desk = await startDeskUnderTest({
      as: { role: 'supervisor', name: 'Sofía Supervisora' },
      open: false,
      page: { locale: 'es-AR', viewport: { width: 1366, height: 768 } },
      stock: [{ location: 'loc-palermo', sku: SKU, onHand: 20 }],
      async before({ engine }) {
        await engine.dispatch('products.upsert', { products: [{ sku: SKU, name: 'Yerba mate 1 kg', weightGrams: 1_050 }] }, TEST_ADMIN);
        // One simulator account: its label is bought at packing, its first scan comes a step later.
        await engine.dispatch(
          'carriers.save',
          {
            id: CARRIER,
            kind: 'simulator',
            name: 'Correo Simulado',
            settings: { stepSeconds: '3', labels: 'sync', priceBase: '1800' },
            secrets: { webhookSecret: SECRET },
          },
          TEST_ADMIN,
        );
        // E-mail through the loopback SMTP server; no quiet hours, so the run's time of day does not matter.
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
  });

  it('an order packed in the desk ships: the e-mail arrives in Spanish and the detail shows it sent', async () => {
    const { page, base } = desk;
    const customer = { name: 'Lucía Fernández', email: email('lucia') };
    const order = await pickedOrder({ customer });
    orderId = order.id;
    orderNumber = order.number;

    // Packed on the Floor view: the label is bought from the simulator carrier.
    await page.goto(base);
    await page.locator('[data-testid=nav-floor]').click();
    const floor = page.locator('[data-testid=floor-view]');
    await expect.poll(() => floor.locator('[data-testid=floor-location] option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await floor.locator('[data-testid=floor-location]').selectOption('loc-palermo');
    await floor.locator('[data-testid=floor-tab-pack]').click();
    const card = floor.locator(`[data-testid=pack-order][data-order-id="${orderId}"]`);
    await card.waitFor({ timeout: 15_000 });
    await card.locator('[data-testid=pack-submit]').click();
    await floor.locator(`[data-testid=packed-order][data-order-id="${orderId}"]`).waitFor({ timeout: 15_000 });
    const shipment = await eventually(async () => {
      const s = (await desk.engine.dispatch('shipping.forOrder', { orderId }, PLANNER)).shipments;
      return s[0]?.status === 'ready' ? s[0] : undefined;
    }, 'the label to be bought (shipment ready)');
    const tracking = shipment.trackingNumber!;

    // The detail is open while the carrier's first scan ships the order: the section follows on its own.
    const detail = await openOrder(page, orderId);
    const section = detail.locator('[data-testid=customer-messages]');
    await section.waitFor({ timeout: 15_000 });
    let n = 0;
    await eventually(
      async () => {
        await carrierCalls(tracking, n++);
        return (await desk.engine.dispatch('orders.get', { id: orderId }, PLANNER)).status === 'shipped' ? true : undefined;
      },
      'the first scan to ship the order',
      60_000,
    );

    // The customer's e-mail, in Spanish, with the order number and the tracking number.
    const shipped = await eventually(
      async () => mailsTo(customer.email).find((m) => m.text.includes(tracking)),
      `the "shipped" e-mail to ${customer.email}`,
      30_000,
    );
    expect(shipped.subject).toContain(String(orderNumber));
    expect(shipped.subject).toMatch(/camino|enviado|despachado/i);
    expect(shipped.text).toContain('Lucía');
    expect(shipped.text).toMatch(/pedido/i);
    expect(shipped.from).toEqual({ address: 'pedidos@tienda.example', name: 'Tienda Atalaya' });

    // The desk shows it sent, without a reload: event, channel, recipient, "Enviado", and its preview.
    const message = section.locator('[data-testid=customer-message][data-event="shipment.shipped"]');
    await expect.poll(() => message.getAttribute('data-status'), { timeout: 20_000 }).toBe('sent');
    expect(await message.locator('[data-testid=message-status]').textContent()).toBe('Enviado');
    expect(await message.locator('[data-testid=message-event]').textContent()).toBe('Pedido despachado');
    expect(await message.locator('[data-testid=message-recipient]').textContent()).toBe(customer.email);
    expect(await message.locator('[data-testid=message-sent-at]').textContent()).toMatch(/^Enviado \d/);
    expect(await message.locator('[data-testid=message-resend]').count()).toBe(0);
    // The confirmation sent at sourcing is there too, before it.
    await expect
      .poll(() => section.locator('[data-testid=customer-message]').evaluateAll((els) => els.map((e) => e.getAttribute('data-event'))))
      .toEqual(['order.confirmed', 'shipment.shipped']);
    // The preview opens from the keyboard: subject and the plain text as sent.
    await message.locator('[data-testid=message-preview] summary').focus();
    await page.keyboard.press('Enter');
    expect(await message.locator('[data-testid=message-subject]').textContent()).toBe(shipped.subject);
    expect(await message.locator('[data-testid=message-text]').textContent()).toContain(tracking);
    await section.scrollIntoViewIfNeeded();
    await snap('01-detail-sent', detail);
    await snap('01-page-detail-sent');
    expect(await fitsPanel(detail)).toBe(true);
  });

  it('a message the server refuses appears in the exception inbox with Resend; resending delivers it', async () => {
    const { page, engine } = desk;
    const customer = { name: 'Bruno Díaz', email: email('bruno') };
    smtp.refuseNext(1);
    const { order } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ customer, lines: [{ sku: SKU, quantity: 1, unitPrice: 18_000 }] }) },
      PLANNER,
    );
    const failed = await eventually(
      async () => (await messagesOf(order.id)).find((m) => m.event === 'order.confirmed' && m.status === 'failed'),
      'the confirmation to be refused',
      30_000,
    );
    expect(failed.reason).toMatch(/554|rejected/i);
    expect(mailsTo(customer.email)).toHaveLength(0);

    await page.locator('[data-testid=nav-exceptions]').click();
    const inbox = page.locator('[data-testid=failed-messages]');
    const row = inbox.locator(`[data-testid=failed-message][data-message-id="${failed.id}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.locator('[data-testid=failed-message-order]').textContent()).toBe(`#${order.number}`);
    expect(await row.locator('[data-testid=message-event]').textContent()).toBe('Pedido confirmado');
    expect(await row.locator('[data-testid=message-recipient]').textContent()).toBe(customer.email);
    expect(await row.locator('[data-testid=message-status]').textContent()).toBe('Falló');
    expect(await row.locator('[data-testid=message-reason]').textContent()).toMatch(/554|rejected/i);
    await row.locator('[data-testid=message-resend]').waitFor();
    await inbox.scrollIntoViewIfNeeded();
    await snap('02-inbox-failed', inbox);
    await snap('02-page-inbox-failed');

    // The order number opens the order, whose detail shows the same message failed, with Resend.
    await row.locator('[data-testid=failed-message-order]').click();
    const detail = page.locator(`[data-testid=order-detail][data-order-id="${order.id}"]`);
    const inDetail = detail.locator(`[data-testid=customer-message][data-message-id="${failed.id}"]`);
    await expect.poll(() => inDetail.getAttribute('data-status'), { timeout: 15_000 }).toBe('failed');
    expect(await inDetail.locator('[data-testid=message-reason]').textContent()).toMatch(/554|rejected/i);
    await inDetail.locator('[data-testid=message-resend]').waitFor();
    // It did not go out: no "sent" time on it.
    expect(await inDetail.locator('[data-testid=message-sent-at]').count()).toBe(0);
    expect(await fitsPanel(detail)).toBe(true);
    await inDetail.scrollIntoViewIfNeeded();
    await snap('03-detail-failed', detail);

    // Back in the inbox: Resend asks for an optional reason, and the message goes out.
    await page.locator('[data-testid=nav-exceptions]').click();
    await row.locator('[data-testid=message-resend]').click();
    await row.locator('[data-testid=resend-reason]').fill('El cliente llamó para confirmar su correo');
    await snap('04-inbox-resend-reason', inbox);
    await row.locator('[data-testid=resend-confirm]').click();
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    const mail = await eventually(async () => mailsTo(customer.email)[0], `the resent confirmation to ${customer.email}`, 30_000);
    expect(mail.subject).toContain(String(order.number));
    // The provider's receipt joins the log at the end of the sender's pass, just after the mail arrives.
    const log = await eventually(async () => {
      const l = await engine.dispatch('notifications.message', { id: failed.id }, PLANNER);
      return l.attempts.length >= 3 ? l : undefined;
    }, 'the resent message to have its receipt in the log');
    expect(log.message.status).toBe('sent');
    expect(log.attempts.map((a) => a.outcome)).toEqual(['failed', 'resend', 'sent']);
    expect(log.attempts[1]).toMatchObject({ actor: 'Sofía Supervisora', reply: 'El cliente llamó para confirmar su correo' });
    expect(desk.errors).toEqual([]);
  });
  it('a temporary refusal shows as retrying, with when it is tried next', async () => {
    const { page, engine } = desk;
    const customer = { name: 'Carla Gómez', email: email('carla') };
    smtp.deferNext(1);
    const { order } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ customer, lines: [{ sku: SKU, quantity: 1, unitPrice: 18_000 }] }) },
      PLANNER,
    );
    const retrying = await eventually(
      async () => (await messagesOf(order.id)).find((m) => m.event === 'order.confirmed' && m.status === 'retrying'),
      'the confirmation to be deferred',
      30_000,
    );
    const detail = await openOrder(page, order.id);
    const message = detail.locator(`[data-testid=customer-message][data-message-id="${retrying.id}"]`);
    await expect.poll(() => message.getAttribute('data-status'), { timeout: 15_000 }).toBe('retrying');
    expect(await message.locator('[data-testid=message-status]').textContent()).toBe('Reintentando');
    expect(await message.locator('[data-testid=message-next-try]').textContent()).toMatch(/^próximo intento \d/);
    expect(await message.locator('[data-testid=message-reason]').textContent()).toMatch(/451|try later/i);
    // A message the engine still tries is not the desk's to resend.
    expect(await message.locator('[data-testid=message-resend]').count()).toBe(0);
    await message.scrollIntoViewIfNeeded();
    await snap('05-detail-retrying', detail);
    expect(await fitsPanel(detail)).toBe(true);
    expect(desk.errors).toEqual([]);
  });
});
