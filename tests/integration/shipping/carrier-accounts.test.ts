import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import { startFixtureEngine } from '../../support/engine-under-test';
import type { TestDatabase } from '../../support/test-database';
import { ADMIN, PLANNER, SUPERVISOR, refused, shareSecretKey } from './shipping-fixture';

/**
 * Carrier accounts: secrets sealed at rest with the engine's key and never read back (not in the
 * answer, the list, or the audit log), edited key by key, the kind fixed once saved; the list shows
 * capabilities, the circuit and the webhook path; `carriers.test` answers ok or why, never throws
 * for a carrier failure.
 */
describe('carrier accounts', () => {
  let db: TestDatabase;
  let engine: Engine;
  const SECRET = 'whsec-Atalaya-7f3a9c1e-very-secret';

  beforeAll(async () => {
    shareSecretKey();
    ({ db, engine } = await startFixtureEngine([], { workers: false }));
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('seals secrets at rest, answers only their names, and keeps them out of the audit log', async () => {
    const saved = await engine.dispatch(
      'carriers.save',
      {
        id: 'sim-secret',
        kind: 'simulator',
        name: 'Correo Simulado',
        settings: { stepSeconds: '20' },
        secrets: { webhookSecret: SECRET, apiToken: 'tok-123456' },
      },
      ADMIN,
    );
    expect(saved).toMatchObject({
      id: 'sim-secret',
      kind: 'simulator',
      enabled: true,
      settings: { stepSeconds: '20' },
      secretsSet: ['apiToken', 'webhookSecret'],
      webhookPath: '/api/v1/carriers/sim-secret/webhook',
      circuit: 'closed',
    });
    expect(saved.capabilities).toMatchObject({ quote: true, label: 'async', webhook: true });
    expect(JSON.stringify(saved)).not.toContain(SECRET);

    const row = await db.pool.query<{ secrets: Buffer; secrets_key_id: string }>(
      `SELECT secrets, secrets_key_id FROM carrier_accounts WHERE id = 'sim-secret'`,
    );
    const blob = row.rows[0]!.secrets;
    expect(blob.length).toBeGreaterThan(30);
    expect(blob.includes(Buffer.from(SECRET))).toBe(false);
    expect(blob.includes(Buffer.from('webhookSecret'))).toBe(false);
    expect(row.rows[0]!.secrets_key_id).toMatch(/^[0-9a-f]{12}$/);

    const list = await engine.dispatch('carriers.list', {}, PLANNER);
    expect(list.find((a) => a.id === 'sim-secret')?.secretsSet).toEqual(['apiToken', 'webhookSecret']);
    expect(JSON.stringify(list)).not.toContain(SECRET);

    const audit = await db.pool.query<{ input: unknown; after: unknown }>(
      `SELECT input, after FROM audit_log WHERE action = 'carriers.save'`,
    );
    expect(audit.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.rows)).not.toContain(SECRET);
    expect(JSON.stringify(audit.rows)).toContain('[redacted]');
  });

  it('absent secrets are kept, an empty value removes one, and the kind of an account cannot change', async () => {
    const kept = await engine.dispatch(
      'carriers.save',
      { id: 'sim-secret', kind: 'simulator', name: 'Correo Simulado 2', settings: {} },
      ADMIN,
    );
    expect(kept.secretsSet).toEqual(['apiToken', 'webhookSecret']);
    const removed = await engine.dispatch(
      'carriers.save',
      { id: 'sim-secret', kind: 'simulator', name: 'Correo Simulado 2', settings: {}, secrets: { apiToken: '' } },
      ADMIN,
    );
    expect(removed.secretsSet).toEqual(['webhookSecret']);
    const all = await engine.dispatch(
      'carriers.save',
      { id: 'sim-secret', kind: 'simulator', name: 'Correo Simulado 2', settings: {}, secrets: { webhookSecret: '' } },
      ADMIN,
    );
    expect(all.secretsSet).toEqual([]);
    const row = await db.pool.query(`SELECT secrets FROM carrier_accounts WHERE id = 'sim-secret'`);
    expect(row.rows[0].secrets).toBeNull();

    const e = await refused(engine.dispatch('carriers.save', { id: 'sim-secret', kind: 'andreani', name: 'x', settings: {} }, ADMIN));
    expect(e).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'kind' }] });
    expect(e.message).toContain('its kind cannot change');
  });

  it('only an admin saves or tests an account; planners and supervisors read the list', async () => {
    for (const actor of [PLANNER, SUPERVISOR]) {
      expect(
        await refused(engine.dispatch('carriers.save', { id: 'sim-x', kind: 'simulator', name: 'x', settings: {} }, actor)),
      ).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await refused(engine.dispatch('carriers.test', { id: 'sim-secret' }, actor))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await engine.dispatch('carriers.list', {}, SUPERVISOR)).length).toBeGreaterThan(0);
  });

  it('carriers.test answers ok with a harmless quote, or the reason — never an error for a carrier failure', async () => {
    const ok = await engine.dispatch('carriers.test', { id: 'sim-secret' }, ADMIN);
    expect(ok.ok).toBe(true);
    expect(ok.message).toContain('test quote: 2 services');

    await engine.dispatch(
      'carriers.save',
      { id: 'sim-bad', kind: 'simulator', name: 'Sim roto', settings: { labels: 'sometimes' } },
      ADMIN,
    );
    const bad = await engine.dispatch('carriers.test', { id: 'sim-bad' }, ADMIN);
    expect(bad).toEqual({ ok: false, message: expect.stringContaining('setting labels is "sometimes"') });

    // A required setting the account lacks is an answer too (Andreani needs its API address and credentials).
    await engine.dispatch('carriers.save', { id: 'andreani-ar', kind: 'andreani', name: 'Andreani', settings: {} }, ADMIN);
    const missing = await engine.dispatch('carriers.test', { id: 'andreani-ar' }, ADMIN);
    expect(missing.ok).toBe(false);
    expect(missing.message).toContain('is missing');

    expect(await refused(engine.dispatch('carriers.test', { id: 'no-such' }, ADMIN))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the shipping policy: read by the desk, set by a supervisor with an audit note', async () => {
    const p = await engine.dispatch('shipping.policy', {}, PLANNER);
    expect(p).toMatchObject({ handlingHours: 4, holidayCountry: 'AR' });
    const next = { ...p, lateDayCost: 5_000, minOnTimeRate: 0.8, holidayCountry: 'mx' };
    expect(await engine.dispatch('shipping.setPolicy', next, SUPERVISOR)).toMatchObject({ lateDayCost: 5_000, holidayCountry: 'MX' });
    expect(await engine.dispatch('shipping.policy', {}, PLANNER)).toMatchObject({
      lateDayCost: 5_000,
      minOnTimeRate: 0.8,
      holidayCountry: 'MX',
    });
    expect(await refused(engine.dispatch('shipping.setPolicy', next, PLANNER))).toMatchObject({ code: 'FORBIDDEN' });
    const audit = await db.pool.query(`SELECT subject, before, after FROM audit_log WHERE action = 'shipping.setPolicy'`);
    expect(audit.rows[0]).toMatchObject({ subject: 'shipping policy', before: { lateDayCost: 2000 }, after: { lateDayCost: 5000 } });
    await engine.dispatch('shipping.setPolicy', p, SUPERVISOR);
  });
});
