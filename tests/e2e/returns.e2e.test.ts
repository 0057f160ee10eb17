import { mkdirSync, readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../src/shared';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { TEST_ADMIN, type TestSession } from '../support/sessions';
import { stockOf, waitForStatus } from '../support/sourcing-ops';
import { eventually } from '../support/test-database';
import { CUPS_PDF_QUEUE, waitForPdf } from '../support/print-artifacts';
import { decodeBarcodes, pdfToPngs, scratchDir } from '../support/decode-documents';

/** Screenshots a person looks at, besides the run's own artifacts in test-results/e2e. */
const SHOTS = '/tmp/shots';
const LOC = 'loc-palermo';
const PAGE = { locale: 'es-AR', viewport: { width: 1366, height: 768 } };

/**
 * Returns in the desk, in Chromium against a real engine: the call centre asks for a return from
 * the order's detail and the policy answers at once — approved under the threshold (then received
 * at the store's counter by typing its number and restocked: the SKU's stock rises and the return
 * closes with its refund), waiting in the approvals queue above it (a planner's approve is refused
 * above their limit, a supervisor's goes through and is audited under their name), or rejected
 * when it comes too late, with the reason in Spanish.
 */
describe('returns in the desk', () => {
  let desk: DeskUnderTest;
  const SKU = `RT${String(Date.now()).slice(-6)}`;

  const snap = async (name: string, page: Page, target?: Locator) => {
    await desk.shot(`returns-${name}`, page);
    await (target ?? page).screenshot({ path: `${SHOTS}/returns-${name}.png`, animations: 'disabled' });
  };
  /** Nothing on the page is wider than the window (1366×768: no sideways scroll). */
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  /** Nothing in the detail panel is wider than the panel. */
  const fitsPanel = (detail: Locator) => detail.evaluate((el) => el.querySelector('.detail-body')!.scrollWidth <= el.clientWidth);

  /** An order delivered to the customer `daysAgo` (moved through the contract as the integration test does). */
  const deliveredOrder = async (quantity: number, daysAgo = 1): Promise<Order> => {
    const { engine, db } = desk;
    const { order } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ lines: [{ sku: SKU, quantity, unitPrice: 25_000 }] }) },
      PLANNER,
    );
    expect((await waitForStatus(engine, order.id, 'sourced')).locationId).toBe(LOC);
    for (const to of ['picked', 'packed', 'shipped', 'delivered'] as const)
      await engine.dispatch('orders.advance', { id: order.id, to }, PLANNER);
    await db.pool.query(`UPDATE fulfilment_orders SET updated_at = now() - make_interval(days => $2) WHERE order_id = $1`, [
      order.id,
      daysAgo,
    ]);
    await db.pool.query(`UPDATE shipments SET delivered_at = now() - make_interval(days => $2) WHERE order_id = $1`, [order.id, daysAgo]);
    return order;
  };

  /** Opens the order in the tower's detail panel. */
  const openOrder = async (page: Page, id: string) => {
    await page.locator('[data-testid=nav-tower]').click();
    const close = page.locator('[data-testid=detail-close]');
    if (await close.count()) await close.click();
    await page.locator(`[data-testid=order-row][data-order-id="${id}"]`).first().click();
    const detail = page.locator(`[data-testid=order-detail][data-order-id="${id}"]`);
    await detail.locator('[data-testid=order-status][data-status=delivered]').waitFor({ timeout: 15_000 });
    return detail;
  };

  /** Asks for a return of `quantity` units from the order's detail; answers the verdict box. */
  const requestFromDetail = async (page: Page, order: Order, quantity: number, reason: string, shot?: string) => {
    const detail = await openOrder(page, order.id);
    const section = detail.locator('[data-testid=order-returns]');
    await section.locator('[data-testid=return-request-open]').click();
    const form = section.locator('[data-testid=return-request-form]');
    const line = form.locator(`[data-testid=return-request-line][data-sku="${SKU}"]`);
    // The order's only item is chosen already.
    expect(await line.locator('[data-testid=return-request-choose]').isChecked()).toBe(true);
    await line.locator('[data-testid=return-request-quantity]').fill(String(quantity));
    await line.locator('[data-testid=return-request-reason]').selectOption(reason);
    await expect.poll(() => form.locator('[data-testid=return-request-location] option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    expect(await form.locator('[data-testid=return-request-location]').inputValue()).toBe(LOC);
    if (shot) {
      await form.scrollIntoViewIfNeeded();
      await snap(shot, page);
      expect(await fitsPanel(detail)).toBe(true);
    }
    await form.locator('[data-testid=return-request-submit]').click();
    const verdict = section.locator('[data-testid=return-verdict]');
    await verdict.waitFor({ timeout: 15_000 });
    return { detail, section, verdict, number: Number(await verdict.getAttribute('data-number')) };
  };

  let associate: { page: Page; session: TestSession };
  let supervisor: { page: Page; session: TestSession };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    desk = await startDeskUnderTest({
      as: { role: 'planner', name: 'Paula Planificadora' },
      page: PAGE,
      stock: [{ location: LOC, sku: SKU, onHand: 20 }],
      async before({ engine }) {
        await engine.dispatch('products.upsert', { products: [{ sku: SKU, name: 'Campera de abrigo', weightGrams: 900 }] }, TEST_ADMIN);
        // The station's return labels go to the cups-pdf queue (a real CUPS path, the PDF lands on disk).
        const pdf = await engine.dispatch(
          'printing.savePrinter',
          { name: 'Etiquetas devoluciones', transport: 'ipp', address: CUPS_PDF_QUEUE, language: 'pdf', paper: '4x6' },
          TEST_ADMIN,
        );
        await engine.dispatch('printing.setRoute', { docType: 'return_label', printerId: pdf.id }, TEST_ADMIN);
      },
    });
    associate = await desk.newSignedInPage({ role: 'associate', name: 'Ana Asociada', locations: [LOC] }, PAGE);
    supervisor = await desk.newSignedInPage({ role: 'supervisor', name: 'Sofía Supervisora' }, PAGE);
  });
  afterAll(() => desk?.close());

  it('under the threshold: approved at once from the order detail; received at the counter by its number, restocked, closed with its refund', async () => {
    const { page, engine, db } = desk;
    const order = await deliveredOrder(2);
    const since = Date.now();
    const { detail, section, verdict, number } = await requestFromDetail(page, order, 1, 'changed_mind', '00-request-form');
    // Approved at once: its label reaches the cups-pdf queue, and its barcode reads back as the return's code.
    const label = await waitForPdf((t) => t.includes('DEVOLUCIÓN') && t.includes(`R-${number}`), { since, timeoutMs: 90_000 });
    expect(label.text).toContain(`Pedido #${order.number}`);
    const scratch = await scratchDir();
    try {
      const pngs = await pdfToPngs(readFileSync(label.path), scratch.dir, 'return-label');
      expect((await decodeBarcodes(...pngs)).map((b) => b.data)).toContain(`R-${number}`);
    } finally {
      await scratch.cleanup();
    }
    expect(await verdict.getAttribute('data-verdict')).toBe('approve');
    expect(await verdict.locator('strong').textContent()).toBe(`R-${number} quedó aprobada.`);
    expect(await verdict.locator('[data-testid=return-verdict-reasons]').textContent()).toMatch(
      /^Derecho de arrepentimiento \(AR, 10 días corridos, hasta el \d\d\/\d\d\)$/,
    );
    expect(await verdict.locator('[data-testid=return-procedure-code]').textContent()).toMatch(/ARR-[A-Z2-9]{10}/);
    const card = section.locator(`[data-testid=order-return][data-number="${number}"]`);
    expect(await card.getAttribute('data-status')).toBe('approved');
    await section.scrollIntoViewIfNeeded();
    await snap('01-detail-approved', page);
    expect(await fitsPanel(detail)).toBe(true);

    const before = (await stockOf(db.pool, SKU))[LOC]!.onHand;
    const atpOf = async () =>
      (await engine.dispatch('inventory.atp', { sku: SKU }, PLANNER)).locations.find((l) => l.locationId === LOC)!.atp;
    const atpBefore = await atpOf();

    // The store's associate receives it by typing its number (a scanner types and presses Enter too).
    const a = associate.page;
    await a.goto(desk.base);
    await a.locator('[data-testid=nav-returns]').click();
    const counter = a.locator('[data-testid=return-counter]');
    await counter.locator('[data-testid=return-number]').fill(`R-${number}`);
    await counter.locator('[data-testid=return-number]').press('Enter');
    const found = counter.locator(`[data-testid=return-found][data-number="${number}"]`);
    await found.waitFor({ timeout: 15_000 });
    expect(await found.getAttribute('data-status')).toBe('approved');
    expect(await found.locator('[data-testid=return-location-fixed]').getAttribute('data-location-id')).toBe(LOC);
    expect(await found.locator('[data-testid=return-line]').count()).toBe(1);
    await snap('02-counter-found', a);
    expect(await noSidewaysScroll(a)).toBe(true);
    await found.locator('[data-testid=return-receive]').click();
    await found.locator('[data-testid=return-received]').waitFor({ timeout: 15_000 });
    // Received into the returns stock: not for sale yet.
    expect((await stockOf(db.pool, SKU))[LOC]!.onHand).toBe(before);

    await found.locator('[data-testid=return-line-disposition]').selectOption('restock');
    await snap('03-counter-inspect', a);
    await found.locator('[data-testid=return-inspect]').click();
    const closed = found.locator('[data-testid=return-closed]');
    await closed.waitFor({ timeout: 15_000 });
    expect(await found.getAttribute('data-status')).toBe('closed');
    expect(await closed.textContent()).toMatch(new RegExp(`R-${number} quedó cerrada\\. Reembolso: \\$\\s?25\\.000\\.`));
    await snap('04-counter-closed', a);

    expect((await stockOf(db.pool, SKU))[LOC]!.onHand).toBe(before + 1);
    expect(await atpOf()).toBe(atpBefore + 1);
    const r = await engine.dispatch('returns.get', { number }, PLANNER);
    expect(r?.return).toMatchObject({ status: 'closed', refundedAmount: 25_000, locationId: LOC });
    // The order's detail follows: the return shows closed with its refund.
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 15_000 }).toBe('closed');
    expect(await card.textContent()).toMatch(/reembolso \$\s?25\.000/);
    // The order's timeline words the return's steps.
    const timeline = detail.locator('[data-testid=timeline]');
    await expect
      .poll(() => timeline.locator('[data-testid=timeline-entry][data-type="return.closed"]').count(), { timeout: 15_000 })
      .toBe(1);
    expect(await timeline.locator('[data-testid=timeline-entry][data-type="return.approved"] .timeline-type').textContent()).toBe(
      'Devolución aprobada',
    );
    expect(await timeline.locator('[data-testid=timeline-entry][data-type="refund.issued"] .timeline-type').textContent()).toBe(
      'Reembolso emitido',
    );
  });

  it('above the threshold: it waits in the approvals queue; a planner’s approve is refused above their limit, a supervisor approves it, audited', async () => {
    const { page, engine, db } = desk;
    const settings = await engine.dispatch('returns.settings', {}, PLANNER);
    await engine.dispatch(
      'returns.saveSettings',
      { ...settings, policy: { ...settings.policy, autoApproveUpTo: 40_000 }, approvalLimits: { planner: 30_000, supervisor: null } },
      TEST_ADMIN,
    );
    const order = await deliveredOrder(2);
    const { verdict, number } = await requestFromDetail(page, order, 2, 'wrong_size');
    expect(await verdict.getAttribute('data-verdict')).toBe('review');
    expect(await verdict.locator('strong').textContent()).toBe(`R-${number} espera la revisión de una persona.`);
    expect(await verdict.locator('[data-testid=return-verdict-reasons]').textContent()).toMatch(
      /Valor \$\s?50\.000 supera el límite de aprobación automática \(\$\s?40\.000\)/,
    );
    await snap('05-detail-review', page);

    // The planner's queue: the return with its value, why it waits and its SLA.
    await page.locator('[data-testid=nav-returns]').click();
    const view = page.locator('[data-testid=returns-view]');
    const row = view.locator(`[data-testid=returns-queue-row][data-number="${number}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('[data-testid=returns-value]').textContent()).toMatch(/\$\s?50\.000/);
    expect(await row.locator('[data-testid=return-lines-summary]').textContent()).toBe(
      `2 × ${SKU} · Talle o medida equivocada · sin abrir`,
    );
    expect(await row.locator('[data-testid=return-due]').getAttribute('data-overdue')).toBe('false');
    expect(await row.locator('[data-testid=return-due]').textContent()).toMatch(/^vence dentro de/);
    await row.locator('[data-testid=returns-select]').check();
    await view.locator('[data-testid=returns-approve]').click();
    await view.locator('[data-testid=returns-decision-confirm]').click();
    const refused = row.locator('[data-testid=returns-refused]');
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.textContent()).toMatch(/^Sin decidir: Supera tu límite de aprobación \(\$\s?30\.000\): la aprueba un supervisor$/);
    expect(await view.locator('[data-testid=returns-decided]').textContent()).toBe(
      'No se decidió ninguna: mirá el motivo al lado de cada una.',
    );
    await snap('06-planner-refused', page);
    expect(await noSidewaysScroll(page)).toBe(true);
    expect((await engine.dispatch('returns.get', { number }, PLANNER))?.return.status).toBe('requested');

    // The supervisor approves it, with a reason.
    const s = supervisor.page;
    await s.goto(desk.base);
    await s.locator('[data-testid=nav-returns]').click();
    const sview = s.locator('[data-testid=returns-view]');
    const srow = sview.locator(`[data-testid=returns-queue-row][data-number="${number}"]`);
    await srow.waitFor({ timeout: 15_000 });
    await srow.locator('[data-testid=returns-select]').check();
    await sview.locator('[data-testid=returns-approve]').click();
    await sview.locator('[data-testid=returns-decision-reason]').fill('cliente frecuente');
    await snap('07-supervisor-approving', s);
    await sview.locator('[data-testid=returns-decision-reason]').press('Enter');
    const decided = sview.locator('[data-testid=returns-decided]');
    await decided.waitFor({ timeout: 15_000 });
    expect(await decided.textContent()).toBe(`Aprobadas: R-${number}.`);
    await srow.waitFor({ state: 'detached', timeout: 15_000 });
    await sview.locator('[data-testid=returns-tab-recent]').click();
    const recent = sview.locator(`[data-testid=returns-recent-row][data-number="${number}"]`);
    await recent.waitFor({ timeout: 15_000 });
    expect(await recent.getAttribute('data-status')).toBe('approved');
    expect(await recent.locator('[data-testid=return-status]').textContent()).toBe('Aprobada');
    await snap('08-supervisor-recent', s);

    const audit = await eventually(async () => {
      const rows = await db.pool.query(
        `SELECT user_name, subject FROM audit_log WHERE action = 'returns.decide' AND outcome = 'ok' AND subject = $1 ORDER BY id DESC LIMIT 1`,
        [`returns R-${number}`],
      );
      return rows.rows[0] as { user_name: string; subject: string } | undefined;
    }, 'the approval in the audit');
    expect(audit.user_name).toBe(supervisor.session.actor.name);
    expect((await engine.dispatch('returns.get', { number }, PLANNER))?.return).toMatchObject({
      status: 'approved',
      decidedBy: 'Sofía Supervisora',
      decisionReason: 'cliente frecuente',
    });
    // The planner's queue no longer has it.
    await expect.poll(() => page.locator(`[data-testid=returns-queue-row][data-number="${number}"]`).count(), { timeout: 15_000 }).toBe(0);
  });

  it('too late: a return outside every window is rejected, with the reason in Spanish', async () => {
    const { page } = desk;
    const order = await deliveredOrder(1, 90);
    const { detail, section, verdict, number } = await requestFromDetail(page, order, 1, 'changed_mind');
    expect(await verdict.getAttribute('data-verdict')).toBe('reject');
    expect(await verdict.locator('strong').textContent()).toBe(`R-${number} fue rechazada.`);
    expect(await verdict.locator('[data-testid=return-verdict-reasons]').textContent()).toMatch(
      /^Fuera de plazo: los 30 días corridos vencieron el \d\d\/\d\d(\/\d{4})? \(entregado el \d\d\/\d\d(\/\d{4})?\)$/,
    );
    const card = section.locator(`[data-testid=order-return][data-number="${number}"]`);
    expect(await card.getAttribute('data-status')).toBe('rejected');
    expect(await card.locator('[data-testid=return-reasons]').textContent()).toMatch(/^Fuera de plazo/);
    await section.scrollIntoViewIfNeeded();
    await snap('09-detail-rejected', page);
    expect(await fitsPanel(detail)).toBe(true);
    expect(desk.errors).toEqual([]);
  });
});
