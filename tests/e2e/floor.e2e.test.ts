import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { stockOf, waitForStatus } from '../support/sourcing-ops';

/**
 * A store associate works the Floor view in a real Chromium: picks the store, sees its open work
 * oldest first, rejects an order "not in stock", and the engine re-sources it elsewhere — the
 * order leaves this floor, appears on the other location's floor, and a planner's tower shows it
 * (the tower is the central desk's: the associate's cards do not open it).
 */
describe('the store floor in the desk', () => {
  let desk: DeskUnderTest;

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'associate', name: 'Ana Asociada', locations: ['loc-palermo', 'loc-quilmes'] },
      open: false,
      page: { locale: 'es-AR' },
      stock: [
        { location: 'loc-palermo', sku: 'E2E-FL', onHand: 3 },
        { location: 'loc-quilmes', sku: 'E2E-FL', onHand: 4 },
        { location: 'loc-palermo', sku: 'E2E-SP', onHand: 3 },
        { location: 'loc-quilmes', sku: 'E2E-SP', onHand: 4 },
      ],
    });
  });
  afterAll(() => desk?.close());

  /** The order's detail in a planner's tower, in a page of their own. */
  const openInTower = async (orderId: string) => {
    const { page } = await desk.newSignedInPage({ role: 'planner', name: 'Paula Planner' }, { locale: 'es-AR' });
    await page.goto(desk.base);
    const row = page.locator(`[data-testid=order-row][data-order-id="${orderId}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    return { page, detail: page.locator(`[data-testid=order-detail][data-order-id="${orderId}"]`) };
  };

  it('an associate rejects "not in stock" and the order is re-sourced elsewhere', async () => {
    const { page, base, errors, db, engine, shot } = desk;
    const { order: first } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ customer: { name: 'Marta Primera' }, lines: [{ sku: 'E2E-FL', quantity: 1 }] }) },
      PLANNER,
    );
    expect((await waitForStatus(engine, first.id, 'sourced')).locationId).toBe('loc-palermo');

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
    const { order: second } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ customer: { name: 'Nora Segunda' }, lines: [{ sku: 'E2E-FL', quantity: 1 }] }) },
      PLANNER,
    );
    await waitForStatus(engine, second.id, 'sourced');
    await expect
      .poll(() => view.locator('[data-testid=floor-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id'))), {
        timeout: 15_000,
      })
      .toEqual([first.id, second.id]);
    await shot('floor-01-list');

    await firstRow.locator('[data-testid=floor-reject]').click();
    const form = firstRow.locator('[data-testid=floor-reject-form]');
    await form.locator('[data-testid=floor-reason][value=not_in_stock]').check();
    await form.locator('[data-testid=floor-reject-note]').fill('Góndola vacía');
    await shot('floor-02-reject');
    await form.locator('[data-testid=floor-reject-confirm]').click();

    // It leaves this floor; the engine sources it at Quilmes.
    await firstRow.waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(async () => (await engine.dispatch('orders.get', { id: first.id }, PLANNER)).locationId, { timeout: 30_000 })
      .toBe('loc-quilmes');
    // Palermo's other order still held its unit: on hand fell to what it holds.
    expect((await stockOf(db.pool, 'E2E-FL'))['loc-palermo']).toEqual({ onHand: 1, reserved: 1 });

    await view.locator('[data-testid=floor-location]').selectOption('loc-quilmes');
    const moved = view.locator(`[data-testid=floor-row][data-order-id="${first.id}"]`);
    await moved.waitFor({ timeout: 15_000 });
    await shot('floor-03-quilmes');

    // The associate's card does not open the tower; a planner's tower shows the new location and the rejection.
    expect(await moved.locator('button.link').count()).toBe(0);
    const { page: tower, detail } = await openInTower(first.id);
    await expect.poll(() => detail.locator('[data-testid=detail-location]').textContent(), { timeout: 15_000 }).toBe('Tienda Quilmes');
    await detail.locator('[data-testid=timeline-entry][data-type="order.rejected"]').waitFor({ timeout: 10_000 });
    expect(await detail.locator('[data-testid=timeline-entry][data-type="order.rejected"]').textContent()).toContain('Góndola vacía');
    // The detail offers the floor's answers too (short pick, reject) while the order is not yet picked.
    await detail.locator('[data-testid=detail-floor-reject]').waitFor();
    await detail.locator('[data-testid=detail-floor-short]').click();
    await detail.locator('[data-testid=detail-floor-form]').waitFor();
    await shot('floor-04-detail', tower);
    await tower.context().close();
    expect(errors).toEqual([]);
  });

  it('a short pick keeps what was found here and the remainder appears on another floor; the order is picked when both parts are', async () => {
    const { page, base, errors, engine, db, shot } = desk;
    const { order } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ customer: { name: 'Olga Faltante' }, lines: [{ sku: 'E2E-SP', quantity: 3 }] }) },
      PLANNER,
    );
    expect((await waitForStatus(engine, order.id, 'sourced')).locationId).toBe('loc-palermo');
    await page.goto(base);
    await page.locator('[data-testid=nav-floor]').click();
    const view = page.locator('[data-testid=floor-view]');
    await expect.poll(() => view.locator('[data-testid=floor-location] option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await view.locator('[data-testid=floor-location]').selectOption('loc-palermo');
    const row = view.locator(`[data-testid=floor-row][data-order-id="${order.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.locator('[data-testid=floor-short]').click();
    await row.locator('[data-testid=floor-found]').fill('1');
    await row.locator('[data-testid=floor-short-confirm]').click();
    // The part here stays (picked, 1 unit); the floor says where the remainder went.
    await expect
      .poll(() => row.locator('[data-testid=floor-outcome]').textContent(), { timeout: 15_000 })
      .toMatch(/Lo encontrado queda acá; el resto sale desde Tienda Quilmes\./);
    await expect.poll(() => row.locator('[data-testid=floor-line]').textContent(), { timeout: 15_000 }).toMatch(/× 1/);
    await shot('floor-05-short-pick');
    expect(await stockOf(db.pool, 'E2E-SP')).toEqual({
      'loc-palermo': { onHand: 1, reserved: 1 },
      'loc-quilmes': { onHand: 4, reserved: 2 },
    });

    // Quilmes' floor has the remainder; picking it completes the order.
    await view.locator('[data-testid=floor-location]').selectOption('loc-quilmes');
    const rest = view.locator(`[data-testid=floor-row][data-order-id="${order.id}"]`);
    await rest.waitFor({ timeout: 15_000 });
    expect(await rest.locator('[data-testid=floor-line]').textContent()).toMatch(/× 2/);
    await rest.locator('[data-testid=floor-picked]').click();
    await expect
      .poll(async () => (await engine.dispatch('orders.get', { id: order.id }, PLANNER)).status, { timeout: 15_000 })
      .toBe('picked');

    // The detail (a planner's tower) lists both shipments, each picked.
    const { page: tower, detail } = await openInTower(order.id);
    await expect
      .poll(
        () =>
          detail
            .locator('[data-testid=order-part]')
            .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-location')}:${e.getAttribute('data-status')}`)),
        { timeout: 15_000 },
      )
      .toEqual(['loc-palermo:picked', 'loc-quilmes:picked']);
    await detail.locator('[data-testid=timeline-entry][data-type="order.remainder_sourced"]').waitFor({ timeout: 10_000 });
    await shot('floor-06-parts', tower);
    await tower.context().close();
    expect(errors).toEqual([]);
  });
});
