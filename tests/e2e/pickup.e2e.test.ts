import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { stockOf, waitForStatus } from '../support/sourcing-ops';

const SHOTS = '/tmp/h5-shots';

/**
 * Click & collect at the counter, in Chromium against a real engine: a store-pickup order packed at
 * Palermo is made ready by the store's associate — the code and its QR are shown once — a wrong code
 * is refused with the tries left, the right one hands everything over, and the order is delivered
 * with its units out of stock.
 */
describe('the pickup counter', () => {
  let desk: DeskUnderTest;
  const sku = `PU${String(Date.now()).slice(-6)}`;
  let orderId = '';
  let orderNumber = 0;
  /** The code shown once at make-ready, kept for the hand-over. */
  let code = '';

  const snap = async (name: string, p?: Page) => {
    await desk.shot(`pickup-${name}`, p);
    await (p ?? desk.page).screenshot({ path: `${SHOTS}/pickup-${name}.png`, animations: 'disabled' });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    desk = await startDeskUnderTest({
      as: { role: 'associate', name: 'Ana Asociada', locations: ['loc-palermo'] },
      open: false,
      page: { locale: 'es-AR', viewport: { width: 1366, height: 768 } },
      stock: [{ location: 'loc-palermo', sku, onHand: 5 }],
    });
  });
  afterAll(() => desk?.close());

  it('a packed store-pickup order is made ready: the code and QR are shown once', async () => {
    const { engine, page, base } = desk;
    const { order } = await engine.dispatch(
      'orders.create',
      {
        order: anOrder({
          customer: { name: 'Íñigo Muñoz' },
          lines: [{ sku, quantity: 2 }],
          deliveryType: 'store_pickup',
          pickupLocationId: 'loc-palermo',
        }),
      },
      PLANNER,
    );
    orderId = order.id;
    orderNumber = order.number;
    expect((await waitForStatus(engine, orderId, 'sourced')).locationId).toBe('loc-palermo');
    // Picked and packed through the contract (the printing e2e drives those benches in the desk).
    const { wave } = await engine.dispatch('picking.releaseWave', { locationId: 'loc-palermo', print: false }, PLANNER);
    for (let i = 0; i < 2; i++) await engine.dispatch('picking.scan', { waveId: wave.id, code: sku }, PLANNER);
    await engine.dispatch('picking.completeWave', { waveId: wave.id }, PLANNER);
    await engine.dispatch('packing.pack', { orderId, parcels: [{}], print: false }, PLANNER);
    await waitForStatus(engine, orderId, 'packed');

    await page.goto(base);
    await page.locator('[data-testid=nav-floor]').click();
    const floor = page.locator('[data-testid=floor-view]');
    await floor.locator('[data-testid=floor-location-fixed]').waitFor({ timeout: 15_000 });
    await floor.locator('[data-testid=floor-tab-pickup]').click();
    const toReady = floor.locator(`[data-testid=pickup-to-ready][data-order-id="${orderId}"]`);
    await toReady.waitFor({ timeout: 15_000 });
    await snap('01-to-ready');
    await toReady.locator('[data-testid=pickup-make-ready]').click();

    const shown = floor.locator('[data-testid=pickup-shown]');
    await shown.waitFor({ timeout: 15_000 });
    code = (await shown.locator('[data-testid=pickup-shown-code]').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9-]{4,}$/);
    await shown.locator('[data-testid=pickup-qr]').waitFor();
    expect(await shown.locator('[data-testid=pickup-qr]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(
      true,
    );
    await snap('02-code-shown');
    // The counter list never shows it again.
    await shown.getByRole('button').click();
    await shown.waitFor({ state: 'detached' });
    const card = floor.locator(`[data-testid=pickup-ready][data-order-id="${orderId}"]`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).not.toContain(code);
  });

  it('a wrong code is refused with the tries left; the right one hands everything over, the order is delivered and the stock goes', async () => {
    const { page, engine, db } = desk;
    const card = page.locator(`[data-testid=pickup-ready][data-order-id="${orderId}"]`);
    await card.locator('[data-testid=pickup-code]').fill(code === '000000' ? '111111' : '000000');
    await card.locator('[data-testid=pickup-handover]').click();
    const refused = card.locator('[data-testid=pickup-error]');
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.textContent()).toContain('4 tries left');
    await expect.poll(() => card.locator('[data-testid=pickup-wrong-count]').textContent(), { timeout: 15_000 }).toMatch(/1/);
    await snap('03-wrong-code');
    expect((await engine.dispatch('orders.get', { id: orderId }, PLANNER)).status).toBe('packed');

    await card.locator('[data-testid=pickup-code]').fill(code);
    await card.locator('[data-testid=pickup-handover]').click();
    const closed = page.locator(`[data-testid=pickup-closed][data-order-id="${orderId}"]`);
    await closed.waitFor({ timeout: 15_000 });
    expect(await closed.textContent()).toContain(`#${orderNumber}`);
    await snap('04-handed-over');
    await waitForStatus(engine, orderId, 'delivered');
    expect(await stockOf(db.pool, sku)).toEqual({ 'loc-palermo': { onHand: 3, reserved: 0 } });
    expect(desk.errors).toEqual([]);
  });
});
