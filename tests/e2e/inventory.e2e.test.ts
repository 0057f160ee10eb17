import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { TEST_ADMIN } from '../support/sessions';

/** The Inventory view in a real Chromium: a snapshot arrives over the feed route, a planner looks the SKU up, opens a ledger and reads the reconciliation. */
describe('the Inventory view in a browser', () => {
  let desk: DeskUnderTest;

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'planner', name: 'Paula Planner' },
      workers: false,
      open: false,
      page: { locale: 'es-AR' },
      stock: [
        { location: 'loc-palermo', sku: 'SKU-INV', onHand: 6, safety: 1 },
        { location: 'loc-quilmes', sku: 'SKU-INV', onHand: 2 },
      ],
    });
  });
  afterAll(() => desk?.close());

  it('shows ATP per location, network and channel, a ledger, and the reconciliation', async () => {
    const { page, base, errors, engine } = desk;
    // The POS sends its count with its own key (scope inventory.feeds).
    const pos = await engine.dispatch('apiKeys.create', { name: 'POS', scopes: ['inventory.feeds'] }, TEST_ADMIN);
    const res = await fetch(`${base}/api/v1/inventory/snapshots?source=pos`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${pos.secret}` },
      body: 'location_id,sku,on_hand\nloc-palermo,SKU-INV,9\n',
    });
    expect(res.status).toBe(200);
    await page.goto(base);
    // Let the tower's map finish fitting the network before leaving it (Leaflet animates the fit).
    const first = page.locator('path.atalaya-location').first();
    await first.waitFor();
    // Settled: no zoom animation under way and the marker where it was a quarter of a second ago.
    let last = '';
    await expect
      .poll(
        async () => {
          const now = JSON.stringify(await first.boundingBox());
          const animating = await page.locator('.leaflet-zoom-anim').count();
          const settled = animating === 0 && now === last;
          last = now;
          return settled;
        },
        { interval: 250, timeout: 30_000 },
      )
      .toBe(true);
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
    await desk.shot('inventory-view');
    expect(errors).toEqual([]);
  });
});
