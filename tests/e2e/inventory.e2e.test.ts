import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { launchChromium } from '../support/browser';
import { migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { seedFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const ARTIFACTS = resolve(__dirname, '../../test-results/e2e');
const DESK = resolve(__dirname, '../../out/renderer');

/** The Inventory view in a real Chromium: a snapshot arrives over the feed route, a planner looks the SKU up, opens a ledger and reads the reconciliation. */
describe('the Inventory view in a browser', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(resolve(DESK, 'index.html'))) throw new Error(`The desk is not built (${DESK}); run "npm run build" first (npm test does).`);
    mkdirSync(ARTIFACTS, { recursive: true });
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [{ location: 'loc-palermo', sku: 'SKU-INV', onHand: 6, safety: 1 }, { location: 'loc-quilmes', sku: 'SKU-INV', onHand: 2 }]);
    engine = await startTestEngine(db.url, { workers: false });
    app = await buildHttpApp(engine, { deskDir: DESK, deskActor: PLANNER, apiActor: API_ACTOR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'es-AR' });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  it('shows ATP per location, network and channel, a ledger, and the reconciliation', async () => {
    const res = await fetch(`${base}/api/v1/inventory/snapshots?source=pos`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'location_id,sku,on_hand\nloc-palermo,SKU-INV,9\n' });
    expect(res.status).toBe(200);
    await page.goto(base);
    // Let the tower's map finish fitting the network before leaving it (Leaflet animates the fit).
    await page.locator('path.atalaya-location').first().waitFor();
    await page.waitForTimeout(1500);
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('inventory-view').waitFor();
    await expect.poll(() => page.getByTestId('inventory-recon').innerText()).toMatch(/Foto #1 de pos: 1 filas, 1 corregidas/);
    await page.getByTestId('inventory-sku').fill('SKU-INV');
    await page.getByTestId('inventory-lookup').click();
    const palermo = page.getByTestId('inventory-loc-loc-palermo');
    await palermo.waitFor();
    expect(await palermo.innerText()).toMatch(/Tienda Palermo\s+9\s+0\s+1\s+0\s+0\s+8\s+ahora/);
    expect(await page.getByTestId('inventory-network').innerText()).toMatch(/Disponible \(ATP\) 10/);
    expect(await page.getByTestId('inventory-channels').innerText()).toMatch(/Mercado Libre\s+10/);
    // The map shows one circle per location holding the SKU.
    await expect.poll(() => page.locator('[data-testid="inventory-map"] path.leaflet-interactive').count()).toBe(2);
    await palermo.click();
    await expect.poll(() => page.getByTestId('inventory-ledger').innerText()).toMatch(/Existencia 9 · suma de movimientos 9/);
    expect(await page.getByTestId('inventory-ledger').innerText()).toMatch(/snapshot \(snapshot 1\)/);
    await page.screenshot({ path: resolve(ARTIFACTS, 'inventory-view.png') });
    expect(errors).toEqual([]);
  });
});
