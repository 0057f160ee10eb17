import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { contract, ENDPOINTS, ROLES, STAFF_ROLES, type Endpoint, type ErrorBody, type Role, type StaffRole } from '../../src/shared';
import { startFixtureEngine } from '../support/engine-under-test';
import { signInAs, TEST_ADMIN, type TestSession } from '../support/sessions';
import type { TestDatabase } from '../support/test-database';

/**
 * Every door of the desk API against every role, generated from the contract: nobody without a
 * session gets in (401), a signed-in person whose role an endpoint does not list is refused (403)
 * before the input is read, and one whose role it lists gets past both checks (a 400 for the empty
 * input is fine). An endpoint added without roles, or naming a role that does not exist, fails here.
 */
describe('the role matrix of the desk API, from the contract', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  const sessions = new Map<StaffRole, TestSession>();
  let integratorKey = '';

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine([{ location: 'loc-palermo', sku: 'SKU-RM', onHand: 5 }], { workers: false }));
    app = await buildHttpApp(engine, { apiActor: API_ACTOR });
    for (const role of STAFF_ROLES)
      sessions.set(role, await signInAs(engine, { role, ...(role === 'associate' ? { locations: ['loc-palermo'] } : {}) }));
    integratorKey = (await engine.dispatch('apiKeys.create', { name: 'ERP', scopes: ['inventory.feeds', 'orders.read'] }, TEST_ADMIN))
      .secret;
  });
  afterAll(async () => {
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  const call = (endpoint: Endpoint, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/desk/${endpoint}`,
      headers: { 'content-type': 'application/json', ...headers },
      payload: '{}',
    });
  const code = (body: string) => (JSON.parse(body) as ErrorBody).error?.code;

  it('every endpoint names at least one role, and only roles that exist', () => {
    for (const e of ENDPOINTS) {
      const roles = contract[e].roles as readonly string[];
      expect(roles.length, `${e} declares no role`).toBeGreaterThan(0);
      for (const r of roles) expect(ROLES as readonly string[], `${e} names an unknown role "${r}"`).toContain(r);
    }
  });

  it('no session: every endpoint answers 401', async () => {
    for (const e of ENDPOINTS) {
      const res = await call(e);
      expect(res.statusCode, `${e}: ${res.body}`).toBe(401);
      expect(code(res.body), e).toBe('UNAUTHORIZED');
    }
  });

  it("an integrator's API key is not a desk session: 401 on every endpoint, also those it may call through its own routes", async () => {
    for (const e of ENDPOINTS) {
      const res = await call(e, { authorization: `Bearer ${integratorKey}` });
      expect(res.statusCode, `${e}: ${res.body}`).toBe(401);
    }
  });

  for (const role of STAFF_ROLES) {
    it(`${role}: 403 where the contract does not list the role, past the role check where it does`, async () => {
      const cookie = sessions.get(role)!.cookie;
      for (const e of ENDPOINTS) {
        const allowed = (contract[e].roles as readonly Role[]).includes(role);
        const res = await call(e, { cookie });
        if (allowed) {
          expect(res.statusCode, `${role} → ${e}: ${res.body.slice(0, 300)}`).not.toBe(401);
          expect(res.statusCode, `${role} → ${e}: ${res.body.slice(0, 300)}`).not.toBe(403);
        } else {
          expect(res.statusCode, `${role} → ${e}: ${res.body.slice(0, 300)}`).toBe(403);
          expect(code(res.body)).toBe('FORBIDDEN');
        }
      }
    });
  }

  it('endpoints for machines only (integrator / system) are refused to every person at a desk', async () => {
    const machineOnly = ENDPOINTS.filter((e) =>
      (contract[e].roles as readonly Role[]).every((r) => !(STAFF_ROLES as readonly Role[]).includes(r)),
    );
    expect(machineOnly.length).toBeGreaterThan(0);
    for (const e of machineOnly)
      for (const role of STAFF_ROLES)
        expect((await call(e, { cookie: sessions.get(role)!.cookie })).statusCode, `${role} → ${e}`).toBe(403);
  });
});
