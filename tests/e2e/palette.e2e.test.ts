import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { OrderDetail } from '../../src/shared';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { waitForStatus } from '../support/sourcing-ops';

/**
 * The desk from the keyboard, in Chromium at 1366×768 in Spanish: Ctrl+K opens the command palette
 * (a tab by name, an order by number), the order panel's action keys (C opens the cancellation with
 * focus in its reason; letters typed there are text, not commands), `?` the shortcut help, and
 * Escape closes each with focus back where it was.
 */
describe('the command palette and the keys of the desk', () => {
  let desk: DeskUnderTest;
  let page: Page;
  const orders: OrderDetail[] = [];

  const place = async (customer: string) => {
    const { order } = await desk.engine.dispatch(
      'orders.create',
      { order: anOrder({ customer: { name: customer }, lines: [{ sku: 'PAL-A', quantity: 1 }] }) },
      PLANNER,
    );
    return waitForStatus(desk.engine, order.id, 'sourced');
  };
  const palette = () => page.locator('[data-testid=command-palette]');
  const help = () => page.locator('[data-testid=shortcut-help]');
  const detail = () => page.locator('[data-testid=order-detail]');
  /** What has focus: its test id, and the order row or panel it is in. */
  const focused = () =>
    page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return {
        testid: a?.dataset.testid ?? a?.tagName ?? null,
        row: a?.closest('[data-testid=order-row]')?.getAttribute('data-order-id') ?? null,
        inDetail: !!a?.closest('[data-testid=order-detail]'),
      };
    });
  const openPalette = async () => {
    await page.keyboard.press('Control+k');
    await palette().waitFor();
    await expect.poll(async () => (await focused()).testid).toBe('palette-input');
  };

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'planner', name: 'Paula Planner' },
      stock: [{ location: 'loc-palermo', sku: 'PAL-A', onHand: 50 }],
      page: { viewport: { width: 1366, height: 768 }, locale: 'es-AR' },
      open: false,
      before: async (d) => {
        desk = d as DeskUnderTest;
        orders.push(await place('Ana Atajo'));
        orders.push(await place('Bruno Buscado'));
        orders.push(await place('Carla Comando'));
      },
    });
    page = desk.page;
    await page.goto(desk.base);
    await page.locator('[data-testid=order-row]').first().waitFor();
  }, 180_000);
  afterAll(async () => {
    await desk?.close();
  });

  it('opens with Ctrl+K as an accessible modal dialog, and Escape gives focus back to the row it came from', async () => {
    const first = page.locator('[data-testid=order-row]').first();
    await first.focus();
    const rowId = await first.getAttribute('data-order-id');
    await openPalette();
    expect(await palette().getAttribute('role')).toBe('dialog');
    expect(await palette().getAttribute('aria-modal')).toBe('true');
    const input = page.locator('[data-testid=palette-input]');
    const list = page.locator('[data-testid=palette-list]');
    expect(await list.getAttribute('role')).toBe('listbox');
    expect(await input.getAttribute('aria-controls')).toBe(await list.getAttribute('id'));
    // The active option is announced through the box, focus staying in it; ↓ moves it.
    const firstOption = page.locator('[data-testid=palette-option]').first();
    expect(await firstOption.getAttribute('role')).toBe('option');
    expect(await input.getAttribute('aria-activedescendant')).toBe(await firstOption.getAttribute('id'));
    await page.keyboard.press('ArrowDown');
    const second = page.locator('[data-testid=palette-option]').nth(1);
    expect(await second.getAttribute('aria-selected')).toBe('true');
    expect(await input.getAttribute('aria-activedescendant')).toBe(await second.getAttribute('id'));
    // Tab stays inside the dialog.
    await page.keyboard.press('Tab');
    expect((await focused()).testid).toBe('palette-input');
    await page.keyboard.press('Shift+Tab');
    expect((await focused()).testid).toBe('palette-input');
    // Spanish throughout: the tabs the planner may open, and no tab they may not (users are an admin's).
    const labels = await page.locator('[data-testid=palette-option]').allTextContents();
    expect(labels).toContain('Ir a Torre de control');
    expect(labels).toContain('Ir a Inventario');
    expect(labels.some((l) => l.includes('Usuarios'))).toBe(false);
    expect(labels).toContain('Ver los pedidos atrasados');
    await desk.shot('palette-01-open-es-1366');

    await page.keyboard.press('Escape');
    await palette().waitFor({ state: 'detached' });
    expect(await focused()).toEqual({ testid: 'order-row', row: rowId, inDetail: false });
  });

  it('goes to a tab typed by name with Enter', async () => {
    await openPalette();
    await page.keyboard.type('inventario');
    expect(await page.locator('[data-testid=palette-option]').first().textContent()).toBe('Ir a Inventario');
    await page.keyboard.press('Enter');
    await palette().waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('[data-testid=nav-inventory]').getAttribute('aria-current')).toBe('page');
    expect((await focused()).testid).toBe('nav-inventory');

    // And back to the tower, the words in another order, without accents.
    await openPalette();
    await page.keyboard.type('control torre');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=nav-tower]').getAttribute('aria-current')).toBe('page');
  });

  it('opens an order by its number in the detail panel, focus in the panel', async () => {
    const wanted = orders[1]!;
    await openPalette();
    await page.keyboard.type(`#${wanted.number}`);
    const option = page.locator('[data-testid=palette-option]').first();
    expect(await option.textContent()).toBe(`Abrir el pedido #${wanted.number}`);
    await page.keyboard.press('Enter');
    await palette().waitFor({ state: 'detached' });
    await expect.poll(() => detail().getAttribute('data-order-id')).toBe(wanted.id);
    await expect.poll(() => page.locator('[data-testid=order-number]').textContent()).toContain(`#${wanted.number}`);
    await expect.poll(async () => (await focused()).inDetail).toBe(true);

    // A number no order has: the palette says so and stays open.
    await openPalette();
    await page.keyboard.type('987654');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=palette-error]').textContent()).toBe('No hay un pedido #987654 que puedas ver.');
    expect(await palette().isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await palette().waitFor({ state: 'detached' });
    // Escape closed the palette only: the order stays open, focus back in its panel.
    expect(await detail().getAttribute('data-order-id')).toBe(wanted.id);
    expect((await focused()).inDetail).toBe(true);
  });

  it('shows the action keys on the buttons, and the open order’s actions in the palette', async () => {
    expect(await page.locator('[data-testid=advance-button] kbd').textContent()).toBe('A');
    expect(await page.locator('[data-testid=cancel-button] kbd').textContent()).toBe('C');
    expect(await page.locator('[data-testid=cancel-button]').getAttribute('aria-keyshortcuts')).toBe('C');
    // A planner may not overrule the engine: no move button, and no move command.
    expect(await page.locator('[data-testid=override-button]').count()).toBe(0);
    await openPalette();
    await page.keyboard.type(String(orders[1]!.number));
    const commands = await page
      .locator('[data-testid=palette-option]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-command')));
    expect(commands).toEqual(expect.arrayContaining(['action-advance', 'action-cancel']));
    expect(commands).not.toContain('action-move');
    const cancel = page.locator('[data-testid=palette-option][data-command=action-cancel] kbd');
    expect(await cancel.textContent()).toBe('C');
    await desk.shot('palette-02-order-actions-es-1366');
    await page.keyboard.press('Escape');
    await palette().waitFor({ state: 'detached' });
  });

  it('opens the cancellation with C, focus in the reason, where letters are text and not commands', async () => {
    await detail().focus();
    await page.keyboard.press('c');
    await page.locator('[data-testid=cancel-form]').waitFor();
    expect((await focused()).testid).toBe('cancel-reason');
    // "a" (advance) typed in the reason is just a letter: the order stays sourced.
    await page.keyboard.type('cliente arrepentida');
    expect(await page.locator('[data-testid=cancel-reason]').inputValue()).toBe('cliente arrepentida');
    expect(await page.locator('[data-testid=order-status]').getAttribute('data-status')).toBe('sourced');
    await desk.shot('palette-03-cancel-by-key-es-1366');
    await page.getByRole('button', { name: 'No cancelar' }).click();
    await page.locator('[data-testid=cancel-button]').waitFor();
    expect(await page.locator('[data-testid=order-status]').getAttribute('data-status')).toBe('sourced');
  });

  it('lists every shortcut on ?, and Escape gives focus back', async () => {
    await detail().focus();
    await page.keyboard.press('?');
    await help().waitFor();
    expect(await help().getAttribute('aria-modal')).toBe('true');
    const text = await help().textContent();
    for (const phrase of [
      'Atajos de teclado',
      'Abrir la paleta de comandos',
      'Pedido siguiente / anterior',
      'Cancelar el pedido (pide un motivo)',
    ])
      expect(text).toContain(phrase);
    // The panel's keys do nothing while the help is open.
    await page.keyboard.press('c');
    expect(await page.locator('[data-testid=cancel-form]').count()).toBe(0);
    await desk.shot('palette-04-help-es-1366');
    await page.keyboard.press('Escape');
    await help().waitFor({ state: 'detached' });
    // Escape closed the help only; focus is back on the panel, which stays open.
    expect(await focused()).toMatchObject({ testid: 'order-detail', inDetail: true });
    expect(await detail().count()).toBe(1);

    // `?` typed in a field is a question mark.
    await page.locator('[data-testid=queue-search]').focus();
    await page.keyboard.press('?');
    expect(await help().count()).toBe(0);
    expect(await page.locator('[data-testid=queue-search]').inputValue()).toBe('?');
    await page.locator('[data-testid=queue-search]').fill('');
  });

  it('opens the move dialog with M for a supervisor, and not the palette over it', async () => {
    const { page: sup } = await desk.newSignedInPage(
      { role: 'supervisor', name: 'Sara Supervisora' },
      { viewport: { width: 1366, height: 768 }, locale: 'es-AR' },
    );
    await sup.goto(desk.base);
    await sup.locator(`[data-testid=order-row][data-order-id="${orders[2]!.id}"]`).click();
    const move = sup.locator('[data-testid=override-button]');
    await move.waitFor();
    expect(await move.locator('kbd').textContent()).toBe('M');
    await sup.locator('[data-testid=order-detail]').focus();
    await sup.keyboard.press('m');
    await sup.locator('[data-testid=override-dialog]').waitFor();
    // Over the dialog, Ctrl+K and ? leave it alone.
    await sup.keyboard.press('Control+k');
    await sup.keyboard.press('?');
    expect(await sup.locator('[data-testid=command-palette]').count()).toBe(0);
    expect(await sup.locator('[data-testid=shortcut-help]').count()).toBe(0);
    await sup.close();
  });

  it('ran without page errors', () => {
    expect(desk.errors).toEqual([]);
  });
});
