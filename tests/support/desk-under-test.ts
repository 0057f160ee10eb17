import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { loadConfig, startEngine, type Engine } from '../../src/engine';
import type { StaffRole } from '../../src/shared';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { launchChromium } from './browser';
import { startFixtureEngine } from './engine-under-test';
import { testQueuePrefix } from './queue-keys';
import { SESSION_COOKIE, signInAs, type TestSession } from './sessions';
import { createTestDatabase, type TestDatabase } from './test-database';

// From the module's own address, not __dirname: the benches run it as an ES module (tsx), the tests through Vitest.
const HERE = fileURLToPath(new URL('.', import.meta.url));
export const E2E_ARTIFACTS = resolve(HERE, '../../test-results/e2e');
export const BUILT_DESK = resolve(HERE, '../../out/renderer');

type StockRow = Parameters<typeof startFixtureEngine>[0][number];

/** Who signs in at a desk page: a user with this role is created and signed in. */
export interface SignInAs {
  role: StaffRole;
  name?: string;
  /** An associate's locations. */
  locations?: string[];
}

export interface DeskOptions {
  /** Who is signed in at the desk page (a user created for the test, the session cookie set in the browser). */
  as: SignInAs;
  /** Fixture locations with this stock (the default), or the whole demo retailer. */
  stock?: StockRow[];
  demo?: boolean;
  /** Run queue workers in the engine (default true). */
  workers?: boolean;
  /** Browser page options; the viewport defaults to 1600×900. */
  page?: BrowserContextOptions;
  /** Runs after the engine starts, before the page opens (e.g. orders that must exist first). */
  before?(desk: Omit<DeskUnderTest, 'page' | 'session'>): Promise<void>;
  /** Open the desk in the page at start (default true). */
  open?: boolean;
}

export interface DeskUnderTest {
  db: TestDatabase;
  engine: Engine;
  app: FastifyInstance;
  /** The web host's base URL. */
  base: string;
  browser: Browser;
  page: Page;
  /** The session of the page's user (its token, cookie header and credentials). */
  session: TestSession;
  /** A second user signed in in a page of their own (its own browser context and cookie). */
  newSignedInPage(as: SignInAs, page?: BrowserContextOptions): Promise<{ page: Page; session: TestSession }>;
  /** Uncaught errors of the page, for tests that assert a clean run. */
  errors: string[];
  /** Keeps a screenshot as a test artifact in test-results/e2e. */
  shot(name: string, page?: Page): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * A page in a browser context of its own holding `session`'s cookie, as the sign-in page's answer
 * leaves it (HttpOnly, SameSite Strict, for the loopback host the tests listen on).
 */
export async function openSignedInPage(browser: Browser, session: TestSession, options?: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, ...options });
  await context.addCookies([
    { name: SESSION_COOKIE, value: session.token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' },
  ]);
  return context.newPage();
}

/**
 * The built web desk in Debian's Chromium against a real engine on a fresh test database (with
 * fixture stock or the demo retailer), on Redis queues when REDIS_URL is set. Fails with
 * instructions when the desk is not built or Chromium is missing — never skips.
 */
export async function startDeskUnderTest(o: DeskOptions): Promise<DeskUnderTest> {
  if (!existsSync(resolve(BUILT_DESK, 'index.html')))
    throw new Error(`The desk is not built (${BUILT_DESK}); run "npm run build" first (npm test does).`);
  mkdirSync(E2E_ARTIFACTS, { recursive: true });
  // Channel secrets are encrypted with this key; each test run gets its own.
  process.env.ATALAYA_SECRET_KEY ??= randomBytes(32).toString('base64');
  let db: TestDatabase;
  let engine: Engine;
  if (o.demo) {
    db = await createTestDatabase();
    engine = await startEngine(
      loadConfig(
        {},
        {
          databaseUrl: db.url,
          redisUrl: process.env.REDIS_URL,
          demo: 'seed',
          workers: o.workers ?? true,
          logLevel: 'warn',
          simulatorRate: 0,
          queuePrefix: testQueuePrefix('e2e'),
        },
      ),
    );
  } else {
    ({ db, engine } = await startFixtureEngine(o.stock ?? [], { redisUrl: process.env.REDIS_URL, workers: o.workers ?? true }));
  }
  const app = await buildHttpApp(engine, { deskDir: BUILT_DESK, apiActor: API_ACTOR });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  const errors: string[] = [];
  const close = async () => {
    await browser.close();
    await app.close();
    await engine.close();
    await db.drop();
  };
  const partial = {
    db,
    engine,
    app,
    base,
    browser,
    errors,
    close,
    shot: (name: string, p?: Page) => (p ?? page).screenshot({ path: resolve(E2E_ARTIFACTS, `${name}.png`), animations: 'disabled' }),
  };
  const newSignedInPage = async (as: SignInAs, options?: BrowserContextOptions) => {
    const session = await signInAs(engine, as);
    const page = await openSignedInPage(browser, session, options);
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, session };
  };
  await o.before?.({ ...partial, newSignedInPage });
  const { page, session } = await newSignedInPage(o.as, o.page);
  if (o.open ?? true) await page.goto(base);
  return { ...partial, page, session, newSignedInPage };
}
