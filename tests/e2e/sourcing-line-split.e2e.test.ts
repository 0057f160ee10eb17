import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/engine/engine.types';
import type { Order } from '../../src/shared';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { eventually } from '../support/test-database';

const SUPERVISOR: Actor = { id: 'u-super', name: 'Sofía Supervisora', role: 'supervisor' };

/**
 * A supervisor in Spanish sees why an order of 3 units ships from two stores that hold 2 and 1:
 * the split line stated beside the order, with its own penalty.
 */
describe('line splitting explained in the desk', () => {
  let desk: DeskUnderTest;
  let order: Order;

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'supervisor', name: 'Sofía Supervisora' },
      page: { locale: 'es-AR', viewport: { width: 1366, height: 768 } },
      stock: [
        { location: 'loc-palermo', sku: 'E2E-LS', onHand: 2 },
        { location: 'loc-quilmes', sku: 'E2E-LS', onHand: 1 },
      ],
      async before({ engine }) {
        const [active] = await engine.dispatch('sourcing.profiles.list', {}, PLANNER);
        const draft = await engine.dispatch(
          'sourcing.profiles.saveDraft',
          {
            key: 'default',
            name: 'Dividir líneas',
            selector: active!.selector,
            spec: {
              ...active!.spec,
              strategies: [{ name: 'any-stock', maxSplits: 2, splitPenalty: 6000, lineSplit: { enabled: true, penalty: 1500 } }],
            },
          },
          SUPERVISOR,
        );
        await engine.dispatch('sourcing.profiles.activate', { id: draft.id }, SUPERVISOR);
        order = (
          await engine.dispatch(
            'orders.create',
            { order: anOrder({ lines: [{ sku: 'E2E-LS', quantity: 3, unitPrice: 20_000 }] }) },
            PLANNER,
          )
        ).order as Order;
        await eventually(
          async () => ((await engine.dispatch('orders.get', { id: order.id }, PLANNER)).status === 'sourced' ? true : undefined),
          'the order to be sourced',
        );
      },
    });
  });
  afterAll(() => desk?.close());

  it('states the split line beside the order, in Spanish', async () => {
    const { page, shot } = desk;
    await page.locator(`[data-testid=order-row][data-order-id="${order.id}"]`).click();
    const decision = page.locator('[data-testid=order-detail] [data-testid=sourcing-decision]').first();
    await decision.waitFor({ timeout: 15_000 });
    const chosen = decision.locator('[data-testid=decision-candidate].chosen');
    expect(await chosen.textContent()).toContain('Tienda Palermo + Tienda Quilmes');
    expect(await chosen.textContent()).toMatch(/penalidad por dividir líneas 1\.500/);
    expect(await chosen.locator('[data-testid=decision-line-split]').allTextContents()).toEqual([
      '3 × E2E-LS dividido: 2 de Tienda Palermo, 1 de Tienda Quilmes',
    ]);
    await chosen.scrollIntoViewIfNeeded();
    await shot('sourcing-line-split-01-es');
  });
});
