import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { OrderDetail } from '../../src/shared';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { waitForStatus } from '../support/sourcing-ops';

const HOUR = 3_600_000;

/**
 * The planner's queue in Chromium: urgency columns and counts, the address carrying filters, sort
 * and the open order (reload, pasted link, back/forward), the keyboard (first focus, J/K, Enter,
 * Escape), live changes held while the planner works the list, and the layout at 1600×1000 and
 * 1366×768 with the order panel open beside the key columns.
 */
describe('the order queue a planner works from', () => {
  let desk: DeskUnderTest;
  let page: Page;
  const orders: OrderDetail[] = [];

  const place = async (customer: string, promisedInHours?: number) => {
    const promisedAt = promisedInHours === undefined ? undefined : new Date(Date.now() + promisedInHours * HOUR).toISOString();
    const { order } = await desk.engine.dispatch(
      'orders.create',
      { order: anOrder({ customer: { name: customer }, lines: [{ sku: 'QE-A', quantity: 1 }], ...(promisedAt ? { promisedAt } : {}) }) },
      PLANNER,
    );
    return waitForStatus(desk.engine, order.id, 'sourced');
  };
  const row = (id: string) => page.locator(`[data-testid=order-row][data-order-id="${id}"]`);
  const rowIds = () => page.locator('[data-testid=order-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id')));
  const detailId = () => page.locator('[data-testid=order-detail]').getAttribute('data-order-id');
  const focusedOrder = () =>
    page.evaluate(() => document.activeElement?.closest('[data-testid=order-row]')?.getAttribute('data-order-id') ?? null);
  const focusInDetail = () => page.evaluate(() => !!document.activeElement?.closest('[data-testid=order-detail]'));
  const noSidewaysScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'planner', name: 'Paula Planner' },
      stock: [{ location: 'loc-palermo', sku: 'QE-A', onHand: 100 }],
      page: { viewport: { width: 1600, height: 1000 }, locale: 'es-AR' },
      open: false,
      before: async (d) => {
        desk = d as DeskUnderTest;
        orders.push(await place('Late Lucía', -3));
        orders.push(await place('Soon Sofía', 1));
        orders.push(await place('Later Laura', 30));
        orders.push(await place('Default Diego'));
      },
    });
    page = desk.page;
    await page.goto(desk.base);
    await page.locator('[data-testid=order-row]').first().waitFor();
  }, 180_000);
  afterAll(async () => {
    await desk?.close();
  });

  it('shows the deadline, time left and a late flag in words, and counts late and at-risk orders', async () => {
    const late = row(orders[0]!.id);
    await expect.poll(() => late.locator('[data-urgency]').getAttribute('data-urgency')).toBe('late');
    expect(await late.locator('.col-urgency').textContent()).toContain('Atrasado');
    expect(await row(orders[1]!.id).locator('[data-urgency]').getAttribute('data-urgency')).toBe('atRisk');
    // Sourcing promised a date to the order that came without one (before, it was due by the default SLA).
    expect(await row(orders[3]!.id).locator('.col-promised time').getAttribute('datetime')).toBeTruthy();
    await expect.poll(() => page.locator('[data-testid=urgency-chip-late]').textContent()).toContain('Atrasados 1');
    expect(await page.locator('[data-testid=urgency-chip-atRisk]').textContent()).toContain('En riesgo 1');
    expect(await page.locator('[data-testid=status-count-sourced]').textContent()).toBe('4');

    // Sort by time left: late first, then least time left; the address says so.
    await page.locator('th[data-column=urgency]').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('sort=urgency');
    if (!(await page.evaluate(() => location.hash)).includes('dir=asc')) await page.locator('th[data-column=urgency]').click();
    await expect.poll(rowIds).toEqual(orders.map((o) => o.id));
    await desk.shot('queue-01-urgency-1600');
  });

  it('keeps filters, sort and the open order in the address: reload, a pasted link, back and forward', async () => {
    await page.locator('[data-testid=urgency-chip-late]').click();
    await expect.poll(rowIds).toEqual([orders[0]!.id]);
    await row(orders[0]!.id).click();
    await expect.poll(detailId).toBe(orders[0]!.id);
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('urgency=late');
    expect(hash).toContain(`order=${orders[0]!.id}`);

    await page.reload();
    await expect.poll(detailId).toBe(orders[0]!.id);
    await expect.poll(rowIds).toEqual([orders[0]!.id]);
    expect(await page.locator('[data-testid=urgency-chip-late]').getAttribute('aria-pressed')).toBe('true');

    // A link pasted into a new page opens that order.
    const other = await desk.newSignedInPage({ role: 'planner', name: 'Pablo Planner' }, { viewport: { width: 1600, height: 1000 } });
    await other.page.goto(`${desk.base}/#/orders?sort=urgency&dir=asc&order=${orders[2]!.id}`);
    await expect.poll(() => other.page.locator('[data-testid=order-detail]').getAttribute('data-order-id')).toBe(orders[2]!.id);
    await other.page.context().close();

    // Back and forward move between the orders opened.
    await page.locator('[data-testid=urgency-chip-late]').click();
    await row(orders[1]!.id).click();
    await expect.poll(detailId).toBe(orders[1]!.id);
    await row(orders[2]!.id).click();
    await expect.poll(detailId).toBe(orders[2]!.id);
    await page.goBack();
    await expect.poll(detailId).toBe(orders[1]!.id);
    await page.goForward();
    await expect.poll(detailId).toBe(orders[2]!.id);
  });

  it('saves the filters and sort as a named view that follows the planner to another desk', async () => {
    await page.goto(`${desk.base}/#/orders?sort=urgency&dir=asc&urgency=atRisk`);
    await page.reload();
    await expect.poll(rowIds).toEqual([orders[1]!.id]);
    await page.locator('[data-testid=saved-view-save]').click();
    await page.locator('[data-testid=saved-view-name]').fill('En riesgo primero');
    await page.locator('[data-testid=saved-view-confirm]').click();
    await expect.poll(() => page.locator('[data-testid=saved-view-select] option:checked').textContent()).toBe('En riesgo primero');

    // Another desk, same planner: the view is there, and picking it applies its filters and sort.
    const again = await desk.browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'es-AR' });
    await again.addCookies(await page.context().cookies());
    const other = await again.newPage();
    await other.goto(desk.base);
    await other.locator('[data-testid=order-row]').first().waitFor();
    await expect.poll(() => other.locator('[data-testid=saved-view-select] option').allTextContents()).toContain('En riesgo primero');
    await other.locator('[data-testid=saved-view-select]').selectOption({ label: 'En riesgo primero' });
    await expect.poll(() => other.evaluate(() => location.hash)).toContain('urgency=atRisk');
    await expect
      .poll(() => other.locator('[data-testid=order-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id'))))
      .toEqual([orders[1]!.id]);
    await desk.shot('queue-05-saved-view', other);
    await again.close();
  });

  it('works from the keyboard: first focus on the queue, J/K move, Enter opens into the panel, Escape returns', async () => {
    await page.goto(`${desk.base}/#/orders?sort=urgency&dir=asc`);
    await page.reload();
    await page.locator('[data-testid=order-row]').first().waitFor();
    // Nothing clicked yet: focus is already on the queue.
    await expect.poll(focusedOrder).not.toBeNull();
    await expect.poll(rowIds).toEqual(orders.map((o) => o.id));
    await row(orders[0]!.id).focus();
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    expect(await focusedOrder()).toBe(orders[2]!.id);
    await page.keyboard.press('k');
    expect(await focusedOrder()).toBe(orders[1]!.id);
    await page.keyboard.press('Enter');
    await expect.poll(detailId).toBe(orders[1]!.id);
    await expect.poll(focusInDetail).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid=order-detail]').count()).toBe(0);
    expect(await focusedOrder()).toBe(orders[1]!.id);
    // One Tab stop for the whole list (the row last focused), and the skip link is the page's first stop, landing on the queue.
    const tabStops = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')]
          .filter((e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled)
          .map((e) => e.getAttribute('data-testid') ?? e.tagName),
      );
    const stops = await tabStops();
    expect(stops[0]).toBe('skip-to-queue');
    expect(stops.filter((s) => s === 'order-row')).toHaveLength(1);
    await page.locator('[data-testid=skip-to-queue]').focus();
    await page.keyboard.press('Enter');
    expect(await focusedOrder()).not.toBeNull();
  });

  it('holds a new order while the planner works the list, and shows it on request', async () => {
    await page.goto(`${desk.base}/#/orders`);
    await page.reload();
    await page.locator('[data-testid=order-row]').first().waitFor();
    const before = await rowIds();
    await row(before[0]!).focus();
    await page.keyboard.press('j'); // working the list
    const fresh = await place('Nueva Nadia', 10);
    await page.locator('[data-testid=held-bar]').waitFor();
    expect(await page.locator('[data-testid=held-bar]').textContent()).toContain('1 pedido nuevo o cambiado');
    expect(await rowIds()).toEqual(before);
    expect(await focusedOrder()).toBe(before[1]);
    await desk.shot('queue-02-held-bar');
    await page.keyboard.press('n');
    await expect.poll(rowIds).toEqual([fresh.id, ...before]);
    expect(await page.locator('[data-testid=held-bar]').count()).toBe(0);
    // Focus stays on the order it was on.
    expect(await focusedOrder()).toBe(before[1]);
  });

  it('keeps the key columns beside the order panel, with no sideways scroll at 1366×768', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${desk.base}/#/orders?sort=urgency&dir=asc&order=${orders[0]!.id}`);
    await page.reload();
    await expect.poll(detailId).toBe(orders[0]!.id);
    const firstRow = row(orders[0]!.id);
    await firstRow.waitFor();
    for (const col of ['number', 'status', 'promised', 'urgency']) expect(await firstRow.locator(`.col-${col}`).isVisible()).toBe(true);
    expect(await noSidewaysScroll()).toBe(true);
    // The panel covers no queue column: it opens beside the queue, over the map.
    const table = await page.locator('[data-testid=order-table]').boundingBox();
    const panel = await page.locator('[data-testid=order-detail]').boundingBox();
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(table!.x);
    for (const col of ['customer', 'createdAt']) expect(await firstRow.locator(`.col-${col}`).isVisible()).toBe(true);
    await desk.shot('queue-03-detail-1366');
    // Wider panel from the keyboard: still no sideways scroll, key columns still there.
    await page.locator('[data-testid=detail-resizer]').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    expect((await page.locator('[data-testid=order-detail]').boundingBox())!.width).toBeGreaterThan(panel!.width);
    expect(await firstRow.locator('.col-status').isVisible()).toBe(true);
    expect(await noSidewaysScroll()).toBe(true);
    await desk.shot('queue-04-detail-wide-1366');
  });
});
