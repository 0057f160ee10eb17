import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { startFixtureEngine } from '../support/engine-under-test';
import { freePort } from '../support/ports';
import { SESSION_COOKIE, signInAs } from '../support/sessions';
import type { TestDatabase } from '../support/test-database';

/** A browser's cookie jar for one site, enough for a redirect dance: name → value, paths ignored. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const value = pair!.slice(at + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(pair!.slice(0, at));
      else this.cookies.set(pair!.slice(0, at), value);
    }
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Sign-in through the company's identity provider: a real OpenID provider (oidc-provider) on
 * loopback with one client and one account, the desk's routes, and the browser's redirects followed
 * by hand (plain HTTP, a cookie jar per site). The provider's dev interactions stand in for its
 * login and consent pages.
 */
describe('OIDC sign-in against a loopback identity provider', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let idp: Server;
  let deskBase = '';
  let issuer = '';
  /** The account the provider signs in: its e-mail is what the desk's user is found by. */
  const account = { sub: 'idp-user-42', email: 'ana.oidc@example.com', name: 'Ana from the IdP' };

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine([], { workers: false }));
    const [idpPort, deskPort] = [await freePort(), await freePort()];
    issuer = `http://127.0.0.1:${idpPort}`;
    deskBase = `http://127.0.0.1:${deskPort}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'atalaya',
          client_secret: 'a-test-client-secret',
          redirect_uris: [`${deskBase}/api/v1/session/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      // The claims go in the ID token (openid-client's claims() reads that), not only in userinfo.
      conformIdTokenClaims: false,
      findAccount: async (_ctx: unknown, sub: string) =>
        sub === account.sub
          ? { accountId: sub, claims: async () => ({ sub, email: account.email, email_verified: true, name: account.name }) }
          : undefined,
      cookies: { keys: ['oidc-test-cookie-key'] },
    });
    idp = createServer(provider.callback());
    await new Promise<void>((r) => idp.listen(idpPort, '127.0.0.1', r));
    app = await buildHttpApp(engine, {
      apiActor: API_ACTOR,
      oidc: {
        issuer,
        clientId: 'atalaya',
        clientSecret: 'a-test-client-secret',
        publicUrl: deskBase,
        label: 'Sign in with Example SSO',
        allowInsecureRequests: true, // the test provider speaks http on loopback
      },
    });
    await app.listen({ port: deskPort, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((r) => idp?.close(r));
    await engine?.close();
    await db?.drop();
  });

  /** The whole round trip as a browser makes it; answers the desk callback's response (a redirect). */
  async function roundTrip(login: string, deskJar = new Jar()): Promise<{ res: Response; desk: Jar }> {
    const idpJar = new Jar();
    const get = async (url: string, jar: Jar) => {
      const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      jar.take(res);
      return res;
    };
    let res = await get(`${deskBase}/api/v1/session/oidc`, deskJar);
    expect(res.status).toBe(302);
    let url = new URL(res.headers.get('location')!);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    for (let hop = 0; hop < 12; hop++) {
      if (url.origin === deskBase) break;
      res = await get(url.href, idpJar);
      if (res.status === 200 && url.pathname.startsWith('/interaction/')) {
        // The provider's login or consent page: submit it as the user would.
        const html = await res.text();
        const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? (html.includes('name="login"') ? 'login' : 'consent');
        const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
        res = await fetch(url.href, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: idpJar.header(), 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        });
        idpJar.take(res);
      }
      expect([302, 303], `${url.href} answered ${res.status}`).toContain(res.status);
      url = new URL(res.headers.get('location')!, url);
    }
    expect(url.pathname).toBe('/api/v1/session/oidc/callback');
    return { res: await get(url.href, deskJar), desk: deskJar };
  }

  it('the sign-in page offers the provider by its label', async () => {
    const res = await fetch(`${deskBase}/api/v1/session/options`);
    expect(await res.json()).toMatchObject({ oidc: { label: 'Sign in with Example SSO' } });
  });

  it('a user whose e-mail the provider vouches for is signed in: session cookie, redirect to /, the desk answers as them', async () => {
    const user = await signInAs(engine, { role: 'planner', username: account.email, name: 'Ana Planner' });
    const { res, desk } = await roundTrip(account.sub);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const token = desk.get(SESSION_COOKIE);
    expect(token).toBeTruthy();
    expect(res.headers.getSetCookie().join('\n')).toMatch(/HttpOnly/);
    const me = await fetch(`${deskBase}/api/v1/desk/session.me`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` },
      body: '{}',
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(user.actor.id);
    const linked = await db.pool.query('SELECT external_issuer, external_subject FROM users WHERE id = $1', [user.actor.id]);
    expect(linked.rows[0]).toEqual({ external_issuer: issuer, external_subject: account.sub });
    // Linked by (issuer, subject) from now on: the second round trip finds the same user.
    const again = await roundTrip(account.sub);
    expect(again.res.headers.get('location')).toBe('/');
    expect((await engine.identity.authenticate(again.desk.get(SESSION_COOKIE)!))?.id).toBe(user.actor.id);
  });

  it('someone the provider knows but Atalaya does not is sent back to the sign-in page with a reason, no session', async () => {
    await db.pool.query(`UPDATE users SET disabled = true WHERE username = $1`, [account.email]);
    const { res, desk } = await roundTrip(account.sub);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/\?signin=unknown_user$/);
    expect(desk.get(SESSION_COOKIE)).toBeUndefined();
    await db.pool.query(`UPDATE users SET disabled = false WHERE username = $1`, [account.email]);
  });

  it('a callback without the flow it started (a forged or replayed code and state) is refused', async () => {
    const forged = await fetch(`${deskBase}/api/v1/session/oidc/callback?code=stolen&state=guessed`, { redirect: 'manual' });
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toBe('/?signin=expired');
    expect(forged.headers.getSetCookie().join('\n')).not.toMatch(new RegExp(`${SESSION_COOKIE}=[^;]`));
  });
});
