import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterFor } from '../../src/engine/adapters/channels/registry';
import type { InboundRequest } from '../../src/engine/ports/channel.port';
import { shopifyKit } from '../integration/channels/kits';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { TEST_ADMIN } from '../support/sessions';

/**
 * Issue 3's end-to-end: a Shopify `orders/create` webhook, signed as Shopify signs it and posted
 * over real HTTP to the engine, becomes an order that appears on the planner's map and in the queue
 * without a reload — inbox, worker, normalisation, sourcing and the live event stream on the way.
 */
describe('a Shopify webhook becomes an order on the map', () => {
  let desk: DeskUnderTest;
  let channelId = '';
  const kit = shopifyKit(adapterFor('shopify')!);
  const post = (req: InboundRequest) =>
    fetch(`${desk.base}/api/v1/channels/${channelId}/webhooks`, {
      method: 'POST',
      headers: Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => e[1] !== undefined)),
      body: new Uint8Array(req.rawBody),
    });

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'planner', name: 'Paula Planner' },
      page: { locale: 'en-US' },
      // The fixture's two SKUs, held by a Buenos Aires store near the customer.
      stock: [
        { location: 'loc-palermo', sku: 'ZAP-RUN-42-NEG', onHand: 5 },
        { location: 'loc-palermo', sku: 'MED-DEP-3', onHand: 5 },
      ],
      async before({ engine }) {
        const account = kit.account();
        channelId = (
          await engine.dispatch(
            'channels.create',
            { kind: 'shopify', name: account.name, settings: { ...account.settings }, secrets: { ...account.secrets } },
            TEST_ADMIN,
          )
        ).channel.id;
      },
    });
    await desk.page.locator('path.atalaya-location').first().waitFor({ timeout: 15_000 });
  });
  afterAll(() => desk?.close());

  it('a forged webhook is refused and shows nothing; the genuine one appears on the map and in the queue, sourced', async () => {
    const { page, db, errors } = desk;
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

    await row.locator('td.col-number').click();
    const detail = page.locator('[data-testid=order-detail]');
    await detail.waitFor();
    expect(await detail.locator('[data-testid=detail-location]').textContent()).toContain('Palermo');
    // What intake stored from Shopify's JSON: the channel account, Shopify's own number, payment.
    expect(await detail.locator('[data-testid=intake-channel-account]').textContent()).toBe(kit.account().name);
    expect(await detail.locator('[data-testid=intake-channel-number]').textContent()).toMatch(/\S/);
    expect(await detail.locator('[data-testid=intake-payment]').textContent()).toMatch(/\S/);
    await desk.shot('shopify-webhook-on-map');

    // The forged one left nothing behind: one inbox row, one order.
    expect(Number((await db.pool.query('SELECT count(*) AS n FROM inbox')).rows[0].n)).toBe(1);
    expect(Number((await db.pool.query('SELECT count(*) AS n FROM orders')).rows[0].n)).toBe(1);
    expect(errors).toEqual([]);
  });
});
