import { existsSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Engine } from '../../src/engine';
import { adapterFor } from '../../src/engine/adapters/channels/registry';
import type { InboundRequest } from '../../src/engine/ports/channel.port';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { shopifyKit } from '../integration/channels/kits';
import { launchChromium } from '../support/browser';
import { migrateTestDatabase, startTestEngine } from '../support/engine-under-test';
import { seedFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const ARTIFACTS = resolve(__dirname, '../../test-results/e2e');
const DESK = resolve(__dirname, '../../out/renderer');
const PLANNER: Actor = { id: 'u-planner', name: 'Paula Planner', role: 'planner' };
const SUPERVISOR: Actor = { id: 'u-super', name: 'Sofía Supervisora', role: 'supervisor' };

/**
 * Issue 3's end-to-end: a Shopify `orders/create` webhook, signed as Shopify signs it and posted
 * over real HTTP to the engine, becomes an order that appears on the planner's map and in the queue
 * without a reload — inbox, worker, normalisation, sourcing and the live event stream on the way.
 */
describe('a Shopify webhook becomes an order on the map', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;
  let channelId = '';
  const errors: string[] = [];
  const kit = shopifyKit(adapterFor('shopify')!);
  const post = (req: InboundRequest) =>
    fetch(`${base}/api/v1/channels/${channelId}/webhooks`, {
      method: 'POST',
      headers: Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => e[1] !== undefined)),
      body: new Uint8Array(req.rawBody),
    });

  beforeAll(async () => {
    if (!existsSync(resolve(DESK, 'index.html'))) throw new Error(`The desk is not built (${DESK}); run "npm run build" first (npm test does).`);
    mkdirSync(ARTIFACTS, { recursive: true });
    process.env.ATALAYA_SECRET_KEY = randomBytes(32).toString('base64');
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    // The fixture's two SKUs, held by a Buenos Aires store near the customer.
    await seedFixture(db.pool, [
      { location: 'loc-palermo', sku: 'ZAP-RUN-42-NEG', onHand: 5 },
      { location: 'loc-palermo', sku: 'MED-DEP-3', onHand: 5 },
    ]);
    engine = await startTestEngine(db.url, { redisUrl: process.env.REDIS_URL });
    const account = kit.account();
    channelId = (await engine.dispatch('channels.create', { kind: 'shopify', name: account.name, settings: { ...account.settings }, secrets: { ...account.secrets } }, SUPERVISOR)).channel.id;
    app = await buildHttpApp(engine, { deskDir: DESK, deskActor: PLANNER, apiActor: API_ACTOR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'en-US' });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await page.locator('path.atalaya-location').first().waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  it('a forged webhook is refused and shows nothing; the genuine one appears on the map and in the queue, sourced', async () => {
    expect(await page.locator('path.atalaya-order').count()).toBe(0);
    const req = kit.request();
    const forged = await post(kit.alteredBody(req));
    expect(forged.status).toBe(401);

    const res = await post(req);
    expect(res.status).toBe(200);
    // The order's dot and its route from the store appear on the map, live.
    await page.locator('path.atalaya-order').first().waitFor({ timeout: 20_000 });
    const row = page.locator('[data-testid=order-row]');
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    expect(await row.textContent()).toContain('Shopify');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 20_000 }).toBe('sourced');
    await expect.poll(() => page.locator('path.atalaya-route').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator('path.atalaya-order').count()).toBe(1);

    await row.locator('td').first().click();
    const detail = page.locator('[data-testid=order-detail]');
    await detail.waitFor();
    expect(await detail.locator('[data-testid=detail-location]').textContent()).toContain('Palermo');
    // What intake stored from Shopify's JSON: the channel account, Shopify's own number, payment.
    expect(await detail.locator('[data-testid=intake-channel-account]').textContent()).toBe(kit.account().name);
    expect(await detail.locator('[data-testid=intake-channel-number]').textContent()).toMatch(/\S/);
    expect(await detail.locator('[data-testid=intake-payment]').textContent()).toMatch(/\S/);
    await page.screenshot({ path: resolve(ARTIFACTS, 'shopify-webhook-on-map.png') });

    // The forged one left nothing behind: one inbox row, one order.
    expect(Number((await db.pool.query('SELECT count(*) AS n FROM inbox')).rows[0].n)).toBe(1);
    expect(Number((await db.pool.query('SELECT count(*) AS n FROM orders')).rows[0].n)).toBe(1);
    expect(errors).toEqual([]);
  });
});
