import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { launchChromium } from '../support/browser';
import { ASSOCIATE, migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { anOrder, seedFixture } from '../support/fixtures';
import { stockOf, waitForStatus } from '../support/sourcing-ops';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const ARTIFACTS = resolve(__dirname, '../../test-results/e2e');
const DESK = resolve(__dirname, '../../out/renderer');

/**
 * A store associate works the Floor view in a real Chromium: picks the store, sees its open work
 * oldest first, rejects an order "not in stock", and the engine re-sources it elsewhere — the
 * order leaves this floor, appears on the other location's floor, and the tower's detail shows it.
 */
describe('the store floor in the desk', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;
  const shot = (p: Page, name: string) => p.screenshot({ path: resolve(ARTIFACTS, `${name}.png`) });

  beforeAll(async () => {
    if (!existsSync(resolve(DESK, 'index.html'))) throw new Error(`The desk is not built (${DESK}); run "npx electron-vite build" first (npm test does).`);
    mkdirSync(ARTIFACTS, { recursive: true });
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [
      { location: 'loc-palermo', sku: 'E2E-FL', onHand: 3 },
      { location: 'loc-quilmes', sku: 'E2E-FL', onHand: 4 },
    ]);
    engine = await startTestEngine(db.url, { redisUrl: process.env.REDIS_URL });
    app = await buildHttpApp(engine, { deskDir: DESK, deskActor: ASSOCIATE, apiActor: API_ACTOR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  it('an associate rejects "not in stock" and the order is re-sourced elsewhere', async () => {
    const { order: first } = await engine.dispatch('orders.create', { order: anOrder({ customer: { name: 'Marta Primera' }, lines: [{ sku: 'E2E-FL', quantity: 1 }] }) }, PLANNER);
    expect((await waitForStatus(engine, first.id, 'sourced')).locationId).toBe('loc-palermo');

    page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'es-AR' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await page.locator('[data-testid=nav-floor]').click();
    const view = page.locator('[data-testid=floor-view]');
    await view.waitFor();
    await expect.poll(() => view.locator('[data-testid=floor-location] option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await view.locator('[data-testid=floor-location]').selectOption('loc-palermo');
    const firstRow = view.locator(`[data-testid=floor-row][data-order-id="${first.id}"]`);
    await firstRow.waitFor({ timeout: 15_000 });
    expect(await firstRow.locator('[data-testid=floor-line]').textContent()).toContain('E2E-FL');

    // Live: an order sourced here while the view is open appears, after the older one.
    const { order: second } = await engine.dispatch('orders.create', { order: anOrder({ customer: { name: 'Nora Segunda' }, lines: [{ sku: 'E2E-FL', quantity: 1 }] }) }, PLANNER);
    await waitForStatus(engine, second.id, 'sourced');
    await expect.poll(() => view.locator('[data-testid=floor-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id'))), { timeout: 15_000 }).toEqual([first.id, second.id]);
    await shot(page, 'floor-01-list');

    await firstRow.locator('[data-testid=floor-reject]').click();
    const form = firstRow.locator('[data-testid=floor-reject-form]');
    await form.locator('[data-testid=floor-reason][value=not_in_stock]').check();
    await form.locator('[data-testid=floor-reject-note]').fill('Góndola vacía');
    await shot(page, 'floor-02-reject');
    await form.locator('[data-testid=floor-reject-confirm]').click();

    // It leaves this floor; the engine sources it at Quilmes.
    await firstRow.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(async () => (await engine.dispatch('orders.get', { id: first.id }, PLANNER)).locationId, { timeout: 30_000 }).toBe('loc-quilmes');
    // Palermo's other order still held its unit: on hand fell to what it holds.
    expect((await stockOf(db.pool, 'E2E-FL'))['loc-palermo']).toEqual({ onHand: 1, reserved: 1 });

    await view.locator('[data-testid=floor-location]').selectOption('loc-quilmes');
    const moved = view.locator(`[data-testid=floor-row][data-order-id="${first.id}"]`);
    await moved.waitFor({ timeout: 15_000 });
    await shot(page, 'floor-03-quilmes');

    // The tower's detail shows the new location and the rejection on the timeline.
    await moved.locator('button.link').click();
    const detail = page.locator(`[data-testid=order-detail][data-order-id="${first.id}"]`);
    await expect.poll(() => detail.locator('[data-testid=detail-location]').textContent(), { timeout: 15_000 }).toBe('Tienda Quilmes');
    await detail.locator('[data-testid=timeline-entry][data-type="order.rejected"]').waitFor({ timeout: 10_000 });
    expect(await detail.locator('[data-testid=timeline-entry][data-type="order.rejected"]').textContent()).toContain('Góndola vacía');
    // The detail offers the floor's answers too (short pick, reject) while the order is not yet picked.
    await detail.locator('[data-testid=detail-floor-reject]').waitFor();
    await detail.locator('[data-testid=detail-floor-short]').click();
    await detail.locator('[data-testid=detail-floor-form]').waitFor();
    await shot(page, 'floor-04-detail');
    expect(errors).toEqual([]);
  });
});
