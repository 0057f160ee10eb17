import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANNER } from '../support/engine-under-test';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { anOrder } from '../support/fixtures';
import { TEST_ADMIN } from '../support/sessions';
import { eventually } from '../support/test-database';

/**
 * The one exception inbox in a real Chromium at 1366×768, in Spanish: a quarantined channel message
 * and an unroutable order in one list with SLA timers and order numbers; the planner takes the
 * quarantine ("Tomarla"), fixes the unknown SKU with the form (no JSON), and it leaves the list with
 * the order it became as a link by number.
 */
describe('the exception inbox in a browser', () => {
  let desk: DeskUnderTest;

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'planner', name: 'Paula Planificadora' },
      page: { locale: 'es-AR', viewport: { width: 1366, height: 768 } },
      stock: [
        { location: 'loc-palermo', sku: 'SKU-A', onHand: 5 },
        { location: 'loc-palermo', sku: 'SKU-NADA', onHand: 0 },
      ],
    });
  });
  afterAll(() => desk?.close());

  it('takes a quarantined message, fixes it with the form, and it leaves the list as a link to its order', async () => {
    const { page, base, db, engine, shot } = desk;
    const { channel, apiKey } = await engine.dispatch('channels.create', { kind: 'api', name: 'Tienda propia' }, TEST_ADMIN);
    const res = await fetch(`${base}/api/v1/channels/${channel.id}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey! },
      body: JSON.stringify({
        externalId: 'E2E-X-1',
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
    const { order: stuck } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ lines: [{ sku: 'SKU-NADA', quantity: 1 }] }) },
      PLANNER,
    );
    await eventually(
      async () => ((await engine.dispatch('orders.get', { id: stuck.id }, PLANNER)).status === 'unfillable' ? true : undefined),
      'the order to be unroutable',
    );

    await page.locator('[data-testid=nav-exceptions]').click();
    const inbox = page.locator('[data-testid=exception-inbox]');
    const quarantine = inbox.locator(`tr[data-kind=intake_quarantine][data-ref="${inboxId}"]`);
    const unroutable = inbox.locator(`tr[data-kind=unroutable][data-ref="${stuck.id}"]`);
    await quarantine.waitFor({ timeout: 15_000 });
    await unroutable.waitFor({ timeout: 15_000 });
    // Both in one list, each with its SLA timer; the order shows as its number, never its id.
    expect(await unroutable.locator('[data-testid=exception-order]').textContent()).toBe(`#${stuck.number}`);
    expect(await unroutable.textContent()).not.toContain(stuck.id);
    expect(await quarantine.locator('[data-testid=exception-sla]').textContent()).toMatch(/^quedan \d+ min$/);
    expect(await unroutable.locator('[data-testid=exception-sla]').textContent()).toMatch(/^quedan (\d+ min|1 h)$/);
    expect(await unroutable.locator('.xinbox-why').textContent()).toContain('Ninguna ubicación tiene stock disponible');
    expect(await inbox.locator('[data-testid=exception-kind][data-kind=unroutable]').textContent()).toBe('Sin ubicación 1');

    // "Tomarla": it is hers, and the "Mías" filter shows only it.
    await quarantine.locator('[data-testid=exception-take]').click();
    await expect.poll(() => quarantine.locator('[data-testid=exception-owner]').textContent(), { timeout: 10_000 }).toBe('Vos');
    const claim = (
      await db.pool.query(`SELECT user_name FROM exception_claims WHERE kind = 'intake_quarantine' AND ref_id = $1`, [inboxId])
    ).rows;
    expect(claim).toEqual([{ user_name: 'Paula Planificadora' }]);
    await inbox.locator('[data-testid=exception-owner-mine]').click();
    await expect.poll(() => inbox.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    expect(await unroutable.count()).toBe(0);
    await shot('exception-inbox-01-taken-mine');
    await inbox.locator('[data-testid=exception-owner-all]').click();
    await unroutable.waitFor({ timeout: 10_000 });
    await shot('exception-inbox-02-list');

    // The fix form: the unknown SKU mapped to a catalogue SKU, no JSON typed.
    await quarantine.locator('[data-testid=exception-open]').click();
    const detail = page.locator('[data-testid=exception-detail]');
    const form = detail.locator('[data-testid=exception-fix-form]');
    await form.waitFor();
    expect(await form.textContent()).toContain('SKU-TYPO');
    await form.locator('[data-testid=fix-sku]').fill('SKU-A');
    await shot('exception-inbox-03-fix-form');
    await form.locator('[data-testid=fix-apply]').click();
    await expect.poll(() => detail.locator('.inbox-status').first().textContent(), { timeout: 15_000 }).toBe('Procesado');
    await quarantine.waitFor({ state: 'detached', timeout: 15_000 });

    const order = (await db.pool.query(`SELECT id, number FROM orders WHERE external_id = 'E2E-X-1'`)).rows[0];
    const lines = (await db.pool.query(`SELECT sku FROM order_lines WHERE order_id = $1`, [order.id])).rows;
    expect(lines).toEqual([{ sku: 'SKU-A' }]);
    const link = detail.locator('[data-testid=exception-order-link]');
    await expect.poll(() => link.textContent(), { timeout: 10_000 }).toBe(`#${order.number}`);
    // The claim went with the item: nothing of it is listed any more.
    expect(await inbox.locator(`tr[data-ref="${inboxId}"]`).count()).toBe(0);
    await shot('exception-inbox-04-replayed');
    // 1366×768: no sideways scroll.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await link.click();
    await page.locator(`[data-testid=order-detail][data-order-id="${order.id}"]`).waitFor({ timeout: 15_000 });
    expect(desk.errors).toEqual([]);
  });
});
