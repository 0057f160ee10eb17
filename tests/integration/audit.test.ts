import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Engine } from '../../src/engine';
import { openDatabase, type Db } from '../../src/engine/db/data-source';
import { recordAudit } from '../../src/engine/modules/audit/record-audit';
import type { AppError, AuditEntry } from '../../src/shared';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { placeOrder, SUPERVISOR } from '../support/sourcing-ops';
import type { TestDatabase } from '../support/test-database';

const refused = async (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (e: unknown) => e as AppError,
  );

const SUPER: Actor = { ...SUPERVISOR, id: 'u-audit-super', session: 'sess-super-1' };
const PLAN: Actor = { ...PLANNER, id: 'u-audit-planner', session: 'sess-planner-1' };
const ADMIN: Actor = { id: 'u-audit-admin', name: 'Adela Admin', role: 'admin', session: 'sess-admin-1' };
const ERP: Actor = { id: 'key:erp', name: 'ERP', role: 'integrator' };
const SYSTEM: Actor = { id: 'system', name: 'Atalaya', role: 'system' };

/**
 * The audit log: every command by a person or an integrator is one row after it settles — who,
 * through which session, why, on which order and location, the state before and after, and the
 * input without its secrets; refusals are rows too; integrators' intake and feeds and the engine's
 * own work are not. The table refuses updates, deletes and truncation.
 */
describe('audit log', () => {
  let db: TestDatabase;
  let engine: Engine;

  const rows = async (where: string, params: unknown[] = []) =>
    (await db.pool.query(`SELECT * FROM audit_log WHERE ${where} ORDER BY id`, params)).rows as Record<string, unknown>[];

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'AUD-OVR', onHand: 2 },
        { location: 'loc-cordoba', sku: 'AUD-OVR', onHand: 2 },
        { location: 'loc-palermo', sku: 'AUD-CXL', onHand: 2 },
        { location: 'loc-palermo', sku: 'AUD-INT', onHand: 5 },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('records a supervisor override: who, session, reason, order, location, and where the order was and went', async () => {
    const o = await placeOrder(engine, 'AUD-OVR');
    expect(o.locationId).toBe('loc-palermo');
    await engine.dispatch('sourcing.override', { orderId: o.id, locationId: 'loc-cordoba', reason: 'customer collects in Córdoba' }, SUPER);

    const [row, ...more] = await rows(`action = 'sourcing.override' AND order_id = $1`, [o.id]);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      user_id: SUPER.id,
      user_name: SUPER.name,
      role: 'supervisor',
      session_id: 'sess-super-1',
      outcome: 'ok',
      reason: 'customer collects in Córdoba',
      order_id: o.id,
      location_id: 'loc-cordoba',
      error: null,
      input: { orderId: o.id, locationId: 'loc-cordoba', reason: 'customer collects in Córdoba' },
    });
    expect(row!.before).toEqual({
      status: 'sourced',
      locationId: 'loc-palermo',
      parts: [{ locationId: 'loc-palermo', status: 'assigned', lines: [{ sku: 'AUD-OVR', quantity: 1 }] }],
    });
    expect(row!.after).toEqual({
      status: 'sourced',
      locationId: 'loc-cordoba',
      parts: [{ locationId: 'loc-cordoba', status: 'assigned', lines: [{ sku: 'AUD-OVR', quantity: 1 }] }],
    });
    expect((row!.at as Date).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('records a cancellation with its reason and the status before and after', async () => {
    const o = await placeOrder(engine, 'AUD-CXL');
    await engine.dispatch('orders.cancel', { id: o.id, reason: 'customer changed their mind' }, PLAN);
    const [row] = await rows(`action = 'orders.cancel' AND order_id = $1`, [o.id]);
    expect(row).toMatchObject({
      user_id: PLAN.id,
      role: 'planner',
      session_id: 'sess-planner-1',
      outcome: 'ok',
      reason: 'customer changed their mind',
      location_id: 'loc-palermo',
      before: { status: 'sourced' },
      after: { status: 'cancelled' },
    });
  });

  it('records a planner refused an override (denied, before any handler) and a command that failed', async () => {
    const o = await placeOrder(engine, 'AUD-OVR');
    const e = await refused(engine.dispatch('sourcing.override', { orderId: o.id, locationId: 'loc-cordoba', reason: 'try' }, PLAN));
    expect(e.code).toBe('FORBIDDEN');
    const [denied] = await rows(`action = 'sourcing.override' AND order_id = $1`, [o.id]);
    expect(denied).toMatchObject({ user_id: PLAN.id, outcome: 'denied', reason: 'try', order_id: o.id, before: null, after: null });
    expect(denied!.error).toMatch(/may not call sourcing\.override/);

    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await refused(engine.dispatch('orders.cancel', { id: missing, reason: 'gone' }, PLAN))).code).toBe('NOT_FOUND');
    const [failed] = await rows(`action = 'orders.cancel' AND order_id = $1`, [missing]);
    expect(failed).toMatchObject({ outcome: 'failed', reason: 'gone', error: `No order with id ${missing}` });

    // Input the schema refuses is recorded as sent (the order id here is not one).
    expect((await refused(engine.dispatch('orders.cancel', { id: 'not-an-id', reason: '' }, PLAN))).code).toBe('VALIDATION_FAILED');
    const [invalid] = await rows(`action = 'orders.cancel' AND order_id = 'not-an-id'`);
    expect(invalid).toMatchObject({ outcome: 'failed', input: { id: 'not-an-id', reason: '' } });
  });

  it('keeps secrets, tokens and keys out of the log, and channels before and after without them', async () => {
    const created = await engine.dispatch(
      'channels.create',
      {
        kind: 'mercadolibre',
        name: 'ML audit',
        settings: { applicationId: '123', sellerId: '456' },
        secrets: { clientSecret: 'cs-very-secret', refreshToken: 'rt-very-secret' },
      },
      ADMIN,
    );
    const id = created.channel.id;
    await engine.dispatch('channels.update', { id, secrets: { refreshToken: 'rt-newer-secret' } }, ADMIN);
    await engine.dispatch('channels.setPaused', { id, paused: true }, ADMIN);
    const api = await engine.dispatch('channels.create', { kind: 'api', name: 'ERP audit' }, ADMIN);
    const rotated = await engine.dispatch('channels.rotateKey', { id: api.channel.id }, ADMIN);

    const all = await rows(`action LIKE 'channels.%'`);
    const text = JSON.stringify(all);
    for (const secret of ['cs-very-secret', 'rt-very-secret', 'rt-newer-secret', api.apiKey!, rotated.apiKey, rotated.apiKey.slice(-4)])
      expect(text).not.toContain(secret);

    const [create] = await rows(`action = 'channels.create' AND subject = $1`, [`channel ${id}`]);
    expect(create!.input).toEqual({
      kind: 'mercadolibre',
      name: 'ML audit',
      settings: { applicationId: '123', sellerId: '456' },
      secrets: '[redacted]',
    });
    expect(create!.after).toMatchObject({ id, name: 'ML audit', paused: false, secretNames: ['clientSecret', 'refreshToken'] });
    const [update] = await rows(`action = 'channels.update' AND subject = $1`, [`channel ${id}`]);
    expect(update!.after).toMatchObject({ secretsReplaced: ['refreshToken'] });
    const [pause] = await rows(`action = 'channels.setPaused' AND subject = $1`, [`channel ${id}`]);
    expect(pause).toMatchObject({ before: { paused: false }, after: { paused: true } });
    const [rotate] = await rows(`action = 'channels.rotateKey'`);
    expect(rotate!.after).toMatchObject({ id: api.channel.id, apiKeyRotated: true });
  });

  it('records safety stock and ring-fence changes with the values before and after', async () => {
    await engine.dispatch('inventory.setSafety', { scope: 'location', locationId: 'loc-palermo', sku: 'AUD-INT', quantity: 2 }, SUPER);
    await engine.dispatch('inventory.setSafety', { scope: 'network', sku: 'AUD-INT', quantity: 3 }, SUPER);
    await engine.dispatch('inventory.setSafety', { scope: 'network', sku: 'AUD-INT', quantity: 4 }, SUPER);
    await engine.dispatch('inventory.setRingFence', { locationId: 'loc-palermo', sku: 'AUD-INT', channel: 'web', quantity: 1 }, SUPER);
    const safety = await rows(`action = 'inventory.setSafety'`);
    expect(safety.map((r) => [r.subject, r.before, r.after, r.location_id])).toEqual([
      ['safety stock of AUD-INT at loc-palermo', { quantity: 0 }, { quantity: 2 }, 'loc-palermo'],
      ['safety stock of AUD-INT (network)', { quantity: null }, { quantity: 3 }, null],
      ['safety stock of AUD-INT (network)', { quantity: 3 }, { quantity: 4 }, null],
    ]);
    const [fence] = await rows(`action = 'inventory.setRingFence'`);
    expect(fence).toMatchObject({ before: { quantity: 0 }, after: { quantity: 1, locationTotal: 1 }, location_id: 'loc-palermo' });
  });

  it("leaves out integrators' intake and feeds and the engine's own work, but records a person's order", async () => {
    const before = Number((await db.pool.query(`SELECT count(*) FROM audit_log`)).rows[0].count);
    const { order: machine } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ lines: [{ sku: 'AUD-INT', quantity: 1 }] }) },
      ERP,
    );
    await engine.dispatch(
      'inventory.deltas',
      { source: 'pos', events: [{ locationId: 'loc-palermo', sku: 'AUD-INT', seq: 1, adjust: 1 }] },
      ERP,
    );
    const hold = await engine.dispatch(
      'inventory.hold',
      { locationId: 'loc-palermo', sku: 'AUD-INT', quantity: 1, channel: 'web', ref: 'cart-1' },
      ERP,
    );
    await engine.dispatch('inventory.releaseHold', { reservationId: hold.reservationId! }, ERP);
    await engine.dispatch('orders.create', { order: anOrder({ lines: [{ sku: 'AUD-INT', quantity: 1 }] }) }, SYSTEM);
    await engine.dispatch('orders.list', {}, PLAN); // an allowed query: never recorded
    expect(Number((await db.pool.query(`SELECT count(*) FROM audit_log`)).rows[0].count)).toBe(before);
    expect(await rows(`order_id = $1`, [machine.id])).toEqual([]);

    const { order: byHand } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ lines: [{ sku: 'AUD-INT', quantity: 1 }] }) },
      PLAN,
    );
    expect(await rows(`action = 'orders.create' AND order_id = $1`, [byHand.id])).toHaveLength(1);
    // An integrator's other commands are recorded.
    await refused(engine.dispatch('inventory.receive', { receiptId: '999999' }, ERP));
    expect(await rows(`action = 'inventory.receive' AND user_id = 'key:erp'`)).toMatchObject([{ outcome: 'failed' }]);
  });

  it('records a profile activation (which version was active before) and SKU mappings before and after', async () => {
    const [active] = (await engine.dispatch('sourcing.profiles.list', {}, SUPER)).filter((p) => p.status === 'active');
    const draft = await engine.dispatch(
      'sourcing.profiles.saveDraft',
      { key: active!.key, name: active!.name, selector: active!.selector, spec: active!.spec },
      SUPER,
    );
    await engine.dispatch('sourcing.profiles.activate', { id: draft.id }, SUPER);
    const [activation] = await rows(`action = 'sourcing.profiles.activate'`);
    expect(activation).toMatchObject({
      outcome: 'ok',
      subject: `sourcing profile ${active!.key}`,
      before: { active: { id: active!.id, version: active!.version } },
      after: { active: { id: draft.id, version: draft.version } },
    });

    const { channel } = await engine.dispatch('channels.create', { kind: 'api', name: 'ERP mappings' }, ADMIN);
    await engine.dispatch('skuMappings.upsert', { channelId: channel.id, mappings: [{ channelSku: 'X-1', sku: 'AUD-INT' }] }, SUPER);
    await engine.dispatch('skuMappings.upsert', { channelId: channel.id, mappings: [{ channelSku: 'X-1', sku: 'AUD-OVR' }] }, SUPER);
    const mappings = await rows(`action = 'skuMappings.upsert'`);
    expect(mappings.map((r) => [r.subject, r.before, r.after])).toEqual([
      [`channel ${channel.id}`, { mappings: [] }, { mappings: [{ channelSku: 'X-1', sku: 'AUD-INT' }] }],
      [
        `channel ${channel.id}`,
        { mappings: [{ channelSku: 'X-1', sku: 'AUD-INT' }] },
        { mappings: [{ channelSku: 'X-1', sku: 'AUD-OVR' }] },
      ],
    ]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log, even to its owner', async () => {
    expect(Number((await db.pool.query(`SELECT count(*) FROM audit_log`)).rows[0].count)).toBeGreaterThan(0);
    await expect(db.pool.query(`UPDATE audit_log SET user_name = 'someone else'`)).rejects.toThrow(
      /audit_log is append-only: UPDATE refused/,
    );
    await expect(db.pool.query(`DELETE FROM audit_log`)).rejects.toThrow(/audit_log is append-only: DELETE refused/);
    await expect(db.pool.query(`TRUNCATE audit_log`)).rejects.toThrow(/audit_log is append-only: TRUNCATE refused/);
    expect((await db.pool.query(`SELECT count(*) FROM audit_log WHERE user_name = 'someone else'`)).rows[0].count).toBe('0');
  });

  it('records entries written outside a command (sign-ins) through recordAudit, without secrets', async () => {
    const ds: Db = await openDatabase({ url: db.url, poolSize: 2 });
    try {
      await recordAudit(ds, {
        userId: 'u-x',
        userName: 'x',
        role: 'planner',
        action: 'session.signInFailed',
        outcome: 'denied',
        reason: 'wrong password',
        input: { ip: '10.0.0.1', via: 'web', password: 'hunter2-hunter2' },
      });
    } finally {
      await ds.destroy();
    }
    const [row] = await rows(`action = 'session.signInFailed'`);
    expect(row).toMatchObject({ outcome: 'denied', input: { ip: '10.0.0.1', via: 'web', password: '[redacted]' }, session_id: null });
  });

  it('lists the log newest first, filtered and paged, for supervisors and admins only', async () => {
    const list = (q: Record<string, unknown>, who: Actor = SUPER) => engine.dispatch('audit.list', q, who);
    const everything = await list({ limit: 500 });
    const ids = everything.rows.map((r) => Number(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(everything.nextBefore).toBeNull();

    const sourcing = await list({ action: 'sourcing.' });
    expect(sourcing.rows.length).toBeGreaterThanOrEqual(2);
    expect(sourcing.rows.every((r) => r.action.startsWith('sourcing.'))).toBe(true);
    expect((await list({ action: 'sourcing_' })).rows).toEqual([]); // LIKE's wildcards are literal

    const denied = await list({ outcome: 'denied', userId: PLAN.id });
    expect(denied.rows.map((r) => r.action)).toContain('sourcing.override');
    expect(denied.rows.every((r) => r.outcome === 'denied' && r.userId === PLAN.id)).toBe(true);

    const atPalermo = await list({ locationId: 'loc-palermo' });
    expect(atPalermo.rows.length).toBeGreaterThan(0);
    expect(atPalermo.rows.every((r) => r.locationId === 'loc-palermo')).toBe(true);

    const override: AuditEntry = sourcing.rows.find((r) => r.action === 'sourcing.override' && r.outcome === 'ok')!;
    const byOrder = await list({ orderId: override.orderId });
    expect(byOrder.rows.map((r) => r.id)).toContain(override.id);
    expect(byOrder.rows.every((r) => r.orderId === override.orderId)).toBe(true);
    expect(override).toMatchObject({ userName: SUPER.name, role: 'supervisor', reason: 'customer collects in Córdoba' });

    // Time window: nothing after now, everything since a minute ago.
    expect((await list({ from: new Date(Date.now() + 60_000).toISOString() })).rows).toEqual([]);
    expect((await list({ from: new Date(Date.now() - 600_000).toISOString(), limit: 500 })).rows).toHaveLength(everything.rows.length);
    expect((await list({ to: new Date(Date.now() - 600_000).toISOString() })).rows).toEqual([]);

    // Paging by id: pages of 3 walk the whole log once, newest first.
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await list({ limit: 3, ...(before ? { before } : {}) }, ADMIN);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextBefore) break;
      expect(page.rows).toHaveLength(3);
      before = page.nextBefore;
    }
    // The admin's own audit.list calls are queries, not recorded, so the log did not move while paging.
    expect(seen).toEqual(everything.rows.map((r) => r.id));

    expect((await refused(list({}, PLAN))).code).toBe('FORBIDDEN');
    const [deniedRead] = (await list({ action: 'audit.list' })).rows;
    expect(deniedRead).toMatchObject({ userId: PLAN.id, outcome: 'denied' });
  });

  it('refuses the demo simulator unless the engine runs the demo', async () => {
    const e = await refused(engine.dispatch('demo.simulate', { ordersPerMinute: 10 }, ADMIN));
    expect(e).toMatchObject({ code: 'FORBIDDEN', message: 'The demo is off: start with ATALAYA_DEMO=seed' });
    expect(await rows(`action = 'demo.simulate'`)).toMatchObject([{ outcome: 'denied', user_id: ADMIN.id }]);
  });
});
