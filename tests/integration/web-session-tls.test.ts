import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { hostSettingsFromEnv } from '../../src/server/host-settings';
import { SECURE_SESSION_COOKIE } from '../../src/server/session-cookie';
import { startFixtureEngine } from '../support/engine-under-test';
import { signInAs } from '../support/sessions';
import type { TestDatabase } from '../support/test-database';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * The web host over TLS (ATALAYA_TLS_CERT / ATALAYA_TLS_KEY, a self-signed certificate made for the
 * test): https answers, the session cookie is `__Host-atalaya_session` with Secure, HSTS is sent,
 * and only the secure cookie name is read.
 */
describe('the web host over TLS', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let dir: string;
  let cert: Buffer;
  let port: number;

  const https = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    new Promise<Answer>((done, fail) => {
      const req = request({ host: '127.0.0.1', servername: 'localhost', port, method, path, headers, ca: cert }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: text }));
      });
      req.on('error', fail);
      req.end(body);
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atalaya-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ], { stdio: 'ignore' }); // prettier-ignore
    cert = readFileSync(join(dir, 'cert.pem'));
    ({ db, engine } = await startFixtureEngine([], { workers: false }));
    const settings = hostSettingsFromEnv({ ATALAYA_TLS_CERT: join(dir, 'cert.pem'), ATALAYA_TLS_KEY: join(dir, 'key.pem') });
    app = await buildHttpApp(engine, { apiActor: API_ACTOR, ...settings });
    port = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port);
  });
  afterAll(async () => {
    await app?.close();
    await engine?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in over https: a Secure __Host- cookie, HSTS, and the desk answers with that cookie only', async () => {
    const user = await signInAs(engine, { role: 'planner' });
    const res = await https(
      'POST',
      '/api/v1/session',
      { host: `localhost:${port}`, origin: `https://localhost:${port}`, 'content-type': 'application/json' },
      JSON.stringify({ username: user.username, password: user.password }),
    );
    expect(res.status).toBe(200);
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith(`${SECURE_SESSION_COOKIE}=`));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const token = cookie!.slice(SECURE_SESSION_COOKIE.length + 1).split(';')[0]!;

    const ask = (cookieHeader: string) =>
      https(
        'POST',
        '/api/v1/desk/session.me',
        { host: `localhost:${port}`, 'content-type': 'application/json', cookie: cookieHeader },
        '{}',
      );
    expect((await ask(`${SECURE_SESSION_COOKIE}=${token}`)).status).toBe(200);
    // The plain name could be planted by a plain-http page or a sibling subdomain: over TLS it is not read.
    expect((await ask(`atalaya_session=${token}`)).status).toBe(401);
    // An http:// origin is not this https desk.
    const cross = await https('POST', '/api/v1/desk/session.me', {
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
      'content-type': 'application/json',
      cookie: `${SECURE_SESSION_COOKIE}=${token}`,
    }, '{}'); // prettier-ignore
    expect(cross.status).toBe(403);
  });

  it('half a TLS configuration stops start-up naming the missing setting', () => {
    expect(() => hostSettingsFromEnv({ ATALAYA_TLS_CERT: join(dir, 'cert.pem') })).toThrow(/ATALAYA_TLS_KEY/);
    expect(() => hostSettingsFromEnv({ ATALAYA_TLS_CERT: join(dir, 'nope.pem'), ATALAYA_TLS_KEY: join(dir, 'key.pem') })).toThrow(
      /ATALAYA_TLS_CERT: cannot read/,
    );
  });
});
