import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { launchChromium } from '../support/browser';
import { openSignedInPage } from '../support/desk-under-test';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { signInAs, type TestSession } from '../support/sessions';
import { waitForStatus } from '../support/sourcing-ops';
import type { TestDatabase } from '../support/test-database';

const ARTIFACTS = resolve(__dirname, '../../test-results/e2e');
const DESK = resolve(__dirname, '../../out/renderer');

/**
 * A supervisor overrules the engine from the desk in a real Chromium: the override dialog lists
 * the engine's ranked candidates and other locations with stock, a reason is required, the order
 * moves in the detail and the queue, and the timeline shows the engine's choice beside the
 * override. A planner's desk, on the same engine, offers no override and the engine refuses one.
 * The Unroutable view on the same desk lists what cannot be sourced, why, and retries it on demand.
 */
describe('supervisor override in the desk', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let base: string;
  let supervisor: TestSession;
  let planner: TestSession;
  let browser: Browser;
  let page: Page;
  let orderId: string;
  const shot = (p: Page, name: string) => p.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), animations: 'disabled' });

  beforeAll(async () => {
    if (!existsSync(resolve(DESK, 'index.html')))
      throw new Error(`The desk is not built (${DESK}); run "npx electron-vite build" first (npm test does).`);
    mkdirSync(ARTIFACTS, { recursive: true });
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'E2E-OV', onHand: 3 },
        { location: 'loc-quilmes', sku: 'E2E-OV', onHand: 4 },
        { location: 'loc-cordoba', sku: 'E2E-OV', onHand: 1 },
        { location: 'loc-dc-ezeiza', sku: 'E2E-NONE', onHand: 0 },
        { location: 'loc-palermo', sku: 'E2E-PA', onHand: 2 },
        { location: 'loc-palermo', sku: 'E2E-PB', onHand: 2 },
        { location: 'loc-quilmes', sku: 'E2E-PB', onHand: 2 },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
    // One web host; who acts is who signed in at each page.
    app = await buildHttpApp(engine, { deskDir: DESK, apiActor: API_ACTOR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    supervisor = await signInAs(engine, { role: 'supervisor', name: 'Sofía Supervisora' });
    planner = await signInAs(engine, { role: 'planner', name: 'Paula Planner' });
    const { order } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ customer: { name: 'Valentina Override' }, lines: [{ sku: 'E2E-OV', quantity: 2 }] }) },
      PLANNER,
    );
    orderId = order.id;
    const sourced = await waitForStatus(engine, orderId, 'sourced');
    expect(sourced.locationId).toBe('loc-palermo');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  const openOrder = async (p: Page, base: string) => {
    await p.goto(base);
    const row = p.locator(`[data-testid=order-row][data-order-id="${orderId}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const detail = p.locator('[data-testid=order-detail]');
    await expect.poll(() => detail.locator('[data-testid=order-status]').getAttribute('data-status'), { timeout: 15_000 }).toBe('sourced');
    return { row, detail };
  };

  it('a supervisor moves the order to a ranked candidate, with a reason, and sees engine choice vs override', async () => {
    page = await openSignedInPage(browser, supervisor, { locale: 'es-AR' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const { row, detail } = await openOrder(page, base);
    expect(await detail.locator('[data-testid=detail-location]').textContent()).toBe('Tienda Palermo');

    await detail.locator('[data-testid=override-button]').click();
    const dialog = page.locator('[data-testid=override-dialog]');
    await dialog.waitFor();
    await expect.poll(() => dialog.locator('[data-testid=override-option]').count(), { timeout: 10_000 }).toBe(3);
    expect(await dialog.locator('[data-testid=override-engine-choice]').textContent()).toContain('Tienda Palermo');
    const ids = await dialog
      .locator('[data-testid=override-option]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-location-id')));
    // Those that can fill it first; then the rest in the engine's rank (Palermo, its choice and the current one), then by distance.
    expect(ids).toEqual(['loc-quilmes', 'loc-palermo', 'loc-cordoba']);
    expect(await dialog.locator('#ov-loc-palermo').isDisabled()).toBe(true);
    expect(await dialog.locator('#ov-loc-cordoba').isDisabled()).toBe(true); // 1 unit for 2 ordered
    const quilmes = dialog.locator('[data-testid=override-option][data-location-id="loc-quilmes"]');
    expect(await quilmes.textContent()).toMatch(/km/);
    await dialog.locator('#ov-loc-quilmes').check();
    await shot(page, 'override-01-dialog');

    // No reason: refused in the dialog, nothing sent.
    await dialog.locator('[data-testid=override-confirm]').click();
    await dialog.locator('[data-testid=override-reason-error]').waitFor();
    expect((await engine.dispatch('orders.get', { id: orderId }, PLANNER)).locationId).toBe('loc-palermo');

    await dialog.locator('[data-testid=override-reason]').fill('Cliente retira cerca de Quilmes');
    await dialog.locator('[data-testid=override-confirm]').click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => detail.locator('[data-testid=detail-location]').textContent(), { timeout: 10_000 }).toBe('Tienda Quilmes');
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('Tienda Quilmes');

    const entry = detail.locator('[data-testid=timeline-entry][data-type="order.overridden"]');
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.locator('[data-testid=override-compare-engine]').textContent()).toContain('Tienda Palermo');
    expect(await entry.locator('[data-testid=override-compare-override]').textContent()).toContain('Tienda Quilmes');
    expect(await entry.textContent()).toContain('Cliente retira cerca de Quilmes');
    expect(await entry.textContent()).toContain(supervisor.actor.name);
    await shot(page, 'override-02-timeline');

    const stored = await engine.dispatch('orders.get', { id: orderId }, PLANNER);
    expect(stored).toMatchObject({ status: 'sourced', locationId: 'loc-quilmes' });
    const stock = await db.pool.query(`SELECT location_id, reserved FROM stock WHERE sku = 'E2E-OV' ORDER BY location_id`);
    expect(stock.rows).toEqual([
      { location_id: 'loc-cordoba', reserved: 0 },
      { location_id: 'loc-palermo', reserved: 0 },
      { location_id: 'loc-quilmes', reserved: 2 },
    ]);
    expect(errors).toEqual([]);
  });

  it('a planner sees no override, and the engine refuses one from a planner desk', async () => {
    const plannerPage = await openSignedInPage(browser, planner, { locale: 'es-AR' });
    const { detail } = await openOrder(plannerPage, base);
    // The planner's own actions are there; the override is not.
    await detail.locator('[data-testid=advance-button]').waitFor();
    expect(await detail.locator('[data-testid=override-button]').count()).toBe(0);
    await shot(plannerPage, 'override-03-planner');
    const res = await fetch(`${base}/api/v1/desk/sourcing.override`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: planner.cookie },
      body: JSON.stringify({ orderId, locationId: 'loc-palermo', reason: 'trying without the role' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    expect((await engine.dispatch('orders.get', { id: orderId }, PLANNER)).locationId).toBe('loc-quilmes');
    await plannerPage.close();
  });

  it('a supervisor moves one line of an order: only the locations that can take it are offered', async () => {
    const { order } = await engine.dispatch(
      'orders.create',
      {
        order: anOrder({
          customer: { name: 'Inés Dividida' },
          lines: [
            { sku: 'E2E-PA', quantity: 1 },
            { sku: 'E2E-PB', quantity: 1 },
          ],
        }),
      },
      PLANNER,
    );
    await waitForStatus(engine, order.id, 'sourced');
    const row = page.locator(`[data-testid=order-row][data-order-id="${order.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    // The previous order's detail panel still covers the row's middle: click its number, as a user would.
    await row.locator('td.col-number').click();
    const detail = page.locator(`[data-testid=order-detail][data-order-id="${order.id}"]`);
    await expect.poll(() => detail.locator('[data-testid=order-status]').getAttribute('data-status'), { timeout: 15_000 }).toBe('sourced');
    await detail.locator('[data-testid=override-button]').click();
    const dialog = page.locator('[data-testid=override-dialog]');
    await expect.poll(() => dialog.locator('[data-testid=override-option]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The whole order: Quilmes has no E2E-PA.
    expect(await dialog.locator('#ov-loc-quilmes').isDisabled()).toBe(true);
    await dialog.locator('[data-testid=override-line][value="E2E-PA"]').uncheck();
    await expect.poll(() => dialog.locator('#ov-loc-quilmes').isDisabled()).toBe(false);
    await dialog.locator('#ov-loc-quilmes').check();
    await dialog.locator('[data-testid=override-reason]').fill('E2E-PB sale de Quilmes');
    await dialog.locator('[data-testid=override-confirm]').click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    const entry = detail.locator('[data-testid=timeline-entry][data-type="order.overridden"]');
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.locator('[data-testid=override-compare-lines]').textContent()).toContain('E2E-PB × 1');
    await shot(page, 'override-05-partial');
    const held = await db.pool.query(`SELECT location_id, sku FROM reservations WHERE order_id = $1 AND status = 'reserved' ORDER BY sku`, [
      order.id,
    ]);
    expect(held.rows).toEqual([
      { location_id: 'loc-palermo', sku: 'E2E-PA' },
      { location_id: 'loc-quilmes', sku: 'E2E-PB' },
    ]);
  });

  it('the Unroutable view shows why an order waits, and "retry now" sources it once stock is there', async () => {
    const { order } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ customer: { name: 'Bruno Sinstock' }, lines: [{ sku: 'E2E-NONE', quantity: 1 }] }) },
      PLANNER,
    );
    await waitForStatus(engine, order.id, 'unfillable');
    await page.locator('[data-testid=nav-unroutable]').click();
    const row = page.locator(`[data-testid=unroutable-row][data-order-id="${order.id}"]`);
    await row.waitFor({ timeout: 10_000 });
    // The engine's reason, said in the planner's language (the page is es-AR).
    expect(await row.locator('[data-testid=unroutable-reason]').textContent()).toContain('Ninguna ubicación tiene stock disponible');
    expect(await row.textContent()).toContain('Bruno Sinstock');
    await row.locator('[data-testid=unroutable-retry]').click();
    await expect.poll(() => row.locator('[data-testid=unroutable-outcome]').count(), { timeout: 10_000 }).toBe(1);
    await shot(page, 'override-04-unroutable');
    // Stock arrives without announcing itself (an old updated_at): only "retry now" picks it up here.
    // The ledger row moves on hand (its trigger stamps updated_at); the same transaction — one simple
    // query, one implicit transaction — backdates the stamp, so the retry loop never sees a fresh one.
    await db.pool.query(
      `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) VALUES ('loc-dc-ezeiza', 'E2E-NONE', 1, 'receipt', 'test');
       UPDATE stock SET updated_at = now() - interval '1 hour' WHERE location_id = 'loc-dc-ezeiza' AND sku = 'E2E-NONE'`,
    );
    await row.locator('[data-testid=unroutable-retry]').click();
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    expect((await engine.dispatch('orders.get', { id: order.id }, PLANNER)).locationId).toBe('loc-dc-ezeiza');
    await page.locator('[data-testid=nav-tower]').click();
  });
});
