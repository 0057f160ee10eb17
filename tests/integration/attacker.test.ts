import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Engine } from '../../src/engine';
import { API_ACTOR } from '../../src/server/actors';
import { SESSION_ENDED } from '../../src/server/event-socket';
import { buildHttpApp } from '../../src/server/http-app';
import type { ErrorBody } from '../../src/shared';
import { startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { SESSION_COOKIE, signInAs, TEST_ADMIN } from '../support/sessions';
import type { TestDatabase } from '../support/test-database';

const DESK = resolve(__dirname, '../../out/renderer');

/** What an HTTP answer's Set-Cookie gives the session cookie, or undefined. */
function sessionCookieOf(setCookie: string | string[] | undefined): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const c = all.find((v) => v.startsWith(`${SESSION_COOKIE}=`));
  return c ? c.slice(SESSION_COOKIE.length + 1).split(';')[0] : undefined;
}

/** Opens the event stream; resolves with the socket once open, or with the HTTP status that refused the upgrade. */
function openEvents(url: string, headers: Record<string, string>): Promise<{ socket?: WebSocket; refused?: number }> {
  return new Promise((done) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => done({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      done({ refused: res.statusCode });
      socket.terminate();
    });
    socket.once('error', () => done({ refused: -1 }));
  });
}

/**
 * The attacks issue 11 lists, each against the real web host on loopback: a page elsewhere, a
 * rebinding name, a stolen or planted cookie, a password guesser, a forged webhook after a secret
 * swap, a key reading what it should not. Every one is refused.
 */
describe('an attacker at every door of the web host', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let base: string;
  let port: number;

  beforeAll(async () => {
    process.env.ATALAYA_SECRET_KEY ??= randomBytes(32).toString('base64');
    ({ db, engine } = await startFixtureEngine([{ location: 'loc-palermo', sku: 'SKU-ATK', onHand: 50 }], { workers: false }));
    app = await buildHttpApp(engine, { deskDir: DESK, apiActor: API_ACTOR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(base).port);
  });
  afterAll(async () => {
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  const desk = (endpoint: string, headers: Record<string, string>, body = '{}') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/desk/${endpoint}`,
      headers: { 'content-type': 'application/json', ...headers },
      payload: body,
    });

  it('an unknown Host is refused everywhere — the desk page, the API, the WebSocket — naming the setting; /healthz answers', async () => {
    const planner = await signInAs(engine, { role: 'planner' });
    for (const [method, url] of [
      ['GET', '/'],
      ['GET', '/index.html'],
      ['GET', '/api/v1/openapi.json'],
      ['GET', '/api/v1/session/options'],
      ['POST', '/api/v1/desk/orders.list'],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: { host: `evil.example:${port}`, cookie: planner.cookie, 'content-type': 'application/json' },
        payload: method === 'POST' ? '{}' : undefined,
      });
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect((res.json() as ErrorBody).error.message).toMatch(/ATALAYA_ALLOWED_HOSTS/);
    }
    const ws = await openEvents(`ws://127.0.0.1:${port}/api/v1/events`, { host: `evil.example:${port}`, cookie: planner.cookie });
    expect(ws.refused).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/healthz', headers: { host: 'evil.example' } })).statusCode).toBe(200);
    // The names it does answer to, on any port.
    for (const host of [`127.0.0.1:${port}`, 'localhost', `[::1]:${port}`])
      expect((await app.inject({ method: 'GET', url: '/', headers: { host } })).statusCode, host).toBe(200);
  });

  it('a page elsewhere (a forged Origin with an allowed Host) is refused 403, also on the WebSocket', async () => {
    const planner = await signInAs(engine, { role: 'planner' });
    const host = `127.0.0.1:${port}`;
    for (const origin of ['https://evil.example', `http://127.0.0.1:${port + 1}`, 'null', `https://127.0.0.1:${port}`]) {
      const res = await desk('orders.list', { host, origin, cookie: planner.cookie });
      expect(res.statusCode, origin).toBe(403);
    }
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { host, origin: 'https://evil.example', 'content-type': 'application/json' },
      payload: JSON.stringify({ username: planner.username, password: planner.password }),
    });
    expect(signIn.statusCode).toBe(403);
    expect(sessionCookieOf(signIn.headers['set-cookie'])).toBeUndefined();
    const ws = await openEvents(`ws://127.0.0.1:${port}/api/v1/events`, { origin: 'https://evil.example', cookie: planner.cookie });
    expect(ws.refused).toBe(403);
    // Its own pages pass.
    expect((await desk('orders.list', { host, origin: `http://${host}`, cookie: planner.cookie })).statusCode).toBe(200);
  });

  it('DNS rebinding (Host and Origin both evil.example, resolving to loopback) is refused', async () => {
    const planner = await signInAs(engine, { role: 'planner' });
    const res = await desk('orders.list', { host: `evil.example:${port}`, origin: `http://evil.example:${port}`, cookie: planner.cookie });
    expect(res.statusCode).toBe(400);
    const ws = await openEvents(`ws://127.0.0.1:${port}/api/v1/events`, {
      host: `evil.example:${port}`,
      origin: `http://evil.example:${port}`,
      cookie: planner.cookie,
    });
    expect(ws.refused).toBe(400);
  });

  it('a stolen cookie replayed after sign-out is dead: 401 on the API, no WebSocket, and an open socket is closed', async () => {
    const planner = await signInAs(engine, { role: 'planner' });
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: planner.username, password: planner.password }),
    });
    expect(signIn.statusCode).toBe(200);
    const setCookie = [signIn.headers['set-cookie']].flat().join('\n');
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(new RegExp(`Max-Age=${engine.identity.sessionPolicy.absoluteSeconds}`));
    const cookie = `${SESSION_COOKIE}=${sessionCookieOf(signIn.headers['set-cookie'])}`;
    expect((await desk('orders.list', { cookie })).statusCode).toBe(200);

    const open = await openEvents(`ws://127.0.0.1:${port}/api/v1/events`, { cookie });
    expect(open.socket).toBeDefined();
    const closed = new Promise<number>((done) => open.socket!.once('close', (c) => done(c)));

    const out = await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect([out.headers['set-cookie']].flat().join('\n')).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
    expect(await closed).toBe(SESSION_ENDED);

    const replay = await desk('orders.list', { cookie });
    expect(replay.statusCode).toBe(401);
    expect((replay.json() as ErrorBody).error.code).toBe('UNAUTHORIZED');
    expect((await openEvents(`ws://127.0.0.1:${port}/api/v1/events`, { cookie })).refused).toBe(401);
    expect((await openEvents(`ws://127.0.0.1:${port}/api/v1/events`, {})).refused).toBe(401);
  });

  it('session fixation: a cookie the browser already holds is never adopted — sign-in issues a new token and ends the old one', async () => {
    const attacker = await signInAs(engine, { role: 'planner', name: 'Attacker' });
    const victim = await signInAs(engine, { role: 'supervisor', name: 'Victim' });
    for (const planted of [attacker.token, `planted-${randomBytes(16).toString('base64url')}`]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${planted}` },
        payload: JSON.stringify({ username: victim.username, password: victim.password }),
      });
      expect(res.statusCode).toBe(200);
      const issued = sessionCookieOf(res.headers['set-cookie']);
      expect(issued).toBeTruthy();
      expect(issued).not.toBe(planted);
      expect(await engine.identity.authenticate(planted)).toBeNull();
      expect((await desk('orders.list', { cookie: `${SESSION_COOKIE}=${planted}` })).statusCode).toBe(401);
      expect((await engine.identity.authenticate(issued!))?.name).toBe('Victim');
    }
  });

  it('a password guesser is throttled: 429 with Retry-After after 5 wrong passwords, then even for the right one', async () => {
    const target = await signInAs(engine, { role: 'supervisor' });
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/session',
        remoteAddress: '203.0.113.7',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: target.username, password }),
      });
    for (let i = 0; i < 5; i++) {
      const res = await attempt(`wrong-guess-${i}-xxxxxxxx`);
      expect(res.statusCode, `guess ${i + 1}`).toBe(401);
      expect(sessionCookieOf(res.headers['set-cookie'])).toBeUndefined();
    }
    for (const password of ['wrong-guess-6-xxxxxxxx', target.password]) {
      const res = await attempt(password);
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect((res.json() as ErrorBody).error.code).toBe('RATE_LIMITED');
      expect(sessionCookieOf(res.headers['set-cookie'])).toBeUndefined();
    }
  });

  it('a cross-site POST: without the cookie 401; as a form (no preflight) 415 even with it', async () => {
    const supervisor = await signInAs(engine, { role: 'supervisor' });
    const body = JSON.stringify({ order: anOrder() });
    expect((await desk('orders.create', {}, body)).statusCode).toBe(401);
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/desk/orders.create',
        headers: { 'content-type': type, cookie: supervisor.cookie },
        payload: body,
      });
      expect(res.statusCode, type).toBe(415);
    }
    expect(Number((await db.pool.query('SELECT count(*) AS n FROM orders')).rows[0].n)).toBe(0);
  });

  it("order reads: nothing → 401 with WWW-Authenticate; another channel's key → 404; its own channel's key and an orders.read key → 200", async () => {
    const a = await engine.dispatch('channels.create', { kind: 'api', name: 'Shop A' }, TEST_ADMIN);
    const b = await engine.dispatch('channels.create', { kind: 'api', name: 'Shop B' }, TEST_ADMIN);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { 'x-api-key': a.apiKey! },
      payload: anOrder({ lines: [{ sku: 'SKU-ATK', quantity: 1 }] }),
    });
    expect(created.statusCode).toBe(201);
    const url = `/api/v1/orders/${(created.json() as { id: string }).id}`;
    const none = await app.inject({ method: 'GET', url });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/Bearer/);
    expect((await app.inject({ method: 'GET', url, headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${b.apiKey}` } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${a.apiKey}` } })).statusCode).toBe(200);
    const feedsOnly = await engine.dispatch('apiKeys.create', { name: 'POS', scopes: ['inventory.feeds'] }, TEST_ADMIN);
    expect((await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${feedsOnly.secret}` } })).statusCode).toBe(401);
    const reader = await engine.dispatch('apiKeys.create', { name: 'BI', scopes: ['orders.read'] }, TEST_ADMIN);
    expect((await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${reader.secret}` } })).statusCode).toBe(200);
    // A person's session reads it as that person: an admin holds no order data.
    const admin = await signInAs(engine, { role: 'admin' });
    expect((await app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } })).statusCode).toBe(403);
  });

  it('inventory feeds: no key → 401; a key without inventory.feeds → refused; a feed key → applied', async () => {
    const deltas = { source: 'pos', events: [{ locationId: 'loc-palermo', sku: 'SKU-ATK', seq: 1, onHand: 40 }] };
    const post = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/inventory/deltas',
        headers: { 'content-type': 'application/json', ...headers },
        payload: deltas,
      });
    const none = await post({});
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/Bearer/);
    const reader = await engine.dispatch('apiKeys.create', { name: 'BI', scopes: ['orders.read'] }, TEST_ADMIN);
    expect([401, 403]).toContain((await post({ authorization: `Bearer ${reader.secret}` })).statusCode);
    const supervisor = await signInAs(engine, { role: 'supervisor' });
    expect((await post({ cookie: supervisor.cookie })).statusCode).toBe(401);
    const csv = await app.inject({
      method: 'POST',
      url: '/api/v1/inventory/snapshots?source=pos',
      headers: { 'content-type': 'text/csv' },
      payload: 'location_id,sku,on_hand\nloc-palermo,SKU-ATK,0\n',
    });
    expect(csv.statusCode).toBe(401);
    const onHand = async () => (await db.pool.query(`SELECT on_hand FROM stock WHERE sku = 'SKU-ATK'`)).rows[0].on_hand as number;
    expect(await onHand()).toBe(50);
    const feed = await engine.dispatch('apiKeys.create', { name: 'POS', scopes: ['inventory.feeds'] }, TEST_ADMIN);
    expect((await post({ authorization: `Bearer ${feed.secret}` })).statusCode).toBe(200);
    expect(await onHand()).toBe(40);
  });

  it('"replace a Shopify secret, then forge a webhook" no longer works: channel changes need an admin session', async () => {
    const { channel } = await engine.dispatch(
      'channels.create',
      { kind: 'shopify', name: 'Shop', settings: { shopDomain: 'shop.myshopify.com' }, secrets: { webhookSecret: 'the-real-secret' } },
      TEST_ADMIN,
    );
    const swap = await desk('channels.update', {}, JSON.stringify({ id: channel.id, secrets: { webhookSecret: 'attacker-secret' } }));
    expect(swap.statusCode).toBe(401);
    expect((await desk('channels.rotateKey', {}, JSON.stringify({ id: channel.id }))).statusCode).toBe(401);
    const planner = await signInAs(engine, { role: 'planner' });
    expect(
      (await desk('channels.update', { cookie: planner.cookie }, JSON.stringify({ id: channel.id, secrets: { webhookSecret: 'x' } })))
        .statusCode,
    ).toBe(403);
    const { createHmac } = await import('node:crypto');
    const raw = JSON.stringify({ id: 1 });
    const forged = await app.inject({
      method: 'POST',
      url: `/api/v1/channels/${channel.id}/webhooks`,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-hmac-sha256': createHmac('sha256', 'attacker-secret').update(raw).digest('base64'),
      },
      payload: raw,
    });
    expect(forged.statusCode).toBe(401);
  });

  it('security headers on the desk page and the API: CSP without inline scripts, no framing, nosniff, no referrer, no HSTS on http', async () => {
    for (const url of ['/', '/api/v1/session/options', '/api/v1/desk/orders.list']) {
      const res = await app.inject({
        method: url.includes('/desk/') ? 'POST' : 'GET',
        url,
        headers: { 'content-type': 'application/json' },
        payload: url.includes('/desk/') ? '{}' : undefined,
      });
      const csp = String(res.headers['content-security-policy']);
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc, url).toBe("'self'");
      expect(csp, url).toMatch(/frame-ancestors 'none'/);
      expect(csp, url).toMatch(/default-src 'self'/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    // The built desk has no inline script for that CSP to block.
    const html = (await app.inject({ method: 'GET', url: '/' })).body;
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
  });
});
