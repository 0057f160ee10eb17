import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANNER } from '../support/engine-under-test';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { SUPERVISOR, waitForStatus } from '../support/sourcing-ops';

const DC = 'loc-dc-ezeiza';

/** Stores on the map: drawn one by one, or counted inside the clusters showing. */
const storesShown = (page: Page) =>
  page.evaluate(() => {
    const inClusters = [...document.querySelectorAll('.atalaya-cluster-count')].reduce(
      (n, e) => n + Number((e.textContent ?? '0').replace(/\D/g, '')),
      0,
    );
    return { single: document.querySelectorAll('path.atalaya-location-store').length, inClusters };
  });

/**
 * The live map of the demo retailer in Chromium: stores cluster at country zoom, DCs and dark stores
 * stay visible above them with their own shapes, a click opens the location's panel with the
 * engine's numbers, and a supervisor pauses a location from it.
 */
describe('the live map', () => {
  let desk: DeskUnderTest;
  let sku = '';
  let units = 0;

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      demo: true,
      as: { role: 'planner', name: 'Paula Planner' },
      page: { viewport: { width: 1600, height: 1000 }, locale: 'es-AR' },
      // Work at the DC before the desk opens: an order takes all of one SKU there (a backlog of one, and a stock-out that matters).
      async before({ db, engine }) {
        const row = (
          await db.pool.query(
            `SELECT sku, atalaya_available(on_hand, reserved, safety_stock, ring_fenced, location_id, sku, 'web')::int AS n
             FROM stock WHERE location_id = $1 AND atalaya_available(on_hand, reserved, safety_stock, ring_fenced, location_id, sku, 'web') BETWEEN 1 AND 999
             ORDER BY 2, 1 LIMIT 1`,
            [DC],
          )
        ).rows[0] as { sku: string; n: number };
        sku = row.sku;
        units = row.n;
        const { order } = await engine.dispatch(
          'orders.create',
          {
            order: {
              channel: 'web',
              externalId: `MAP-${Date.now()}`,
              customer: { name: 'Marta Mapa', email: 'marta@example.com' },
              shipTo: { line1: 'Av. Corrientes 1234', city: 'Buenos Aires', country: 'AR', lat: -34.6037, lng: -58.3816 },
              currency: 'ARS',
              lines: [{ sku, quantity: units, unitPrice: 1000 }],
            },
          },
          PLANNER,
        );
        const placed = await waitForStatus(engine, order.id, 'sourced');
        if (placed.locationId !== DC)
          await engine.dispatch('sourcing.override', { orderId: order.id, locationId: DC, reason: 'prueba del mapa' }, SUPERVISOR);
      },
    });
  });
  afterAll(() => desk?.close());

  it('clusters the stores at country zoom and keeps DCs and dark stores apart, on top, with their own shapes', async () => {
    const { page, db } = desk;
    const stores = Number((await db.pool.query(`SELECT count(*) AS n FROM locations WHERE kind = 'store'`)).rows[0].n);
    await page.locator('.atalaya-cluster').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('path.atalaya-location-dc').count()).toBe(3);
    expect(await page.locator('path.atalaya-location-dark_store').count()).toBe(4);
    // Every store is on the map: alone or counted in a cluster; Buenos Aires's are grouped.
    await expect
      .poll(async () => {
        const s = await storesShown(page);
        return s.single + s.inClusters;
      })
      .toBe(stores);
    expect((await storesShown(page)).inClusters).toBeGreaterThan(10);
    // Hubs sit in a pane above the stores.
    const z = await page.evaluate(() => ({
      stores: Number(getComputedStyle(document.querySelector('.leaflet-atalaya-stores-pane')!).zIndex),
      hubs: Number(getComputedStyle(document.querySelector('.leaflet-atalaya-hubs-pane')!).zIndex),
    }));
    expect(z.hubs).toBeGreaterThan(z.stores);
    // A fresh demo is not a sea of red: nothing waits beyond a day's capacity.
    expect(await page.locator('.atalaya-marker.health-critical').count()).toBe(0);
    expect(await page.getByTestId('kpi-critical').locator('.kpi-value').innerText()).toBe('0');
    expect(await page.getByTestId('map-legend').innerText()).toMatch(/100\s?%/);
    await desk.shot('map-01-country-1600');
  });

  it('hovering and clicking the DC reaches the DC, and its panel shows the engine’s numbers', async () => {
    const { page, engine } = desk;
    const dc = page.locator(`path[data-location-id="${DC}"]`);
    await dc.hover();
    await expect.poll(() => page.locator('.atalaya-tooltip').innerText()).toContain('CD Ezeiza');
    await dc.click();
    const panel = page.getByTestId('location-panel');
    await expect.poll(() => panel.getAttribute('data-location-id')).toBe(DC);
    const truth = (await engine.dispatch('locations.list', {}, PLANNER)).find((l) => l.id === DC)!;
    expect(truth.backlog).toBeGreaterThanOrEqual(1);
    expect(truth.stockOuts).toBeGreaterThanOrEqual(1);
    await expect.poll(() => panel.getByTestId('locpanel-queue').locator('.locpanel-stat-value').innerText()).toBe(String(truth.backlog));
    expect(await panel.getByTestId('locpanel-capacity').innerText()).toMatch(/de 8\.000 usados/);
    const outs = panel.getByTestId('locpanel-out');
    await expect.poll(() => outs.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining(sku)]));
    expect(await page.locator('.atalaya-marker.selected path').getAttribute('data-location-id')).toBe(DC);
    // The existing queue filter, from the panel.
    await panel.getByTestId('locpanel-filter').click();
    await expect.poll(() => panel.getByTestId('locpanel-filter').isDisabled()).toBe(true);
    // A planner may not pause.
    expect(await panel.getByTestId('locpanel-pause').count()).toBe(0);
    await desk.shot('map-02-dc-panel-1600');
  });

  it('lets a supervisor pause the DC from its panel, audited', async () => {
    const { page } = await desk.newSignedInPage(
      { role: 'supervisor', name: 'Sofía Supervisora' },
      { viewport: { width: 1366, height: 768 }, locale: 'es-AR' },
    );
    await page.goto(desk.base);
    const dc = page.locator(`path[data-location-id="${DC}"]`);
    await dc.waitFor({ timeout: 15_000 });
    await dc.click();
    const panel = page.getByTestId('location-panel');
    await panel.getByTestId('locpanel-pause').click();
    await panel.getByTestId('locpanel-pause-reason').fill('Inventario anual');
    await desk.shot('map-03-pause-1366', page);
    await panel.getByTestId('locpanel-pause-confirm').click();
    await expect
      .poll(() => panel.getByTestId('locpanel-paused').innerText(), { timeout: 10_000 })
      .toMatch(/Sofía Supervisora.*Inventario anual/);
    await expect.poll(() => page.locator(`.atalaya-marker.health-paused path[data-location-id="${DC}"]`).count()).toBe(1);
    const audit = await desk.db.pool.query(`SELECT user_name, location_id, reason FROM audit_log WHERE action = 'locations.pause'`);
    expect(audit.rows).toEqual([{ user_name: 'Sofía Supervisora', location_id: DC, reason: 'Inventario anual' }]);
    expect((await desk.engine.dispatch('locations.list', {}, PLANNER)).find((l) => l.id === DC)).toMatchObject({
      active: false,
      health: 'paused',
    });
    await desk.shot('map-04-paused-1366', page);
    await panel.getByTestId('locpanel-resume').click();
    await expect.poll(() => panel.getByTestId('locpanel-paused').count()).toBe(0);
    await page.context().close();
  });

  it('zoomed in, names provinces and cities from the bundled offline data, and spreads the Buenos Aires stores', async () => {
    const { page } = desk;
    await page.getByTestId('locpanel-close').click();
    await expect.poll(() => page.getByTestId('location-panel').count()).toBe(0);
    expect(await page.locator('.atalaya-place').count()).toBe(0); // the country view stays clean
    // Wheel in over the DC (Leaflet zooms around the pointer) until the city's stores stand apart.
    const dc = page.locator(`path[data-location-id="${DC}"]`);
    for (let i = 0; i < 3; i++) {
      // The marker is redrawn after each zoom (hubs spread apart): wait until it is on the page again,
      // and keep the box that poll saw — asking again can land between a redraw's remove and add.
      const seen: { box: Awaited<ReturnType<typeof dc.boundingBox>> } = { box: null };
      await expect.poll(async () => (seen.box = await dc.boundingBox()) !== null, { timeout: 15_000 }).toBe(true);
      const { x, y, width, height } = seen.box!;
      await page.mouse.move(x + width / 2, y + height / 2);
      await page.mouse.wheel(0, -240);
      await expect.poll(() => page.locator('.leaflet-zoom-anim').count()).toBe(0);
      // Leaflet gathers wheel events for 40 ms before it zooms: the next one must not fold into this one.
      await page.waitForTimeout(150);
    }
    await expect.poll(() => page.locator('.atalaya-place.city').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    expect(await page.locator('.atalaya-place.province').count()).toBeGreaterThan(0);
    // The names follow the view as it settles (a wheel's zoom lands after its debounce): wait for the city's own.
    await expect
      .poll(() => page.locator('.atalaya-place.city').allInnerTexts(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Buenos Aires']));
    await desk.shot('map-05-zoomed-1600');
  });
});
