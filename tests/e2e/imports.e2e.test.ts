import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';

const CSV = [
  'Pedido;Cliente;Dirección;Ciudad;País;Latitud;Longitud;SKU;Cantidad;Precio unitario',
  'E2E-1;Ana Gómez;Av. Santa Fe 3253;Buenos Aires;AR;-34,588;-58,41;SKU-A;2;1.500,50',
  'E2E-1;;;;;;;SKU-B;1;',
  'E2E-2;Beto Ruiz;Calle 1;Buenos Aires;AR;-34,6;-58,4;SKU-A;dos;',
  'E2E-3;Caro Díaz;Calle 2;Quilmes;AR;-34,72;-58,25;SKU-A;1;',
].join('\r\n');

/** The desk's Import and New-order views in a real Chromium against a real engine. */
describe('importing a file and entering an order in the desk', () => {
  let desk: DeskUnderTest;

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'planner', name: 'Paula Planner' },
      page: { locale: 'en-GB', acceptDownloads: true },
      stock: [
        { location: 'loc-palermo', sku: 'SKU-A', onHand: 20 },
        { location: 'loc-quilmes', sku: 'SKU-A', onHand: 5 },
        { location: 'loc-dc-ezeiza', sku: 'SKU-B', onHand: 20 },
      ],
      before: async ({ db }) => void (await db.pool.query(`UPDATE products SET name = 'Mate de calabaza' WHERE sku = 'SKU-A'`)),
    });
  });
  afterAll(() => desk?.close());

  it('imports a CSV chosen in the desk, shows its progress and the row-by-row report', async () => {
    const { page, shot } = desk;
    await page.locator('[data-testid=nav-import]').click();
    await page
      .locator('[data-testid=import-file-input]')
      .setInputFiles({ name: 'pedidos.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    const progress = page.locator('[data-testid=import-progress]');
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    await expect.poll(() => page.locator('[data-testid=import-row]').count(), { timeout: 10_000 }).toBe(4);
    const statuses = await page
      .locator('[data-testid=import-row]')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-line')}:${r.getAttribute('data-status')}`));
    expect(statuses).toEqual(['2:imported', '3:imported', '4:failed', '5:imported']);
    expect(await page.locator('[data-testid=import-row][data-line="4"]').textContent()).toContain('"dos" is not a whole number');
    expect(await page.locator('[data-testid=import-counts]').textContent()).toContain('3 imported');
    await shot('imports-01-report');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=import-download-failed]').click()]);
    expect(download.suggestedFilename()).toBe('pedidos-failed-rows.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('source_line,reason');
    expect(text).toContain('E2E-2');
    expect(await page.locator('[data-testid=import-history-item]').count()).toBe(1);
  });

  it('creates an order in the New-order view with live availability, and it appears in the tower queue', async () => {
    const { page, db, shot } = desk;
    await page.locator('[data-testid=nav-new-order]').click();
    await page.locator('[data-testid=entry-name]').fill('Marta Llamada');
    await page.locator('[data-testid=entry-line1]').fill('Av. Corrientes 1234');
    await page.locator('[data-testid=entry-city]').fill('Buenos Aires');
    await page.locator('[data-testid=entry-coords]').fill('-34.6037, -58.3816');
    await page.locator('[data-testid=entry-search]').fill('mate');
    await page.locator('[data-testid=entry-result][data-sku="SKU-A"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid=entry-search]').press('Enter');
    const available = page.locator('[data-testid=entry-item][data-sku="SKU-A"] [data-testid=entry-available]');
    // The network figure the desk shows is what the database says can be promised now (the imported orders hold some).
    const networkAvailable = async () =>
      Number((await db.pool.query(`SELECT sum(on_hand - reserved - safety_stock) AS n FROM stock WHERE sku = 'SKU-A'`)).rows[0].n);
    await expect
      .poll(async () => Number((await available.textContent())?.trim()) === (await networkAvailable()), { timeout: 15_000 })
      .toBe(true);
    expect(await networkAvailable()).toBeLessThan(25);
    await shot('imports-02-new-order');
    await page.locator('[data-testid=entry-submit]').click();
    const created = page.locator('[data-testid=entry-created]');
    await created.waitFor({ timeout: 10_000 });
    const orderId = await created.getAttribute('data-order-id');
    await page.locator('[data-testid=entry-see-in-tower]').click();
    const row = page.locator(`[data-testid=order-row][data-order-id="${orderId}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('Marta Llamada');
    await shot('imports-03-in-tower');
  });
});
