import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Parcel } from '../../src/shared';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { CUPS_PDF_QUEUE, gtin13, waitForPdf, zplBarcodes } from '../support/print-artifacts';
import { startRawPrinter, type RawPrinter } from '../support/raw-printer';
import { TEST_ADMIN } from '../support/sessions';
import { waitForStatus } from '../support/sourcing-ops';

/** Screenshots a person looks at (the brief's place for them), besides the run's own artifacts. */
const SHOTS = '/tmp/h5-shots';

/**
 * Printing from the desk, end to end, in Chromium against a real engine and real printers: an
 * admin sets up (through the contract) the cups-pdf queue for pick lists and packing slips and a
 * JetDirect listener for shipping labels; a planner releases a wave on the Floor view — its pick
 * list lands as a PDF whose lines are in bin order — walks it with the scanner (a wrong item
 * refused in red), completes it and packs — the label reaches the listener and its barcode reads
 * back as the parcel's code. The listener goes away: the next label waits, the desk shows it queued
 * and the printer offline, and it prints exactly once when the listener is back. A reprint asks a
 * reason and the audit keeps it.
 */
describe('printing from the floor', () => {
  let desk: DeskUnderTest;
  let zebra: RawPrinter;
  const started = Date.now();
  const tag = String(started).slice(-6);
  // Bins put C first, A second; B has none (walked last).
  const SKU = { A: `PR${tag}-A`, B: `PR${tag}-B`, C: `PR${tag}-C` };
  const EAN_A = gtin13(`779${tag}001`.slice(0, 12).padEnd(12, '0'));
  const orders: { id: string; number: number }[] = [];
  const parcels: Parcel[] = [];
  let waveCode = '';

  const snap = async (name: string, p?: Page) => {
    await desk.shot(`printing-${name}`, p);
    await (p ?? desk.page).screenshot({ path: `${SHOTS}/printing-${name}.png`, animations: 'disabled' });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    zebra = await startRawPrinter();
    desk = await startDeskUnderTest({
      as: { role: 'planner', name: 'Paula Planner' },
      open: false,
      page: { locale: 'es-AR', viewport: { width: 1366, height: 768 } },
      stock: [
        { location: 'loc-palermo', sku: SKU.A, onHand: 10 },
        { location: 'loc-palermo', sku: SKU.B, onHand: 10 },
        { location: 'loc-palermo', sku: SKU.C, onHand: 10 },
      ],
      async before({ db, engine }) {
        // Bins arrive with the stock feeds; the fixture sets them directly.
        await db.pool.query(`UPDATE stock SET bin = $1 WHERE location_id = 'loc-palermo' AND sku = $2`, ['B03-10-2', SKU.A]);
        await db.pool.query(`UPDATE stock SET bin = $1 WHERE location_id = 'loc-palermo' AND sku = $2`, ['A01-02-1', SKU.C]);
        await engine.dispatch(
          'products.upsert',
          {
            products: [
              { sku: SKU.A, name: 'Café molido 500 g', ean: EAN_A, weightGrams: 520 },
              { sku: SKU.B, name: 'Azúcar 1 kg', weightGrams: 1010 },
              { sku: SKU.C, name: 'Té en saquitos', weightGrams: 120 },
            ],
          },
          TEST_ADMIN,
        );
        // The admin's printers, through the contract: sheets to cups-pdf, labels to the JetDirect listener.
        const laser = await engine.dispatch(
          'printing.savePrinter',
          { name: 'Láser oficina', transport: 'ipp', address: CUPS_PDF_QUEUE, language: 'pdf', paper: 'A4' },
          TEST_ADMIN,
        );
        const thermal = await engine.dispatch(
          'printing.savePrinter',
          { name: 'Zebra muelle', transport: 'raw9100', address: zebra.address, language: 'zpl', dpi: 203, paper: '4x6' },
          TEST_ADMIN,
        );
        await engine.dispatch('printing.setRoute', { docType: 'pick_list', printerId: laser.id }, TEST_ADMIN);
        await engine.dispatch('printing.setRoute', { docType: 'packing_slip', printerId: laser.id }, TEST_ADMIN);
        await engine.dispatch('printing.setRoute', { docType: 'shipping_label', printerId: thermal.id, strict: true }, TEST_ADMIN);
      },
    });
  });
  afterAll(async () => {
    await desk?.close();
    await zebra?.close();
  });

  const floor = () => desk.page.locator('[data-testid=floor-view]');

  it('a planner releases a wave on the Floor view; its pick list reaches cups-pdf with the lines in bin order', async () => {
    const { page, base, engine } = desk;
    for (const lines of [
      [
        { sku: SKU.A, quantity: 1 },
        { sku: SKU.C, quantity: 1 },
      ],
      [
        { sku: SKU.A, quantity: 1 },
        { sku: SKU.B, quantity: 1 },
      ],
    ]) {
      const { order } = await engine.dispatch('orders.create', { order: anOrder({ customer: { name: 'Núñez Peña' }, lines }) }, PLANNER);
      expect((await waitForStatus(engine, order.id, 'sourced')).locationId).toBe('loc-palermo');
      orders.push({ id: order.id, number: order.number });
    }

    await page.goto(base);
    // Outside the Floor view the view bar carries a compact strip of the station's printers.
    await page.locator('[data-testid=printer-strip-compact] [data-testid=printer-chip]').first().waitFor({ timeout: 15_000 });
    await snap('00-tower-strip');
    await page.locator('[data-testid=nav-floor]').click();
    await expect.poll(() => floor().locator('[data-testid=floor-location] option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await floor().locator('[data-testid=floor-location]').selectOption('loc-palermo');
    await floor().locator('[data-testid=floor-tab-pick]').click();
    const suggestion = floor().locator('[data-testid=wave-suggestion]').first();
    await suggestion.waitFor({ timeout: 15_000 });
    // The strip shows this station's two printers.
    await expect.poll(() => floor().locator('[data-testid=printer-chip]').count(), { timeout: 15_000 }).toBe(2);
    await snap('01-pick-tab');

    await suggestion.locator('[data-testid=wave-release]').click();
    const walk = floor().locator('[data-testid=wave-walk-view]');
    await walk.waitFor({ timeout: 15_000 });
    waveCode = (await walk.locator('.wave-code').textContent())!.trim();
    expect(await walk.locator('[data-testid=pick-released]').textContent()).toContain('Láser oficina');
    // The walk on screen is in bin order, the unbinned line last.
    expect(await walk.locator('[data-testid=wave-line]').evaluateAll((els) => els.map((e) => e.getAttribute('data-sku')))).toEqual([
      SKU.C,
      SKU.A,
      SKU.B,
    ]);

    const { path, text } = await waitForPdf((t) => t.includes(SKU.A) && t.includes(waveCode), { since: started, timeoutMs: 90_000 });
    const at = (s: string) => text.indexOf(s);
    expect(at(SKU.C), path).toBeGreaterThanOrEqual(0);
    expect(at(SKU.C)).toBeLessThan(at(SKU.A));
    expect(at(SKU.A)).toBeLessThan(at(SKU.B));
    expect(text).toContain('A01-02-1');
    // Accents survive the PDF.
    expect(text).toContain('Café molido');
  });

  it('the scanner walk: a wrong item is refused in red, right ones say their slot; completing picks both orders', async () => {
    const walk = floor().locator('[data-testid=wave-walk-view]');
    const scan = walk.locator('[data-testid=wave-scan]');
    // The scan field holds the focus, as a keyboard-wedge scanner needs.
    await expect.poll(() => scan.evaluate((el) => el === document.activeElement)).toBe(true);
    await desk.page.keyboard.type('NOPE-123');
    await desk.page.keyboard.press('Enter');
    const refused = walk.locator('[data-testid=scan-error]');
    await refused.waitFor({ timeout: 10_000 });
    expect(await refused.textContent()).toContain('NOPE-123');
    await snap('02-wrong-scan');

    // Every unit in walk order: SKU-A by its EAN, the others by SKU, each answered with a slot.
    const codes = [SKU.C, EAN_A, SKU.A, SKU.B];
    for (const [i, code] of codes.entries()) {
      await scan.fill(code);
      await scan.press('Enter');
      await expect.poll(() => walk.locator('[data-testid=wave-progress]').textContent(), { timeout: 10_000 }).toMatch(`${i + 1} de 4`);
      expect(await walk.locator('[data-testid=scan-ok]').textContent()).toMatch(/Poné en la casilla [AB] \(#\d+\)/);
    }
    await snap('03-walk-done');

    await walk.locator('[data-testid=wave-complete]').click();
    const confirm = walk.locator('[data-testid=wave-confirm]');
    await confirm.waitFor();
    expect(await confirm.locator('[data-testid=wave-shorts]').count()).toBe(0);
    await confirm.locator('[data-testid=wave-complete-confirm]').click();
    const outcome = floor().locator('[data-testid=wave-outcome]');
    await outcome.waitFor({ timeout: 15_000 });
    expect(await outcome.locator('[data-testid=wave-outcome-order]').count()).toBe(2);
    for (const o of orders) await waitForStatus(desk.engine, o.id, 'picked');
  });

  it('packing prints the slip and a label whose barcode reads back as the parcel code', async () => {
    const [first] = orders;
    await floor().locator('[data-testid=floor-tab-pack]').click();
    const form = floor().locator(`[data-testid=pack-order][data-order-id="${first!.id}"]`);
    await form.waitFor({ timeout: 15_000 });
    // The weight comes from the product master: 520 g + 120 g.
    await expect.poll(() => form.locator('[data-testid=pack-weight]').inputValue(), { timeout: 10_000 }).toBe('0.64');
    await form.locator('[data-testid=pack-lengthCm]').fill('30');
    await form.locator('[data-testid=pack-widthCm]').fill('20');
    await form.locator('[data-testid=pack-heightCm]').fill('10');
    await snap('04-pack-form');
    await form.locator('[data-testid=pack-submit]').click();
    const packed = floor().locator(`[data-testid=packed-order][data-order-id="${first!.id}"]`);
    await packed.waitFor({ timeout: 15_000 });
    const code = await packed.locator('[data-testid=packed-parcel]').first().getAttribute('data-code');
    parcels.push(...(await desk.engine.dispatch('packing.parcels', { orderId: first!.id }, PLANNER)));
    expect(parcels.map((p) => p.code)).toEqual([code]);
    await waitForStatus(desk.engine, first!.id, 'packed');
    await snap('05-packed');

    const [label] = await zebra.waitForJobs(1, 60_000);
    expect(await zplBarcodes(label!.toString('utf8'), { keepAs: `${SHOTS}/printing-label-1.png` })).toContain(code);
    // The packing slip too, on the laser.
    await waitForPdf((t) => t.includes(String(first!.number)) && t.includes(SKU.C) && !t.includes(waveCode), { since: started });
  });

  it('the label printer goes away: the job waits, the desk shows it queued and offline, and it prints once when it is back', async () => {
    const [, second] = orders;
    await zebra.offline();
    const form = floor().locator(`[data-testid=pack-order][data-order-id="${second!.id}"]`);
    await form.waitFor({ timeout: 15_000 });
    await form.locator('[data-testid=pack-submit]').click();
    const packed = floor().locator(`[data-testid=packed-order][data-order-id="${second!.id}"]`);
    await packed.waitFor({ timeout: 15_000 });
    const code = await packed.locator('[data-testid=packed-parcel]').first().getAttribute('data-code');

    const strip = floor().locator('[data-testid=printer-strip]');
    await expect.poll(() => strip.locator('[data-testid=print-queued-count]').getAttribute('data-n'), { timeout: 30_000 }).not.toBe('0');
    await strip.locator('[data-testid=printer-strip-open]').click();
    const panel = desk.page.locator('[data-testid=jobs-panel]');
    await panel.waitFor();
    const waiting = panel.locator('[data-testid=print-job][data-doc-type=shipping_label][data-status=queued]');
    await waiting.first().waitFor({ timeout: 30_000 });
    // A person asks the printer: it is offline.
    await panel.locator('.jobs-printers li', { hasText: 'Zebra muelle' }).locator('button').click();
    await expect.poll(() => strip.locator('[data-testid=printer-chip][data-state=offline]').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => waiting.first().locator('[data-testid=print-job-error]').count(), { timeout: 30_000 }).toBe(1);
    await snap('06-offline');

    await zebra.ready();
    const jobs = await zebra.waitForJobs(2, 120_000);
    await expect
      .poll(async () => (await desk.engine.dispatch('printing.jobs', { status: 'queued' }, PLANNER)).length, {
        timeout: 60_000,
      })
      .toBe(0);
    // Exactly once: the second label arrived, and no copy of it.
    expect(zebra.jobs).toHaveLength(2);
    expect(await zplBarcodes(jobs[1]!.toString('utf8'), { keepAs: `${SHOTS}/printing-label-2.png` })).toContain(code);
    await expect
      .poll(() => panel.locator('[data-testid=print-job][data-doc-type=shipping_label][data-status=done]').count(), { timeout: 15_000 })
      .toBe(2);
    await snap('07-back');
  });

  it('a reprint asks for a reason, prints again and is in the audit; the preview shows the PDF and the ZPL', async () => {
    const panel = desk.page.locator('[data-testid=jobs-panel]');
    const label = panel.locator('[data-testid=print-job][data-doc-type=shipping_label][data-status=done]').last();
    await label.locator('[data-testid=print-preview]').click();
    const preview = desk.page.locator('[data-testid=preview-dialog]');
    await preview.locator('[data-testid=preview-zpl]').waitFor({ timeout: 15_000 });
    expect(await preview.locator('[data-testid=preview-zpl]').textContent()).toContain('^XA');
    await preview.locator('[data-testid=preview-pdf]').waitFor();
    // Chromium's PDF viewer draws the page a moment after the frame loads: the picture waits (bounded) until the frame
    // is more than its empty dark background (a blank frame compresses to a few kB); the test does not depend on it.
    await expect
      .poll(async () => (await preview.locator('[data-testid=preview-pdf]').screenshot()).length, { timeout: 15_000 })
      .toBeGreaterThan(20_000)
      .catch(() => undefined);
    await snap('08-preview');
    await desk.page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });

    const jobId = await label.getAttribute('data-job-id');
    await label.locator('[data-testid=print-reprint]').click();
    const dialog = desk.page.locator('[data-testid=reprint-dialog]');
    await dialog.waitFor();
    await dialog.locator('[data-testid=reprint-reason]').fill('x');
    await dialog.locator('[data-testid=reprint-confirm]').click();
    await dialog.locator('[data-testid=reprint-error]').waitFor();
    await snap('09-reprint-reason');
    await dialog.locator('[data-testid=reprint-reason]').fill('Etiqueta rota al despegar');
    await dialog.locator('[data-testid=reprint-confirm]').click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await zebra.waitForJobs(3, 60_000);
    await expect
      .poll(() => panel.locator('[data-testid=print-job]', { hasText: 'Etiqueta rota al despegar' }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await snap('10-reprinted');

    const audit = await desk.engine.dispatch('audit.list', { action: 'printing.reprint' }, TEST_ADMIN);
    const entry = audit.rows.find((r) => JSON.stringify(r.input ?? {}).includes(jobId!));
    expect(entry, JSON.stringify(audit.rows.slice(0, 3))).toBeDefined();
    expect(entry!.outcome).toBe('ok');
    expect(JSON.stringify(entry!.input) + (entry!.reason ?? '')).toContain('Etiqueta rota al despegar');
    expect(desk.errors).toEqual([]);
  });

  it("an admin's Printers view lists this station's printers with their health and the routes as set", async () => {
    const { page } = await desk.newSignedInPage(
      { role: 'admin', name: 'Adela Admin' },
      { locale: 'es-AR', viewport: { width: 1366, height: 768 } },
    );
    await page.goto(desk.base);
    await page.locator('[data-testid=nav-printers]').click();
    const view = page.locator('[data-testid=printers-view]');
    await expect.poll(() => view.locator('[data-testid=printer-row]').count(), { timeout: 15_000 }).toBe(2);
    const route = (doc: string) => view.locator(`[data-testid=route][data-doc-type=${doc}]`);
    const zebraId = await view.locator('[data-testid=printer-row]', { hasText: 'Zebra muelle' }).getAttribute('data-printer-id');
    expect(await route('shipping_label').locator('[data-testid=route-printer]').inputValue()).toBe(zebraId);
    expect(await route('shipping_label').locator('[data-testid=route-strict]').isChecked()).toBe(true);
    expect(await route('return_label').locator('[data-testid=route-printer]').inputValue()).toBe('');
    await view.locator('[data-testid=printer-add]').click();
    await view.locator('[data-testid=printer-form]').waitFor();
    await view.locator('[data-testid=printer-language]').selectOption('zpl');
    expect(await view.locator('[data-testid=printer-dpi]').inputValue()).toBe('203');
    await snap('11-printers-view', page);
    // A bad address is refused with the engine's message, naming the field.
    await view.locator('[data-testid=printer-name]').fill('Zebra nueva');
    await view.locator('[data-testid=printer-transport]').selectOption('raw9100');
    await view.locator('[data-testid=printer-address]').fill('no-port');
    await view.locator('[data-testid=printer-save]').click();
    await expect.poll(() => view.locator('[data-testid=printer-form-error]').textContent(), { timeout: 10_000 }).toMatch(/host:port/);
    await page.context().close();
    expect(desk.errors).toEqual([]);
  });
});
