import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES, type Locale, type MessageKey } from '../../src/renderer/src/i18n/i18n';
import { E2E_ARTIFACTS, startDeskUnderTest, type DeskUnderTest, type SignInAs } from '../support/desk-under-test';
import { PLANNER } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { waitForStatus } from '../support/sourcing-ops';

/**
 * Every view of the desk in each of its languages, in a real Chromium: an admin (and a supervisor,
 * whose tower and unroutable queue an admin does not have) opens the desk with the browser in
 * Spanish, English and Brazilian Portuguese, visits every tab at 1600×1000 and 1366×768, and each
 * view is kept as a screenshot (test-results/e2e/lang-<locale>-<view>-<width>.png). Each view must
 * show its tab labels in that language, no raw message key and no unfilled `{placeholder}`; the
 * engine's reason for an order it cannot source is said in the page's language.
 */
const BROWSER_LANGUAGE: Record<Locale, string> = { es: 'es-AR', en: 'en-GB', 'pt-BR': 'pt-BR' };
const WIDTHS = [
  { width: 1600, height: 1000 },
  { width: 1366, height: 768 },
] as const;
const KEYS = new Set(Object.keys(MESSAGES.en));
const LOADING = Object.values(MESSAGES)
  .flatMap((m) => [m['queue.loading'], m['map.loading'], m['detail.loading'], m['session.starting']])
  .map((s) => s.replace(/…$/, ''));

/** Dotted words in the page that are message keys ("nav.users" where "Users" should be). */
function rawKeys(text: string): string[] {
  return [...new Set(text.match(/\b[a-z][\w-]*(?:\.[\w-]+)+\b/g) ?? [])].filter((w) => KEYS.has(w));
}

/** `{name}` left in a shown text (a template's `{{field}}` is the template language, not ours). */
function unfilled(text: string): string[] {
  return [...new Set(text.match(/(?<!\{)\{[A-Za-z]\w*\}(?!\})/g) ?? [])];
}

/** The page and the panels in it that scroll sideways, each named by its test id or classes, and by how much. */
function sidewaysScroll(): { element: string; by: number }[] {
  const out: { element: string; by: number }[] = [];
  for (const el of [document.documentElement, ...document.querySelectorAll<HTMLElement>('body *')]) {
    const by = el.scrollWidth - el.clientWidth;
    if (by <= 1) continue;
    const x = getComputedStyle(el).overflowX;
    if (el !== document.documentElement && x !== 'auto' && x !== 'scroll') continue;
    const name =
      el.getAttribute('data-testid') ??
      (el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : el.tagName);
    out.push({ element: name, by });
  }
  return out;
}

describe('the desk in every language', () => {
  let desk: DeskUnderTest;
  let unfillableOrder: string;
  /** Views that scroll sideways at a width, for the report: locale, view, width, by how many pixels. */
  const overflow: { locale: Locale; who: string; view: string; width: number; element: string; by: number }[] = [];

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'admin', name: 'Ada Admin' },
      open: false,
      stock: [
        { location: 'loc-palermo', sku: 'E2E-LANG', onHand: 5 },
        { location: 'loc-quilmes', sku: 'E2E-LANG', onHand: 3 },
        { location: 'loc-dc-ezeiza', sku: 'E2E-LANG-NONE', onHand: 0 },
      ],
      before: async ({ engine }) => {
        const place = async (sku: string, name: string) =>
          (await engine.dispatch('orders.create', { order: anOrder({ customer: { name }, lines: [{ sku, quantity: 1 }] }) }, PLANNER)).order
            .id;
        await waitForStatus(engine, await place('E2E-LANG', 'Cliente Idiomas'), 'sourced');
        unfillableOrder = await place('E2E-LANG-NONE', 'Cliente Sin Stock');
        await waitForStatus(engine, unfillableOrder, 'unfillable');
      },
    });
  });

  afterAll(async () => {
    writeFileSync(resolve(E2E_ARTIFACTS, 'lang-overflow.json'), JSON.stringify(overflow, null, 2));
    await desk?.close();
  });

  /** Opens the desk as `who` in a browser speaking `locale`'s language; the desk starts in it by itself. */
  async function open(who: SignInAs, locale: Locale): Promise<Page> {
    const { page } = await desk.newSignedInPage(who, { locale: BROWSER_LANGUAGE[locale], viewport: WIDTHS[0] });
    await page.goto(desk.base);
    await page.locator('.view-tabs [data-testid^=nav-]').first().waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
    expect(await page.locator('[data-testid=lang-switch]').getAttribute('data-locale')).toBe(locale);
    return page;
  }

  /** Visits every tab of the page's user, checks each view's words and keeps a screenshot at each width. */
  async function visitEveryView(page: Page, locale: Locale, who: 'admin' | 'supervisor'): Promise<string[]> {
    // The admin's views are lang-<locale>-<view>-<width>.png; the supervisor's, lang-<locale>-supervisor-<view>-<width>.png.
    const prefix = who === 'admin' ? '' : `${who}-`;
    const tabs = page.locator('.view-tabs [data-testid^=nav-]');
    const ids = (await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('nav-'.length)))) as string[];
    expect(ids.length).toBeGreaterThan(3);
    // The tab labels are the locale's own words.
    const labels = await tabs.allTextContents();
    expect(labels).toEqual(ids.map((id) => MESSAGES[locale][`nav.${id}` as MessageKey]));
    for (const id of ids) {
      await page.setViewportSize(WIDTHS[0]);
      await page.locator(`[data-testid=nav-${id}]`).click();
      await expect.poll(() => page.locator(`[data-testid=nav-${id}]`).getAttribute('aria-current')).toBe('page');
      // Settled: nothing says it is still loading.
      await expect
        .poll(
          async () => {
            const text = await page.locator('body').innerText();
            // A view's code or the map still arriving (lazy: views.tsx) is loading too.
            return LOADING.some((l) => text.includes(l)) || (await page.locator('[aria-busy=true]').count()) > 0;
          },
          { timeout: 15_000 },
        )
        .toBe(false);
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        await page.screenshot({ path: resolve(E2E_ARTIFACTS, `lang-${locale}-${prefix}${id}-${size.width}.png`), animations: 'disabled' });
        const text = await page.locator('body').innerText();
        expect(rawKeys(text), `${locale} ${id} ${size.width}: raw message keys`).toEqual([]);
        expect(unfilled(text), `${locale} ${id} ${size.width}: unfilled placeholders`).toEqual([]);
        // What scrolls sideways (the page, or a panel in it) is kept for the report, not failed: some tables do on purpose.
        for (const o of await page.evaluate(sidewaysScroll)) overflow.push({ locale, who, view: id, width: size.width, ...o });
      }
    }
    return ids;
  }

  for (const locale of ['es', 'en', 'pt-BR'] as const) {
    it(`an admin's every view in ${locale}`, async () => {
      const page = await open({ role: 'admin', name: 'Ada Admin' }, locale);
      const ids = await visitEveryView(page, locale, 'admin');
      expect(ids).toEqual(expect.arrayContaining(['users', 'api-keys', 'audit']));
      await page.context().close();
    });

    it(`a supervisor's every view in ${locale}, the engine's reasons in it too`, async () => {
      const page = await open({ role: 'supervisor', name: 'Sofía Supervisora' }, locale);
      const ids = await visitEveryView(page, locale, 'supervisor');
      expect(ids).toEqual(expect.arrayContaining(['tower', 'unroutable']));
      // Why the order waits, said in this language, not the engine's English.
      await page.setViewportSize(WIDTHS[0]);
      await page.locator('[data-testid=nav-unroutable]').click();
      const reason = page.locator(`[data-testid=unroutable-row][data-order-id="${unfillableOrder}"] [data-testid=unroutable-reason]`);
      await reason.waitFor({ timeout: 15_000 });
      expect(await reason.getAttribute('data-reason-code')).toBe('sourcing.no_stock');
      expect((await reason.textContent())?.trim()).toBe(MESSAGES[locale]['reason.sourcing.no_stock']);
      await page.context().close();
    });
  }

  it('switches language from the header, and keeps the choice', async () => {
    const page = await open({ role: 'admin', name: 'Ada Admin' }, 'es');
    const firstTab = page.locator('.view-tabs [data-testid^=nav-]').first();
    const id = (await firstTab.getAttribute('data-testid'))!.slice('nav-'.length) as string;
    await page.locator('[data-testid=lang-switch] [data-lang=pt-BR]').click();
    await expect.poll(() => firstTab.textContent()).toBe(MESSAGES['pt-BR'][`nav.${id}` as MessageKey]);
    expect(await page.locator('[data-testid=lang-switch] [data-lang=pt-BR]').getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await firstTab.waitFor({ timeout: 15_000 });
    expect(await firstTab.textContent()).toBe(MESSAGES['pt-BR'][`nav.${id}` as MessageKey]);
    // The one-click toggle the desk always had goes back to Spanish from Portuguese.
    await page.locator('[data-testid=lang-toggle]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.context().close();
  });
});
