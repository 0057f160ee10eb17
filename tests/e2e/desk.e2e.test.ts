import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, startEngine, type Engine } from '../../src/engine';
import type { Order } from '../../src/shared';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { launchChromium } from '../support/browser';
import { openSignedInPage } from '../support/desk-under-test';
import { PLANNER } from '../support/engine-under-test';
import { signInAs } from '../support/sessions';
import { testQueuePrefix } from '../support/queue-keys';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const ARTIFACTS = resolve(__dirname, '../../test-results/e2e');
const DESK = resolve(__dirname, '../../out/renderer');

/**
 * The web desk in a real Chromium against a real engine with the demo retailer: the map shows the
 * network, an order posted to the API appears in the queue live, and a planner walks it to
 * delivery with every step on its timeline.
 */
describe('the control tower in a browser', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), animations: 'disabled' });

  beforeAll(async () => {
    if (!existsSync(resolve(DESK, 'index.html')))
      throw new Error(`The desk is not built (${DESK}); run "npm run build" first (npm test does).`);
    mkdirSync(ARTIFACTS, { recursive: true });
    db = await createTestDatabase();
    engine = await startEngine(
      loadConfig(
        {},
        {
          databaseUrl: db.url,
          redisUrl: process.env.REDIS_URL,
          demo: 'seed',
          workers: true,
          logLevel: 'warn',
          simulatorRate: 0,
          queuePrefix: testQueuePrefix('e2e'),
        },
      ),
    );
    app = await buildHttpApp(engine, { deskDir: DESK, apiActor: API_ACTOR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await openSignedInPage(browser, await signInAs(engine, { role: 'planner', name: 'Paula Planner' }), { locale: 'es-AR' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  it('shows every seeded location on the offline map', async () => {
    const expected = Number((await db.pool.query('SELECT count(*) AS n FROM locations')).rows[0].n);
    expect(expected).toBeGreaterThanOrEqual(45);
    await page.locator('path.atalaya-location').first().waitFor();
    // Each location is drawn on its own or counted in a cluster of stores.
    const shown = () =>
      page.evaluate(
        () =>
          document.querySelectorAll('path.atalaya-location').length +
          [...document.querySelectorAll('.atalaya-cluster-count')].reduce(
            (n, e) => n + Number((e.textContent ?? '').replace(/\D/g, '')),
            0,
          ),
      );
    await expect.poll(shown, { timeout: 15_000 }).toBe(expected);
    // The bundled base map is drawn (land on its own canvas), with no tile server configured.
    const land = page.locator('.leaflet-land-pane canvas');
    await land.waitFor({ state: 'attached', timeout: 15_000 });
    const painted = () =>
      land.evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4 * 16) if (data[i]! > 0) n++;
        return n;
      });
    await expect.poll(painted, { timeout: 15_000 }).toBeGreaterThan(1000);
    await shot('01-map');
  });

  it('an order posted to the API appears in the queue without a reload', async () => {
    // A SKU that a Buenos Aires store has in stock, whatever the demo catalog holds today.
    const sku = (
      await db.pool.query(
        `SELECT s.sku FROM stock s JOIN locations l ON l.id = s.location_id WHERE l.kind = 'store' AND l.city = 'Buenos Aires' AND s.on_hand - s.reserved - s.safety_stock > 1 ORDER BY s.sku LIMIT 1`,
      )
    ).rows[0].sku as string;
    const res = await fetch(`${base}/api/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `e2e-${Date.now()}` },
      body: JSON.stringify({
        channel: 'web',
        externalId: `E2E-${Date.now()}`,
        customer: { name: 'Camila Prueba', email: 'camila@example.com' },
        shipTo: { line1: 'Av. Corrientes 1234', city: 'Buenos Aires', country: 'AR', lat: -34.6037, lng: -58.3816 },
        lines: [{ sku, quantity: 1, unitPrice: 120000 }],
      }),
    });
    expect(res.status).toBe(201);
    const order = (await res.json()) as Order;
    const row = page.locator(`[data-testid=order-row][data-order-id="${order.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('Camila Prueba');
    await shot('02-queue-live');

    await row.click();
    const detail = page.locator('[data-testid=order-detail]');
    await detail.waitFor();
    await expect.poll(() => detail.locator('[data-testid=order-status]').getAttribute('data-status'), { timeout: 15_000 }).toBe('sourced');
    const sourcedAt = (await engine.dispatch('orders.get', { id: order.id }, PLANNER)).locationName;
    expect(await detail.locator('[data-testid=detail-location]').textContent()).toBe(sourcedAt);

    for (const step of ['picked', 'packed', 'shipped', 'delivered']) {
      await detail.locator('[data-testid=advance-button]').click();
      await expect.poll(() => detail.locator('[data-testid=order-status]').getAttribute('data-status'), { timeout: 10_000 }).toBe(step);
    }
    // Status steps only: the computed promise (order.promised) is an entry with no status of its own.
    const statusSteps = () =>
      detail
        .locator('[data-testid=timeline-entry]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-to-status')).filter((s) => !!s));
    await expect.poll(async () => (await statusSteps()).length).toBe(6);
    expect(await statusSteps()).toEqual(['received', 'sourced', 'picked', 'packed', 'shipped', 'delivered']);
    expect(await detail.locator('[data-testid=advance-button]').count()).toBe(0);
    // Every planner step is recorded with who did it.
    const stored = await engine.dispatch('orders.get', { id: order.id }, PLANNER);
    expect(
      stored.timeline
        .filter((e) => e.toStatus)
        .slice(2)
        .map((e) => e.actor),
    ).toEqual([PLANNER.name, PLANNER.name, PLANNER.name, PLANNER.name]);
    await shot('03-delivered-timeline');
  });

  it('switches the whole desk between Spanish and English', async () => {
    const status = page.locator('[data-testid=order-detail] [data-testid=order-status]');
    const before = await status.textContent();
    await page.locator('[data-testid=lang-toggle]').click();
    await expect.poll(() => status.textContent()).not.toBe(before);
    expect(['Delivered', 'Entregado']).toContain(await status.textContent());
    await shot('04-other-language');
  });
});
