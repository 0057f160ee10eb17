import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorWebhook } from '../../src/engine/adapters/carriers/simulator.carrier';
import type { OrderInput } from '../../src/shared';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { ASSOCIATE, PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { startRawPrinter, type RawPrinter } from '../support/raw-printer';
import { TEST_ADMIN } from '../support/sessions';
import { waitForStatus } from '../support/sourcing-ops';
import { eventually } from '../support/test-database';

/** Screenshots a person looks at, besides the run's own artifacts in test-results/e2e. */
const SHOTS = '/tmp/h5-shots';

/**
 * Carriers and the last mile from the desk, in Chromium against a real engine with the built-in
 * simulator carrier: a supervisor packs an order on the Floor view; the engine rate-shops the two
 * simulator accounts, buys the label and the carrier's ZPL reaches the station's thermal printer;
 * the order detail shows the choice with every option weighed and the shipment with its tracking.
 * The carrier scans (its webhooks, verified and re-fetched by the engine): "out for delivery" and
 * "delivered" appear live in the order timeline. A parcel to a postcode the simulator delays gets
 * its ETA slipping: the alert appears on the late board and in the exception inbox.
 */
describe('shipping from the desk', () => {
  let desk: DeskUnderTest;
  let zebra: RawPrinter;
  let sheets: string;
  const tag = String(Date.now()).slice(-6);
  const SKU = `SH${tag}`;
  /** Steps of the simulator's journeys: label → first scan → hub → out for delivery → delivered. */
  const STEP_SECONDS = 2;
  const SECRET = `whsec-${tag}`;
  const CHEAP = `sim-correo-${tag}`;
  let orderId = '';
  let orderNumber = 0;
  let tracking = '';
  let carrierOf = '';

  const snap = async (name: string, p?: Page) => {
    await desk.shot(`shipping-${name}`, p);
    await (p ?? desk.page).screenshot({ path: `${SHOTS}/shipping-${name}.png`, animations: 'disabled' });
  };
  /**
   * The carrier tells us something happened (a hint: the engine verifies it and re-fetches the
   * tracking). Paced at one call a second, as a carrier's scans come; the wait is not asserted on.
   */
  const carrierCalls = async (account: string, trackingNumber: string, n: number) => {
    if (n > 0) await new Promise((r) => setTimeout(r, 1_000));
    const hook = simulatorWebhook(SECRET, [trackingNumber], `e2e-${trackingNumber}-${n}`);
    const res = await fetch(`${desk.base}/api/v1/carriers/${account}${hook.path}`, {
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
  const shipmentsOf = async (id: string) => (await desk.engine.dispatch('shipping.forOrder', { orderId: id }, PLANNER)).shipments;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    zebra = await startRawPrinter();
    sheets = mkdtempSync(join(tmpdir(), 'atalaya-e2e-sheets-'));
    desk = await startDeskUnderTest({
      as: { role: 'supervisor', name: 'Sofía Supervisora' },
      open: false,
      page: { locale: 'es-AR', viewport: { width: 1366, height: 768 } },
      stock: [{ location: 'loc-palermo', sku: SKU, onHand: 20 }],
      async before({ engine }) {
        await engine.dispatch('products.upsert', { products: [{ sku: SKU, name: 'Yerba mate 1 kg', weightGrams: 1_050 }] }, TEST_ADMIN);
        // The station's printers, through the contract: labels to a thermal printer (ZPL), slips to a folder.
        const thermal = await engine.dispatch(
          'printing.savePrinter',
          { name: 'Zebra muelle', transport: 'raw9100', address: zebra.address, language: 'zpl', dpi: 203, paper: '4x6' },
          TEST_ADMIN,
        );
        const folder = await engine.dispatch(
          'printing.savePrinter',
          { name: 'Carpeta remitos', transport: 'folder', address: sheets, language: 'pdf', paper: 'A4' },
          TEST_ADMIN,
        );
        await engine.dispatch('printing.setRoute', { docType: 'shipping_label', printerId: thermal.id, strict: true }, TEST_ADMIN);
        await engine.dispatch('printing.setRoute', { docType: 'packing_slip', printerId: folder.id }, TEST_ADMIN);
        // Two simulator accounts for the rate shop to weigh; parcels to postcode 5000 are delayed by the carrier.
        for (const [id, name, priceBase] of [
          [CHEAP, 'Correo Simulado', '1800'],
          [`sim-express-${tag}`, 'Express Simulado', '7500'],
        ] as const) {
          await engine.dispatch(
            'carriers.save',
            {
              id,
              kind: 'simulator',
              name,
              settings: { stepSeconds: String(STEP_SECONDS), labels: 'sync', rules: '5000:delay', priceBase },
              secrets: { webhookSecret: SECRET },
            },
            TEST_ADMIN,
          );
        }
      },
    });
  });
  afterAll(async () => {
    await desk?.close();
    await zebra?.close();
    if (sheets) rmSync(sheets, { recursive: true, force: true });
  });

  it('packed on the Floor view: the rate shop chooses, the carrier’s label prints at the station, the detail explains the choice', async () => {
    const { page, base } = desk;
    const order = await pickedOrder({ customer: { name: 'Núñez Peña' } });
    orderId = order.id;
    orderNumber = order.number;

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

    // The label is bought from the carrier and its own ZPL reaches the station's thermal printer.
    const [shipment] = await eventually(async () => {
      const s = await shipmentsOf(orderId);
      return s.length === 1 && s[0]!.status === 'ready' ? s : undefined;
    }, 'the label to be bought (shipment ready)');
    tracking = shipment!.trackingNumber!;
    carrierOf = shipment!.carrierAccountId!;
    expect(tracking).toMatch(/^SIM-/);
    expect(shipment).toMatchObject({ labelFormat: 'zpl', carrier: 'simulator' });
    const label = await eventually(
      async () => zebra.jobs.map((j) => j.toString('utf8')).find((z) => z.includes(tracking)),
      `the carrier's label for ${tracking} at the thermal printer`,
      30_000,
    );
    expect(label).toMatch(/^\^XA/);

    // The dock shows it waiting for its carrier.
    const dock = floor.locator(`[data-testid=dock-carrier][data-account-id="${carrierOf}"]`);
    await dock.locator(`[data-testid=dock-shipment][data-status=ready]`).first().waitFor({ timeout: 15_000 });
    expect(await dock.textContent()).toContain(tracking);
    await snap('01-packed-dock');

    // The order detail: the carrier chosen, why, every option weighed; the shipment and its label event.
    await page.locator('[data-testid=nav-tower]').click();
    await page.locator(`[data-testid=order-row][data-order-id="${orderId}"]`).first().click();
    const detail = page.locator(`[data-testid=order-detail][data-order-id="${orderId}"]`);
    const section = detail.locator('[data-testid=shipping-section]');
    await section.locator('[data-testid=shipping-decision]').waitFor({ timeout: 15_000 });
    expect(await section.locator('[data-testid=shipping-chosen]').textContent()).toContain('Correo Simulado');
    expect((await section.locator('[data-testid=shipping-explanation]').textContent())!.length).toBeGreaterThan(10);
    // Two accounts, two services each.
    expect(await section.locator('[data-testid=shipping-decision] [data-testid=rate-option]').count()).toBe(4);
    const card2 = section.locator('[data-testid=shipment]');
    expect(await card2.getAttribute('data-status')).toBe('ready');
    expect(await card2.locator('[data-testid=tracking-number]').textContent()).toBe(tracking);
    await card2.locator('[data-testid=tracking-event][data-status=ready]').first().waitFor();
    await section.scrollIntoViewIfNeeded();
    await snap('02-detail-decision');

    // A supervisor may change the carrier: the dialog quotes live, and needs an option and a reason.
    await section.locator('[data-testid=change-carrier]').click();
    const dialog = page.locator('[data-testid=change-carrier-dialog]');
    await expect.poll(() => dialog.locator('[data-testid=rate-option]').count(), { timeout: 15_000 }).toBe(4);
    await snap('03-change-carrier');
    await dialog.getByRole('button', { name: 'Volver' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('the carrier scans: "out for delivery" and "delivered" appear live in the order timeline', async () => {
    const { page } = desk;
    const detail = page.locator(`[data-testid=order-detail][data-order-id="${orderId}"]`);
    const entry = (type: string) => detail.locator(`[data-testid=timeline-entry][data-type="${type}"]`);
    // The carrier calls us as its scans happen; the page is not reloaded.
    let n = 0;
    await eventually(
      async () => {
        await carrierCalls(carrierOf, tracking, n++);
        return (await entry('shipment.out_for_delivery').count()) > 0 ? true : undefined;
      },
      'out for delivery in the timeline',
      60_000,
    );
    expect(await entry('shipment.out_for_delivery').textContent()).toContain('En reparto');
    await entry('shipment.out_for_delivery').scrollIntoViewIfNeeded();
    await snap('04-out-for-delivery');
    await eventually(
      async () => {
        await carrierCalls(carrierOf, tracking, n++);
        return (await entry('shipment.delivered').count()) > 0 ? true : undefined;
      },
      'delivered in the timeline',
      60_000,
    );
    // The order follows its shipment, and the shipment card shows the carrier's raw words beside ours.
    await expect
      .poll(() => detail.locator('[data-testid=order-status]').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('delivered');
    const card = detail.locator('[data-testid=shipment]');
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 15_000 }).toBe('delivered');
    expect(await card.locator('[data-testid=tracking-event]').count()).toBeGreaterThanOrEqual(4);
    await entry('shipment.delivered').scrollIntoViewIfNeeded();
    await snap('05-delivered');
    expect(await entry('shipment.delivered').textContent()).toContain(tracking);
  });

  it('a delayed parcel appears on the late board and in the exception inbox', async () => {
    const { page, engine } = desk;
    const order = await pickedOrder({
      customer: { name: 'Bruno Demorado' },
      shipTo: {
        line1: 'Bv. San Juan 450',
        city: 'Córdoba',
        region: 'Córdoba',
        postalCode: '5000',
        country: 'AR',
        lat: -31.4201,
        lng: -64.1888,
      },
    });
    await engine.dispatch('packing.pack', { orderId: order.id, parcels: [{}], print: false }, PLANNER);
    const [s] = await eventually(async () => {
      const list = await shipmentsOf(order.id);
      return list[0]?.status === 'ready' ? list : undefined;
    }, 'the delayed parcel’s label');
    // The carrier scans it and reports it held at its hub, the ETA slipping at each step.
    let n = 0;
    await eventually(
      async () => {
        await carrierCalls(s!.carrierAccountId!, s!.trackingNumber!, n++);
        const now = (await shipmentsOf(order.id))[0]!;
        return now.events.some((e) => e.carrierCode === 'DLY') ? now : undefined;
      },
      'the carrier to report the delay',
      60_000,
    );
    // The delay watch raises the alert (it runs every 30 s).
    const alert = await eventually(
      async () => (await engine.dispatch('shipping.alerts', { status: 'open', limit: 200 }, PLANNER)).find((a) => a.orderId === order.id),
      'an alert for the delayed parcel',
      90_000,
    );
    expect(['eta_after_promise', 'eta_slipping', 'carrier_exception']).toContain(alert.reason);

    await page.locator('[data-testid=nav-late-board]').click();
    const board = page.locator('[data-testid=late-board-view]');
    const row = board.locator(`[data-testid=late-alert][data-order-id="${order.id}"]`);
    await row.first().waitFor({ timeout: 15_000 });
    expect(await board.locator(`[data-testid=late-group][data-reason="${alert.reason}"]`).count()).toBeGreaterThan(0);
    expect(await row.first().textContent()).toContain(`#${order.number}`);
    await snap('06-late-board');

    await page.locator('[data-testid=nav-exceptions]').click();
    const inbox = page.locator(`[data-testid=shipping-alerts] [data-testid=shipping-alert][data-order-id="${order.id}"]`);
    await inbox.first().waitFor({ timeout: 15_000 });
    await snap('07-exception-inbox');
    // One click opens the order; the delay is on its timeline.
    await inbox.first().locator('[data-testid=alert-order]').click();
    const detail = page.locator(`[data-testid=order-detail][data-order-id="${order.id}"]`);
    await detail.locator('[data-testid=timeline-entry][data-type="shipment.delayed"]').first().waitFor({ timeout: 15_000 });
    await detail.locator('[data-testid=timeline-entry][data-type="shipment.delayed"]').first().scrollIntoViewIfNeeded();
    await snap('08-delayed-in-timeline');
    // Dealt with, in one click each: the inbox empties for this order.
    await page.locator('[data-testid=nav-exceptions]').click();
    await inbox.first().waitFor({ timeout: 15_000 });
    for (let left = await inbox.count(); left > 0; left--) {
      await inbox.first().locator('[data-testid=alert-resolve]').click();
      await expect.poll(() => inbox.count(), { timeout: 15_000 }).toBe(left - 1);
    }
    expect((await engine.dispatch('shipping.alerts', { status: 'resolved', limit: 200 }, PLANNER)).map((a) => a.id)).toContain(alert.id);
    expect(desk.errors).toEqual([]);
    expect(orderNumber).toBeGreaterThan(0);
  });
});
