import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { eventually } from '../support/test-database';
import { TEST_ADMIN } from '../support/sessions';

/**
 * The intake views in a real Chromium: an admin adds an API channel and sees its key once (a
 * supervisor may not); an
 * order with an unknown SKU lands in the exception inbox, is fixed in the payload editor and
 * replayed into an order.
 */
describe('channels and the exception inbox in a browser', () => {
  let desk: DeskUnderTest;

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'supervisor', name: 'Sofía Supervisora' },
      page: { locale: 'es-AR' },
      stock: [{ location: 'loc-palermo', sku: 'SKU-A', onHand: 5 }],
    });
  });
  afterAll(() => desk?.close());

  it('an admin adds an API channel in the desk and sees its key only once; a supervisor may not', async () => {
    // Channel configuration is the admin's: the supervisor's desk shows the button off, saying why.
    await desk.page.locator('[data-testid=nav-channels]').click();
    await desk.page.locator('[data-testid=channels-view]').waitFor();
    const supervisorAdd = desk.page.locator('[data-testid=channel-add]');
    expect(await supervisorAdd.isDisabled()).toBe(true);
    expect(await supervisorAdd.getAttribute('title')).toBe('Tu rol (Supervisor) no puede agregar canales: pedíselo a un administrador.');

    const { page } = await desk.newSignedInPage({ role: 'admin', name: 'Ada Admin' }, { locale: 'es-AR' });
    await page.goto(desk.base);
    await page.locator('[data-testid=nav-channels]').click();
    await page.locator('[data-testid=channels-view]').waitFor();
    await page.locator('[data-testid=channel-add]').click();
    await page.locator('[data-testid=channel-kind]').selectOption('api');
    await page.locator('[data-testid=channel-name]').fill('ERP central');
    await page.locator('[data-testid=channel-save]').click();
    const key = page.locator('[data-testid=api-key]');
    await key.waitFor();
    expect(await key.textContent()).toMatch(/^atk_/);
    await expect.poll(() => page.locator('[data-testid=channel-row]').count()).toBe(1);
    await desk.shot('intake-01-channel-key', page);
    await page.locator('[data-testid=api-key-banner] button', { hasText: 'Ya la guardé' }).click();
    expect(await page.locator('[data-testid=api-key]').count()).toBe(0);
    expect(await page.locator('[data-testid=channels-table]').textContent()).not.toContain('atk_');
    await page.context().close();
  });

  it('an order with an unknown SKU is quarantined, fixed in the desk and replayed into an order', async () => {
    const { page, base, db, engine, errors, shot } = desk;
    const { channel, apiKey } = await engine.dispatch('channels.create', { kind: 'api', name: 'Tienda propia' }, TEST_ADMIN);
    const res = await fetch(`${base}/api/v1/channels/${channel.id}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey! },
      body: JSON.stringify({
        externalId: 'E2E-Q-1',
        customer: { name: 'Camila Prueba' },
        shipTo: { line1: 'Av. Corrientes 1234', city: 'Buenos Aires', country: 'AR', lat: -34.6037, lng: -58.3816 },
        lines: [{ sku: 'SKU-TYPO', quantity: 1 }],
      }),
    });
    expect(res.status).toBe(200);
    const inboxId = ((await res.json()) as { inboxId: string }).inboxId;
    await eventually(
      async () =>
        (await db.pool.query('SELECT status FROM inbox WHERE id = $1', [inboxId])).rows[0].status === 'quarantined' ? true : undefined,
      'quarantined',
    );

    await page.locator('[data-testid=nav-exceptions]').click();
    const row = page.locator(`[data-testid=exception-row][data-inbox-id="${inboxId}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const detail = page.locator('[data-testid=exception-detail]');
    await detail.waitFor();
    expect(await detail.locator('[data-testid=exception-reason]').textContent()).toContain('SKU-TYPO');
    await shot('intake-02-quarantined');
    const body = detail.locator('[data-testid=exception-body]');
    await body.fill((await body.inputValue()).replace('SKU-TYPO', 'SKU-A'));
    await detail.locator('[data-testid=exception-replay]').click();
    await expect.poll(() => detail.locator('.inbox-status').first().textContent(), { timeout: 15_000 }).toBe('Procesado');
    const order = (await db.pool.query(`SELECT id, channel_id FROM orders WHERE external_id = 'E2E-Q-1'`)).rows[0];
    expect(order.channel_id).toBe(channel.id);
    await shot('intake-03-replayed');
    // No page errors — leaving the tower while its map animates included (the tower stays mounted, hidden).
    expect(errors).toEqual([]);
  });

  it('a channel SKU mapped in the desk lets a quarantined order replay unchanged', async () => {
    const { page, base, db, engine, shot } = desk;
    const { channel, apiKey } = await engine.dispatch('channels.create', { kind: 'api', name: 'Marketplace' }, TEST_ADMIN);
    const res = await fetch(`${base}/api/v1/channels/${channel.id}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey! },
      body: JSON.stringify({
        externalId: 'E2E-M-1',
        customer: { name: 'Bruno' },
        shipTo: { line1: 'Av. Santa Fe 100', city: 'Buenos Aires', country: 'AR', lat: -34.59, lng: -58.39 },
        lines: [{ sku: 'MKT-0001', quantity: 1 }],
      }),
    });
    const inboxId = ((await res.json()) as { inboxId: string }).inboxId;
    await eventually(
      async () =>
        (await db.pool.query('SELECT status FROM inbox WHERE id = $1', [inboxId])).rows[0].status === 'quarantined' ? true : undefined,
      'quarantined',
    );

    await page.locator('[data-testid=nav-channels]').click();
    const row = page.locator(`[data-testid=channel-row][data-channel-id="${channel.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.locator('[data-testid=channel-skus]').click();
    const mappings = page.locator('[data-testid=sku-mappings]');
    await mappings.locator('[data-testid=sku-channel]').fill('MKT-0001');
    await mappings.locator('[data-testid=sku-ours]').fill('SKU-A');
    await mappings.locator('[data-testid=sku-add]').click();
    await expect.poll(() => mappings.locator('tbody tr').count()).toBe(1);
    await shot('intake-04-sku-mapping');

    await page.locator('[data-testid=nav-exceptions]').click();
    await page.locator(`[data-testid=exception-row][data-inbox-id="${inboxId}"]`).click();
    const detail = page.locator('[data-testid=exception-detail]');
    await detail.locator('[data-testid=exception-replay]').click();
    await expect.poll(() => detail.locator('.inbox-status').first().textContent(), { timeout: 15_000 }).toBe('Procesado');
    const lines = (
      await db.pool.query(`SELECT l.sku FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.external_id = 'E2E-M-1'`)
    ).rows;
    expect(lines).toEqual([{ sku: 'SKU-A' }]);
  });
});
