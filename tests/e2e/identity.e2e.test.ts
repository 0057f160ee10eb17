import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, signInAs, type TestSession } from '../support/sessions';
import { anOrder } from '../support/fixtures';
import { PLANNER } from '../support/engine-under-test';
import { waitForStatus } from '../support/sourcing-ops';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-under-test';

/**
 * Who is at the desk, in a real Chromium against a real engine: signing in through the sign-in page
 * (wrong password first), a store associate's floor limited to their location, a planner without
 * the override (the engine refusing it too, the reason said in their language), a supervisor's
 * override named in the timeline and the Audit view, an admin's Users and API keys, signing out
 * (the old session refused afterwards), and the first-run setup of a database with no admin.
 */
describe('who is at the desk', () => {
  let desk: DeskUnderTest;
  let admin: TestSession;
  let palermoOrder: string;
  let quilmesOrder: string;
  let overrideOrder: string;

  const newPage = async (locale: string): Promise<Page> => {
    // A context of its own, without a cookie: what a person opening the desk's address sees.
    const context = await desk.browser.newContext({ viewport: { width: 1600, height: 900 }, locale });
    const page = await context.newPage();
    page.on('pageerror', (e) => desk.errors.push(e.message));
    return page;
  };
  const signIn = async (page: Page, username: string, password: string) => {
    await page.locator('[data-testid=signin-username]').fill(username);
    await page.locator('[data-testid=signin-password]').fill(password);
    await page.locator('[data-testid=signin-password]').press('Enter');
  };
  const openOrder = async (page: Page, id: string) => {
    const row = page.locator(`[data-testid=order-row][data-order-id="${id}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const detail = page.locator('[data-testid=order-detail]');
    await expect.poll(() => detail.locator('[data-testid=order-status]').getAttribute('data-status'), { timeout: 15_000 }).toBe('sourced');
    return detail;
  };

  beforeAll(async () => {
    desk = await startDeskUnderTest({
      as: { role: 'supervisor', name: 'Sofía Supervisora' },
      open: false,
      stock: [
        { location: 'loc-palermo', sku: 'E2E-ID-PA', onHand: 5 },
        { location: 'loc-quilmes', sku: 'E2E-ID-QU', onHand: 5 },
        { location: 'loc-palermo', sku: 'E2E-ID-OV', onHand: 3 },
        { location: 'loc-quilmes', sku: 'E2E-ID-OV', onHand: 3 },
      ],
      before: async ({ engine }) => {
        // An admin exists, so the desk offers signing in rather than the first-run setup.
        admin = await signInAs(engine, { role: 'admin', name: 'Ada Admin' });
        const place = async (sku: string, name: string) => {
          const { order } = await engine.dispatch(
            'orders.create',
            { order: anOrder({ customer: { name }, lines: [{ sku, quantity: 1 }] }) },
            PLANNER,
          );
          return (await waitForStatus(engine, order.id, 'sourced')).id;
        };
        palermoOrder = await place('E2E-ID-PA', 'Cliente Palermo');
        quilmesOrder = await place('E2E-ID-QU', 'Cliente Quilmes');
        overrideOrder = await place('E2E-ID-OV', 'Cliente Override');
      },
    });
    expect((await desk.engine.dispatch('orders.get', { id: palermoOrder }, PLANNER)).locationId).toBe('loc-palermo');
    expect((await desk.engine.dispatch('orders.get', { id: quilmesOrder }, PLANNER)).locationId).toBe('loc-quilmes');
  });

  afterAll(async () => {
    await desk?.close();
  });

  it('a store associate signs in at the sign-in page and works only their location, with no tower or override', async () => {
    const ana = await signInAs(desk.engine, { role: 'associate', locations: ['loc-palermo'], name: 'Ana Asociada' });
    const page = await newPage('es-AR');
    await page.goto(desk.base);
    await page.locator('[data-testid=signin-screen]').waitFor();
    // Accessible form: focus on the first field, labels, the browser's password manager hints.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('signin-username');
    expect(await page.locator('[data-testid=signin-username]').getAttribute('autocomplete')).toBe('username');
    expect(await page.locator('[data-testid=signin-password]').getAttribute('autocomplete')).toBe('current-password');
    expect(await page.locator('label[for=signin-password]').textContent()).toBe('Contraseña');
    await desk.shot('identity-01-signin-es', page);

    await signIn(page, ana.username, 'not the password at all');
    const error = page.locator('[data-testid=signin-error]');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toBe('Usuario o contraseña incorrectos.');

    await signIn(page, ana.username, ana.password);
    await page.locator('[data-testid=floor-view]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=current-user-name]').textContent()).toBe('Ana Asociada');
    expect(await page.locator('[data-testid=current-user-role]').textContent()).toBe('Asociado de tienda');
    // Their location is fixed: no picker offering someone else's floor (neither while it loads nor after).
    await page.locator('[data-testid=floor-location-fixed]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid=floor-location]').count()).toBe(0);
    expect(await page.locator('[data-testid=floor-location-fixed]').getAttribute('data-location-id')).toBe('loc-palermo');
    // Palermo's open work (its own order and the one the supervisor moves later); never Quilmes'.
    const floorOrders = () =>
      page.locator('[data-testid=floor-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id')!).sort());
    await expect.poll(floorOrders, { timeout: 15_000 }).toEqual([palermoOrder, overrideOrder].sort());
    expect(await floorOrders()).not.toContain(quilmesOrder);
    // No tower, no override, no configuration; the store's counter receives returns.
    const tabs = await page.locator('.view-tabs [data-testid^=nav-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(tabs).toEqual(['nav-floor', 'nav-returns', 'nav-new-order', 'nav-inventory']);
    expect(await page.locator('[data-testid=override-button]').count()).toBe(0);
    await desk.shot('identity-02-associate-floor', page);
    await page.context().close();
  });

  it('a planner is not offered the override; the engine refuses it, and the desk says why in their language', async () => {
    const { page, session } = await desk.newSignedInPage({ role: 'planner', name: 'Paula Planner' }, { locale: 'es-AR' });
    await page.goto(desk.base);
    const detail = await openOrder(page, overrideOrder);
    await detail.locator('[data-testid=advance-button]').waitFor();
    expect(await detail.locator('[data-testid=override-button]').count()).toBe(0);
    expect(await page.locator('[data-testid=nav-audit]').count()).toBe(0);

    // Commands the role cannot call stay visible but off, with the reason as their tooltip.
    await page.locator('[data-testid=nav-channels]').click();
    await page.locator('[data-testid=channels-view]').waitFor();
    const add = page.locator('[data-testid=channel-add]');
    expect(await add.isDisabled()).toBe(true);
    expect(await add.getAttribute('title')).toBe('Tu rol (Planificador) no puede agregar canales: pedíselo a un administrador.');

    // Calling it anyway, from the page with its session: refused by the engine.
    const refused = await page.evaluate(async (orderId) => {
      const res = await fetch('/api/v1/desk/sourcing.override', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orderId, locationId: 'loc-quilmes', reason: 'trying without the role' }),
      });
      return { status: res.status, body: (await res.json()) as { error: { code: string } } };
    }, overrideOrder);
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await desk.engine.dispatch('orders.get', { id: overrideOrder }, PLANNER)).locationId).toBe('loc-palermo');
    expect(session.actor.role).toBe('planner');
    await page.context().close();
  });

  it("a supervisor's override carries their name in the timeline and the Audit view, with the before/after", async () => {
    const page = desk.page;
    await page.goto(desk.base);
    const detail = await openOrder(page, overrideOrder);
    await detail.locator('[data-testid=override-button]').click();
    const dialog = page.locator('[data-testid=override-dialog]');
    await dialog.waitFor();
    await dialog.locator('#ov-loc-quilmes').check({ timeout: 10_000 });
    await dialog.locator('[data-testid=override-reason]').fill('Cliente retira en Quilmes');
    await dialog.locator('[data-testid=override-confirm]').click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    const entry = detail.locator('[data-testid=timeline-entry][data-type="order.overridden"]');
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.textContent()).toContain('Sofía Supervisora');

    // The header: who is signed in, and their menu.
    await page.locator('[data-testid=current-user]').click();
    await page.locator('[data-testid=user-menu]').waitFor();
    await desk.shot('identity-03-header-menu', page);
    await page.keyboard.press('Escape');

    await page.locator('[data-testid=nav-audit]').click();
    await page.locator('[data-testid=audit-view]').waitFor();
    const row = page.locator(`[data-testid=audit-row][data-action="sourcing.override"][data-outcome=ok][data-order-id="${overrideOrder}"]`);
    // The planner's refused attempt is there too, under their name.
    const denied = page.locator(
      `[data-testid=audit-row][data-action="sourcing.override"][data-outcome=denied][data-order-id="${overrideOrder}"]`,
    );
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('[data-testid=audit-who]').textContent()).toBe('Sofía Supervisora');
    expect(await denied.locator('[data-testid=audit-who]').textContent()).toBe('Paula Planner');
    expect(await row.textContent()).toContain('Cliente retira en Quilmes');
    await row.locator('[data-testid=audit-expand]').click();
    const diff = page.locator('[data-testid=audit-detail] [data-testid=audit-diff]');
    await diff.waitFor();
    expect(await diff.textContent()).toContain('loc-quilmes');
    await desk.shot('identity-04-audit-expanded', page);

    // Filtering by action prefix asks the engine again.
    await page.locator('[data-testid=audit-filter-action]').fill('orders.');
    await page.locator('[data-testid=audit-filter-action]').press('Enter');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    expect(await denied.count()).toBe(0);
  });

  it('an admin lands on Users, creates an associate, and creates an API key shown once', async () => {
    const page = await newPage('en-GB');
    await page.goto(desk.base);
    await signIn(page, admin.username, admin.password);
    const users = page.locator('[data-testid=users-view]');
    await users.waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=current-user-role]').textContent()).toBe('Admin');
    expect(await page.locator('[data-testid=nav-tower]').count()).toBe(0);
    await page.locator('[data-testid=user-add]').click();
    await page.locator('[data-testid=user-username]').fill('lu.quilmes');
    await page.locator('[data-testid=user-display-name]').fill('Lucía Quilmes');
    await page.locator('[data-testid=user-role]').selectOption('associate');
    await page.locator('[data-testid=user-locations]').selectOption(['loc-quilmes']);
    await page.locator('[data-testid=user-password]').fill('a passphrase long enough');
    await page.locator('[data-testid=user-save]').click();
    const created = page.locator('[data-testid=user-row][data-username="lu.quilmes"]');
    await created.waitFor({ timeout: 10_000 });
    expect(await created.textContent()).toContain('Tienda Quilmes');
    await desk.shot('identity-05-users', page);

    await page.locator('[data-testid=nav-api-keys]').click();
    await page.locator('[data-testid=api-key-add]').click();
    await page.locator('[data-testid=api-key-name]').fill('POS Palermo');
    await page.locator('[data-testid=api-key-scope-inventory\\.feeds]').check();
    await page.locator('[data-testid=api-key-create]').click();
    const secret = page.locator('[data-testid=api-key-secret]');
    await secret.waitFor({ timeout: 10_000 });
    expect((await secret.textContent())!.length).toBeGreaterThan(20);
    await desk.shot('identity-06-api-key-created', page);
    await page.locator('[data-testid=api-key-secret-done]').click();
    expect(await secret.count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid=api-key-row]').count()).toBe(1);
    await page.context().close();
  });

  it('signing out returns to the sign-in page, and the old session no longer works', async () => {
    const { page, session } = await desk.newSignedInPage({ role: 'planner', name: 'Pedro Planner' }, { locale: 'en-GB' });
    await page.goto(desk.base);
    await page.locator('[data-testid=current-user]').click();
    await page.locator('[data-testid=menu-sign-out]').click();
    await page.locator('[data-testid=signin-screen]').waitFor({ timeout: 15_000 });
    await desk.shot('identity-07-signin-en', page);
    const res = await fetch(`${desk.base}/api/v1/desk/session.me`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${session.token}` },
      body: '{}',
    });
    expect(res.status).toBe(401);
    await page.context().close();
  });

  it('ran without uncaught page errors', () => {
    expect(desk.errors).toEqual([]);
  });
});

describe('first run', () => {
  let desk: DeskUnderTest;

  beforeAll(async () => {
    // A planner exists (the harness signs one in), but no admin yet: the desk asks for the first one.
    desk = await startDeskUnderTest({ as: { role: 'planner' }, open: false });
  });

  afterAll(async () => {
    await desk?.close();
  });

  it('the setup page from the printed link creates the admin and lands on Users', async () => {
    const token = await desk.engine.identity.pendingSetupToken();
    expect(token).toBeTruthy();
    const context = await desk.browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'es-AR' });
    const page = await context.newPage();
    await page.goto(`${desk.base}/#token=${token}`);
    await page.locator('[data-testid=setup-screen]').waitFor({ timeout: 15_000 });
    // The token is filled in and taken out of the address bar.
    expect(await page.locator('[data-testid=setup-token]').inputValue()).toBe(token);
    expect(page.url()).not.toContain('token');
    await page.locator('[data-testid=setup-display-name]').fill('Ada Admin');
    await page.locator('[data-testid=setup-username]').fill('ada');
    await page.locator('[data-testid=setup-password]').fill('short');
    await page.locator('[data-testid=setup-password2]').fill('short');
    await page.locator('[data-testid=setup-submit]').click();
    // The browser's own minlength check or ours: nothing is sent with a short password.
    expect(await desk.engine.identity.pendingSetupToken()).toBe(token);
    await page.locator('[data-testid=setup-password]').fill('a long admin passphrase');
    await page.locator('[data-testid=setup-password2]').fill('a long admin passphrase!');
    await page.locator('[data-testid=setup-submit]').click();
    expect(await page.locator('[data-testid=setup-error]').textContent()).toBe(
      'Las dos contraseñas no coinciden: escribí la misma dos veces.',
    );
    await desk.shot('identity-00-setup', page);
    await page.locator('[data-testid=setup-password2]').fill('a long admin passphrase');
    await page.locator('[data-testid=setup-submit]').click();
    await page.locator('[data-testid=users-view]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=current-user-name]').textContent()).toBe('Ada Admin');
    expect(await desk.engine.identity.pendingSetupToken()).toBeNull();
    await context.close();
    expect(desk.errors).toEqual([]);
  });
});
