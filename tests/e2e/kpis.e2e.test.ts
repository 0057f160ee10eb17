import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { OrderDetail } from '../../src/shared';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { waitForStatus } from '../support/sourcing-ops';

const HOUR = 3_600_000;

/**
 * The KPI strip above the queue in Chromium at 1366×768, in Spanish: figures formatted in es-AR,
 * a tooltip that says what each counts, the at-risk and late counts filtering the queue, live
 * orders moving the figures, and one row that leaves the queue in view without sideways scroll.
 */
describe('the KPI strip a planner reads above the queue', () => {
  let desk: DeskUnderTest;
  let page: Page;
  const o: Record<string, OrderDetail> = {};

  const place = async (name: string, sku: string, want: 'sourced' | 'unfillable', promisedInHours?: number) => {
    const promisedAt = promisedInHours === undefined ? undefined : new Date(Date.now() + promisedInHours * HOUR).toISOString();
    const { order } = await desk.engine.dispatch(
      'orders.create',
      { order: anOrder({ customer: { name }, lines: [{ sku, quantity: 1 }], ...(promisedAt ? { promisedAt } : {}) }) },
      PLANNER,
    );
    o[name] = await waitForStatus(desk.engine, order.id, want);
  };
  const value = (id: string) => page.locator(`[data-testid=kpis-${id}-value]`).textContent();
  const rowIds = () => page.locator('[data-testid=order-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id')));

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'planner', name: 'Paula Planner' },
      stock: [
        { location: 'loc-palermo', sku: 'KP-A', onHand: 100 },
        { location: 'loc-palermo', sku: 'KP-NONE', onHand: 0 },
      ],
      page: { viewport: { width: 1366, height: 768 }, locale: 'es-AR' },
      open: false,
      before: async (d) => {
        desk = d as DeskUnderTest;
        await place('Tardía Teresa', 'KP-A', 'sourced', -3);
        await place('Riesgo Rosa', 'KP-A', 'sourced', 1);
        await place('Normal Nora', 'KP-A', 'sourced');
        await place('Normal Néstor', 'KP-A', 'sourced');
        await place('Sin Stock Sara', 'KP-NONE', 'unfillable');
        await place('Enviado Ernesto', 'KP-A', 'sourced');
        for (const to of ['picked', 'packed', 'shipped'] as const)
          await desk.engine.dispatch('orders.advance', { id: o['Enviado Ernesto']!.id, to }, PLANNER);
      },
    });
    page = desk.page;
    await page.goto(desk.base);
    await page.locator('[data-testid=order-row]').first().waitFor();
  }, 180_000);
  afterAll(async () => {
    await desk?.close();
  });

  it('shows the six figures in Spanish formatting, each explained in its tooltip', async () => {
    await expect.poll(() => value('rate')).toMatch(/^6/);
    // 5 of 6 decided orders sourced complete at first: 83,3 % (a decimal comma).
    expect(await value('fill')).toMatch(/^83,3\s?%$/);
    expect(await value('split')).toMatch(/^0\s?%$/);
    expect(await value('onTime')).toMatch(/^100\s?%$/);
    expect(await page.locator('[data-testid=kpis-fill] .kpis-sub').textContent()).toBe('5 de 6');
    expect(await page.locator('[data-testid=kpis-fill]').getAttribute('title')).toContain('primera decisión');
    expect(await value('backlog')).toMatch(/^\d+\s?min$/);
    expect(await page.locator('[data-testid=kpis-atRisk]').textContent()).toBe('En riesgo 1');
    expect(await page.locator('[data-testid=kpis-late]').textContent()).toBe('Atrasados 1');
    expect(await page.locator('[data-testid=kpis-late]').getAttribute('title')).toContain('Clic para verlos en la cola');
  });

  it('fits one row at 1366×768: no sideways scroll, and the first queue rows stay in view', async () => {
    const strip = await page.locator('[data-testid=kpis-strip]').boundingBox();
    expect(strip!.height).toBeLessThanOrEqual(56);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    // Every tile is inside the strip (none wrapped to a second row or pushed out to the side).
    const tiles = await page
      .locator('[data-testid=kpis-strip] .kpis-tile')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
    expect(tiles).toHaveLength(6);
    for (const t of tiles) {
      expect(t.top).toBeGreaterThanOrEqual(strip!.y - 1);
      expect(t.bottom).toBeLessThanOrEqual(strip!.y + strip!.height + 1);
      expect(t.right).toBeLessThanOrEqual(strip!.x + strip!.width + 1);
    }
    const firstRow = await page.locator('[data-testid=order-row]').first().boundingBox();
    expect(firstRow!.y + firstRow!.height).toBeLessThan(768);
    await desk.shot('kpis-01-strip-1366');
  });

  it('filters the queue to the orders at risk, then to the late ones, from the strip', async () => {
    await page.locator('[data-testid=kpis-atRisk]').click();
    await expect.poll(rowIds).toEqual([o['Riesgo Rosa']!.id]);
    expect(await page.evaluate(() => location.hash)).toContain('urgency=atRisk');
    expect(await page.locator('[data-testid=kpis-atRisk]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('[data-testid=urgency-chip-atRisk]').getAttribute('aria-pressed')).toBe('true');
    await desk.shot('kpis-02-at-risk-1366');

    await page.locator('[data-testid=kpis-late]').click();
    await expect.poll(rowIds).toEqual([o['Tardía Teresa']!.id]);
    expect(await page.evaluate(() => location.hash)).toContain('urgency=late');
    // A second click lifts the filter.
    await page.locator('[data-testid=kpis-late]').click();
    await expect.poll(async () => (await rowIds()).length).toBe(6);
  });

  it('moves with live orders', async () => {
    await place('En Vivo Vera', 'KP-A', 'sourced');
    await expect.poll(() => value('rate'), { timeout: 20_000 }).toMatch(/^7/);
    // Counted as received at once; in the fill rate once sourced (the next refresh, at most 5 s on).
    await expect.poll(() => value('fill'), { timeout: 20_000 }).toMatch(/^85,7\s?%$/);
  });
});
