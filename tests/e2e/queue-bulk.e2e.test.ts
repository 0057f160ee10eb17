import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { OrderDetail } from '../../src/shared';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { waitForStatus } from '../support/sourcing-ops';

/**
 * Bulk actions in the queue, as a planner at a 1366×768 desk in Spanish: rows selected by checkbox,
 * shift-click and the X key, a reason required to cancel, a confirm step naming how many orders,
 * then "N hechos, M no" with each failure's order as a link and its reason in Spanish; the queue
 * shows the orders cancelled, and nothing scrolls sideways.
 */
describe('bulk actions in the order queue', () => {
  let desk: DeskUnderTest;
  let page: Page;
  const orders: OrderDetail[] = [];

  const row = (id: string) => page.locator(`[data-testid=order-row][data-order-id="${id}"]`);
  const rowIds = () => page.locator('[data-testid=order-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id')!));
  const statusOf = (id: string) => row(id).getAttribute('data-status');
  /** Neither the page nor the queue's table scrolls sideways (the checkbox column and the bar fit at 1366 px). */
  const noSidewaysScroll = () =>
    page.evaluate(() => {
      const fits = (el: Element | null) => !el || el.scrollWidth <= el.clientWidth;
      return fits(document.documentElement) && fits(document.querySelector('.table-scroll'));
    });
  const bar = () => page.locator('[data-testid=bulk-bar]');

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'planner', name: 'Paula Planner' },
      stock: [{ location: 'loc-palermo', sku: 'BULK-A', onHand: 100 }],
      page: { viewport: { width: 1366, height: 768 }, locale: 'es-AR' },
      open: false,
      before: async (d) => {
        for (const name of ['Ana Bulk', 'Bruno Bulk', 'Carla Bulk', 'Diego Bulk', 'Elena Bulk']) {
          const { order } = await d.engine.dispatch(
            'orders.create',
            { order: anOrder({ customer: { name }, lines: [{ sku: 'BULK-A', quantity: 1 }] }) },
            PLANNER,
          );
          orders.push(await waitForStatus(d.engine, order.id, 'sourced'));
        }
      },
    });
    page = desk.page;
    await page.goto(desk.base);
    await page.locator('[data-testid=order-row]').nth(4).waitFor({ timeout: 15_000 });
  }, 180_000);
  afterAll(async () => {
    await desk?.close();
  });

  it('selects three orders (click, shift-click, X), cancels them with a reason and shows them cancelled', async () => {
    const ids = await rowIds();
    expect(ids).toHaveLength(5);
    const [first, second, third] = ids as [string, string, string];
    await row(first).locator('[data-testid=bulk-select-row]').click();
    await row(third)
      .locator('[data-testid=bulk-select-row]')
      .click({ modifiers: ['Shift'] });
    await expect.poll(() => bar().locator('[data-testid=bulk-count]').textContent()).toBe('3 seleccionados');
    // X on the focused row toggles it (off and on again): the keyboard works the same selection.
    await row(second).focus();
    await page.keyboard.press('x');
    await expect.poll(() => bar().locator('[data-testid=bulk-count]').textContent()).toBe('2 seleccionados');
    await page.keyboard.press('x');
    await expect.poll(() => bar().locator('[data-testid=bulk-count]').textContent()).toBe('3 seleccionados');
    // A click on a checkbox selects; it does not open the order.
    expect(await page.locator('[data-testid=order-detail]').count()).toBe(0);

    await bar().locator('[data-testid=bulk-cancel]').click();
    await bar().locator('[data-testid=bulk-next]').click();
    expect(await bar().locator('.field-error').textContent()).toBe('Escribí por qué se cancelan los pedidos.');
    await bar().locator('[data-testid=bulk-reason]').fill('El cliente pidió cancelar');
    expect(await noSidewaysScroll()).toBe(true);
    await desk.shot('queue-bulk-01-selected-es-1366');
    await bar().locator('[data-testid=bulk-next]').click();

    const confirm = page.locator('[data-testid=bulk-confirm]');
    expect(await confirm.locator('[data-testid=bulk-confirm-text]').textContent()).toBe(
      '¿Cancelar 3 pedidos? Motivo: “El cliente pidió cancelar”',
    );
    await desk.shot('queue-bulk-02-confirm-es-1366');
    await confirm.locator('[data-testid=bulk-confirm-go]').click();

    const result = page.locator('[data-testid=bulk-result]');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.locator('[data-testid=bulk-result-summary]').textContent()).toBe('3 hechos, 0 no');
    for (const id of [first, second, third]) await expect.poll(() => statusOf(id), { timeout: 10_000 }).toBe('cancelled');
    for (const id of [first, second, third]) expect((await desk.engine.dispatch('orders.get', { id }, PLANNER)).status).toBe('cancelled');
    const timeline = (await desk.engine.dispatch('orders.get', { id: first }, PLANNER)).timeline.find((e) => e.toStatus === 'cancelled');
    expect(timeline).toMatchObject({ actor: 'Paula Planner', reason: 'El cliente pidió cancelar' });
    await result.locator('[data-testid=bulk-result-close]').click();
    expect(await page.locator('[data-testid=bulk-bar], [data-testid=bulk-result]').count()).toBe(0);
  });

  it('a mixed batch names each failure with a link to its order and the reason in Spanish', async () => {
    await page.locator('[data-testid=bulk-select-page]').click();
    await expect.poll(() => bar().locator('[data-testid=bulk-count]').textContent()).toBe('5 seleccionados');
    await bar().locator('[data-testid=bulk-cancel]').click();
    await bar().locator('[data-testid=bulk-reason]').fill('Sin stock en góndola');
    await bar().locator('[data-testid=bulk-next]').click();
    await page.locator('[data-testid=bulk-confirm-go]').click();

    const result = page.locator('[data-testid=bulk-result]');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.locator('[data-testid=bulk-result-summary]').textContent()).toBe('2 hechos, 3 no');
    const failures = result.locator('[data-testid=bulk-failure]');
    expect(await failures.count()).toBe(3);
    expect(await failures.first().locator('[data-testid=bulk-failure-reason]').textContent()).toBe(
      'Está “Cancelado”: ya no se puede cancelar.',
    );
    // What was not done stays selected; what was done left the selection.
    await expect.poll(() => page.locator('[data-testid=bulk-select-row]:checked').count()).toBe(3);
    expect(await noSidewaysScroll()).toBe(true);
    await desk.shot('queue-bulk-03-result-es-1366');

    const failedId = (await failures.first().getAttribute('data-order-id'))!;
    const number = orders.find((o) => o.id === failedId)!.number;
    const link = failures.first().locator('a');
    expect(await link.textContent()).toBe(`#${number}`);
    await link.click();
    await expect.poll(() => page.locator('[data-testid=order-detail]').getAttribute('data-order-id'), { timeout: 10_000 }).toBe(failedId);
    expect(await noSidewaysScroll()).toBe(true);
    await desk.shot('queue-bulk-04-failure-opened-es-1366');
    for (const o of orders) expect((await desk.engine.dispatch('orders.get', { id: o.id }, PLANNER)).status).toBe('cancelled');

    // A filter makes a different list: the selection is cleared.
    await page.locator('[data-testid=channel-filter]').selectOption('web');
    await expect.poll(() => page.locator('[data-testid=bulk-select-row]:checked').count()).toBe(0);
    expect(desk.errors).toEqual([]);
  });
});
