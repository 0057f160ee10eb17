import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../src/shared';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { eventually } from '../support/test-database';

/**
 * A supervisor in a real Chromium: sees why an order was split (costs per option), edits a draft
 * of the sourcing profile, is told what is wrong with a bad one, simulates the draft against the
 * active version over past orders, and activates it.
 */
describe('sourcing in the desk', () => {
  let desk: DeskUnderTest;
  let split: Order;

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'supervisor', name: 'Sofía Supervisora' },
      page: { locale: 'en-US' },
      stock: [
        { location: 'loc-palermo', sku: 'E2E-X', onHand: 5 },
        { location: 'loc-quilmes', sku: 'E2E-Y', onHand: 5 },
      ],
      async before({ engine }) {
        split = (
          await engine.dispatch(
            'orders.create',
            {
              order: anOrder({
                lines: [
                  { sku: 'E2E-X', quantity: 1, unitPrice: 40_000 },
                  { sku: 'E2E-Y', quantity: 1, unitPrice: 30_000 },
                ],
              }),
            },
            PLANNER,
          )
        ).order as Order;
        await eventually(
          async () => ((await engine.dispatch('orders.get', { id: split.id }, PLANNER)).status === 'sourced' ? true : undefined),
          'the split order to be sourced',
        );
      },
    });
  });
  afterAll(() => desk?.close());

  it('explains a split beside the order: both shipments, their costs, and the locations left out', async () => {
    const { page, shot } = desk;
    await page.locator(`[data-testid=order-row][data-order-id="${split.id}"]`).click();
    const decision = page.locator('[data-testid=order-detail] [data-testid=sourcing-decision]').first();
    await decision.waitFor({ timeout: 15_000 });
    expect(await decision.locator('[data-testid=decision-profile]').textContent()).toContain('default v1');
    const chosen = decision.locator('[data-testid=decision-candidate].chosen');
    expect(await chosen.textContent()).toContain('Tienda Palermo + Tienda Quilmes');
    expect(await chosen.locator('[data-testid=decision-part]').count()).toBe(2);
    await decision.locator('summary').click();
    const excluded = await decision.locator('[data-testid=decision-excluded]').allTextContents();
    expect(excluded.some((t) => t.includes('CD Ezeiza') && t.includes('no stock of SKU E2E-X'))).toBe(true);
    await shot('sourcing-01-why-split');
  });

  it('edits a draft, refuses a broken one with the reason, simulates it against the active one and activates it', async () => {
    const { page, engine, shot } = desk;
    await page.locator('[data-testid=nav-sourcing]').click();
    await page.locator('[data-testid=profile-default-v1]').click();
    expect(await page.locator('[data-testid=profile-status-default-v1]').textContent()).toBe('active');
    // The profile is a form; its JSON is the advanced view folded below it.
    await page.locator('[data-testid=profile-form]').waitFor();
    await page.locator('[data-testid=profile-json] summary').click();
    const specBox = page.locator('[data-testid=profile-spec]');
    const spec = JSON.parse(await specBox.inputValue()) as { strategies: { maxSplits: number }[] };
    await page.locator('[data-testid=profile-name]').fill('One box only');
    // A rate card whose last zone is bounded leaves far customers without a price: the engine says so.
    await specBox.fill(JSON.stringify({ ...spec, rateCard: [{ name: 'near', maxKm: 10, base: 1, perKg: 1, transitDays: 1 }] }));
    await page.locator('[data-testid=profile-save]').click();
    const error = page.locator('[data-testid=profile-error]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/rateCard\.0\.maxKm/);
    await specBox.fill(JSON.stringify(spec, null, 2));
    // One shipment per order, set in the form for every strategy; the JSON follows.
    for (let i = 0; i < spec.strategies.length; i++) await page.locator(`[data-testid=pf-strategies-${i}-maxSplits]`).fill('1');
    await page.locator('[data-testid=pf-reoptimisation-threshold]').fill('10');
    expect(JSON.parse(await specBox.inputValue())).toMatchObject({
      strategies: spec.strategies.map(() => ({ maxSplits: 1 })),
      reoptimisation: { threshold: 0.1 },
    });
    await shot('sourcing-02-profile-form');
    // The backorder policy is chosen from a list and written into the spec.
    expect(await page.locator('[data-testid=profile-backorder]').inputValue()).toBe('hold');
    await page.locator('[data-testid=profile-backorder]').selectOption('ship_available');
    expect(JSON.parse(await specBox.inputValue())).toMatchObject({ backorder: 'ship_available' });
    await page.locator('[data-testid=profile-save]').click();
    await page.locator('[data-testid=profile-default-v2]').waitFor();
    expect(await page.locator('[data-testid=profile-status-default-v2]').textContent()).toBe('draft');

    await page.locator('[data-testid=sim-run]').click();
    const result = page.locator('[data-testid=sim-result]');
    await result.waitFor({ timeout: 15_000 });
    const cells = await result.locator('[data-testid=sim-row-splitRate] td').allTextContents();
    // Percentages as Argentina writes them (es-AR: "100%", no space).
    // This version, this version re-optimised, and the active one.
    expect(cells.slice(1)).toEqual(['0 (0%)', '0 (0%)', '1 (100%)']);
    await shot('sourcing-03-simulated');

    await page.locator('[data-testid=profile-activate]').click();
    await expect.poll(() => page.locator('[data-testid=profile-status-default-v2]').textContent(), { timeout: 10_000 }).toBe('active');
    expect(await page.locator('[data-testid=profile-status-default-v1]').textContent()).toBe('retired');
    const stored = await engine.dispatch('sourcing.profiles.list', {}, PLANNER);
    expect(stored.find((p) => p.status === 'active')).toMatchObject({
      version: 2,
      name: 'One box only',
      createdBy: desk.session.actor.id,
      spec: { backorder: 'ship_available', reoptimisation: { threshold: 0.1 } },
    });
    await shot('sourcing-04-activated');
  });
});
