import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { launchChromium } from '../support/browser';
import { migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { anOrder, seedFixture } from '../support/fixtures';
import { SESSION_COOKIE, signInAs, type TestSession } from '../support/sessions';
import { createTestDatabase } from '../support/test-database';
import { cloneOrders, liveOrderSql, seedLocations } from './desk-seed';
import { installProbe, mapRenderMs, median, percentile, readProbe } from './desk-probe';
import { pgbenchN } from './yardstick';

const SKU = 'BENCH-DESK';
const BUILT_DESK = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/** A desk page of its own (browser context) signed in as `session` (the cookie the sign-in page leaves). */
async function openSignedInPage(browser: Browser, session: TestSession): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  await context.addCookies([
    { name: SESSION_COOKIE, value: session.token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' },
  ]);
  return context.newPage();
}
const round = (n: number | null, d = 0) => (n === null ? null : Math.round(n * 10 ** d) / 10 ** d);
const log = (m: string) => console.error(`desk bench: ${m}`);

/** Waits in the page's own time for `check` to hold, up to `ms`; the answer, or null. */
async function until<T>(page: Page, check: () => Promise<T | null | undefined>, ms: number): Promise<T | null> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) return null;
    await page.waitForTimeout(20);
  }
}

/**
 * `npm run bench desk`: the web desk in Chromium (Playwright) against a real engine on Postgres —
 * - the first queue page with `--orders` (100,000) orders: navigation start → first row on screen (target ≤ 1,000 ms);
 * - the map with `--locations` (5,000): the locations' answer → their markers painted (the map's own marks; ≤ 300 ms);
 * - desk-to-desk latency: an order taken on desk A (through the web host, as the desk does) → its row on desk B's
 *   screen, over `--actions` (200) orders one after another (p50 ≤ 150 ms, p99 ≤ 500 ms);
 * - `--rate` (200) order events a second for `--seconds` (60) written as intake writes them (order + outbox event, one
 *   transaction each): how far desk B's total is behind the database's when the writing stops (lag ≤ 1 s), that it
 *   then equals it, and the longest main-thread task on each desk (≤ 100 ms, PerformanceObserver 'longtask').
 * With pgbench -N as the machine's yardstick. Needs the built desk (`npm run build`) and Chromium.
 */
export async function run(argv: string[]): Promise<object> {
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: { type: 'string', default: '100000' },
      locations: { type: 'string', default: '5000' },
      actions: { type: 'string', default: '200' },
      rate: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '60' },
      loads: { type: 'string', default: '3' },
      /** Writes a CPU profile of desk B's main thread over the sustained phase here (open it in Chrome's DevTools). */
      profile: { type: 'string' },
      /** Writes a Chromium performance trace of both desks over the sustained phase here. */
      trace: { type: 'string' },
    },
  });
  const [nOrders, nLocations, nActions, rate, seconds, loads] = [
    values.orders,
    values.locations,
    values.actions,
    values.rate,
    values.seconds,
    values.loads,
  ].map(Number) as [number, number, number, number, number, number];
  if (!existsSync(`${BUILT_DESK}/index.html`)) throw new Error(`The desk is not built (${BUILT_DESK}): run "npm run build" first.`);
  process.env.ATALAYA_SECRET_KEY ??= randomBytes(32).toString('base64');

  const db = await createTestDatabase();
  const writers = new pg.Pool({ connectionString: db.url, max: 8 });
  // The writers' pool ends before the database is dropped (a drop terminates its idle connections).
  const cleanup: (() => Promise<unknown>)[] = [() => writers.end(), () => db.drop()];
  try {
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [{ location: 'loc-palermo', sku: SKU, onHand: 1_000_000 }]);
    const locations = await seedLocations(db.pool, nLocations);
    const yardstick = pgbenchN(db);
    const engine = await startTestEngine(db.url, { redisUrl: process.env.REDIS_URL, workers: false, dbPoolSize: 20 });
    cleanup.unshift(() => engine.close());
    const { order: template } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ lines: [{ sku: SKU, quantity: 1, unitPrice: 1000 }] }) },
      PLANNER,
    );
    log(`seeding ${nOrders} orders over ${locations} locations`);
    await cloneOrders(db.pool, template.id, nOrders - 1);
    const app = await buildHttpApp(engine, { deskDir: BUILT_DESK, apiActor: API_ACTOR });
    cleanup.unshift(() => app.close());
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await launchChromium();
    cleanup.unshift(() => browser.close());
    const open = async () => {
      const page = await openSignedInPage(browser, await signInAs(engine, { role: 'planner' }));
      await installProbe(page);
      return page;
    };

    // 1. The first queue page and the map, as a planner opens the desk (the first load warms the engine's caches).
    log('first page and map');
    const firstPage: number[] = [];
    const mapRender: number[] = [];
    for (let i = 0; i < loads; i++) {
      const page = await open();
      await page.goto(base);
      const at = await until(page, async () => (await readProbe(page)).firstRowAt, 60_000);
      if (at !== null) firstPage.push(at);
      const map = await until(page, () => mapRenderMs(page, locations), 60_000);
      if (map !== null) mapRender.push(map);
      await page.context().close();
    }

    // 2. Desk to desk: an order taken on A shows on B.
    const deskA = await open();
    const deskB = await open();
    await Promise.all([deskA.goto(base), deskB.goto(base)]);
    await until(deskB, async () => (await readProbe(deskB)).firstRowAt, 60_000);
    await until(deskA, async () => (await readProbe(deskA)).firstRowAt, 60_000);
    log(`desk to desk, ${nActions} orders`);
    const latencies: number[] = [];
    /** The path split in two: action → the event at desk B's socket, and socket → the row on screen. */
    const toSocket: number[] = [];
    const toScreen: number[] = [];
    /** Per order: when desk B's socket heard of it and when its row was on screen (Date.now()). */
    const heardShown: [number, number][] = [];
    let missed = 0;
    for (let i = 0; i < nActions; i++) {
      const order = anOrder({ lines: [{ sku: SKU, quantity: 1, unitPrice: 1000 }] });
      const sent = await deskA.evaluate(
        async (body) => {
          const t = Date.now();
          const r = await fetch('/api/v1/desk/orders.create', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          });
          const answer = (await r.json()) as { order?: { number: number } };
          return { t, number: answer.order?.number };
        },
        { order },
      );
      if (sent.number === undefined) throw new Error('desk A could not take an order');
      const shown = await until(
        deskB,
        () =>
          deskB.evaluate(
            (n) => (window as never as { __deskProbe: { seen: Record<string, number> } }).__deskProbe.seen[n],
            String(sent.number),
          ),
        10_000,
      );
      if ((i + 1) % 25 === 0) log(`${i + 1} orders, p50 so far ${median(latencies)} ms`);
      if (shown === null) missed++;
      else {
        latencies.push(shown - sent.t);
        const heardAt = await deskB.evaluate(
          (n) => (window as never as { __deskProbe: { heard: Record<string, number> } }).__deskProbe.heard[n],
          String(sent.number),
        );
        if (heardAt !== undefined) {
          toSocket.push(heardAt - sent.t);
          toScreen.push(shown - heardAt);
          heardShown.push([heardAt, shown]);
        }
      }
    }
    // Socket → screen split by desk B's own request timings: waiting to ask, the queue's page asked and answered, then on screen.
    const pageReads = await deskB.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => /\/desk\/orders\.(list|page)$/.test(e.name))
        .map((e): [number, number] => [
          performance.timeOrigin + e.startTime,
          performance.timeOrigin + (e as PerformanceResourceTiming).responseEnd,
        ]),
    );
    const toAsk: number[] = [];
    const asked: number[] = [];
    const toPaint: number[] = [];
    for (const [heard, shown] of heardShown) {
      const read = pageReads.find(([start, end]) => start >= heard && end <= shown);
      if (!read) continue;
      toAsk.push(read[0] - heard);
      asked.push(read[1] - read[0]);
      toPaint.push(shown - read[1]);
    }
    for (const xs of [latencies, toSocket, toScreen, toAsk, asked, toPaint]) xs.sort((a, b) => a - b);

    // 3. Sustained: `rate` order events a second for `seconds`, then how far behind desk B is.
    log(`sustained ${rate} events/s for ${seconds} s`);
    const sql = await liveOrderSql(db.pool);
    // A Chromium performance trace (open it in DevTools' Performance panel): layout, paint and what invalidated them.
    const tracing = values.trace ? deskB.context().browser() : null;
    if (tracing && values.trace)
      await tracing.startTracing(deskB, {
        path: values.trace,
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'disabled-by-default-devtools.timeline.invalidationTracking',
        ],
      });
    const cdp = values.profile ? await deskB.context().newCDPSession(deskB) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const phaseStart = await deskB.evaluate(() => performance.now());
    const phaseStartA = await deskA.evaluate(() => performance.now());
    let committed = 0;
    let lastCommit = 0;
    const inFlight = new Set<Promise<void>>();
    const t0 = Date.now();
    const behind: number[] = [];
    for (let k = 0; Date.now() - t0 < seconds * 1000; k++) {
      const due = Math.floor(((Date.now() - t0) / 1000) * rate);
      while (committed + inFlight.size < due) {
        const key = `${k}-${committed + inFlight.size}-${randomBytes(3).toString('hex')}`;
        const p: Promise<void> = writers.query(sql, [template.id, key]).then(() => {
          committed++;
          lastCommit = Date.now();
          inFlight.delete(p);
        });
        inFlight.add(p);
      }
      if (k % 250 === 0 && k > 0) {
        const dbTotal = Number((await writers.query<{ n: string }>(`SELECT count(*)::text AS n FROM orders`)).rows[0]!.n);
        const deskTotal = (await readProbe(deskB)).totals.at(-1)?.[0] ?? 0;
        behind.push(dbTotal - deskTotal);
      }
      await sleep(20);
    }
    await Promise.all(inFlight);
    const writeSeconds = (lastCommit - t0) / 1000;
    const dbTotal = Number((await writers.query<{ n: string }>(`SELECT count(*)::text AS n FROM orders`)).rows[0]!.n);
    const caughtUpAt = await until(deskB, async () => (await readProbe(deskB)).totals.find(([t]) => t >= dbTotal)?.[1], 120_000);
    await sleep(1500);
    if (tracing) await tracing.stopTracing();
    if (cdp && values.profile) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(values.profile, JSON.stringify(profile));
      log(`desk B's CPU profile: ${values.profile}`);
    }
    const [probeA, probeB] = [await readProbe(deskA), await readProbe(deskB)];
    const longest = (tasks: [number, number][], from: number) => Math.max(0, ...tasks.filter(([s]) => s >= from).map(([, d]) => d));

    return {
      bench: 'desk',
      machine: { cores: (await import('node:os')).cpus().length, yardstick },
      seeded: { orders: nOrders, locations },
      firstQueuePageMs: { median: round(median(firstPage)), each: firstPage.map((x) => round(x)), target: 1000 },
      mapRenderMs: { median: round(median(mapRender)), each: mapRender.map((x) => round(x)), locations, target: 300 },
      deskToDeskMs: {
        actions: nActions,
        p50: round(percentile(latencies, 50)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies.at(-1) ?? null),
        missed,
        actionToSocket: { p50: round(percentile(toSocket, 50)), p99: round(percentile(toSocket, 99)) },
        socketToScreen: {
          p50: round(percentile(toScreen, 50)),
          p99: round(percentile(toScreen, 99)),
          // Its parts (p50), for the orders whose page read is found: socket → the read asked, the read, answer → row on screen.
          parts: {
            matched: asked.length,
            toAskP50: round(percentile(toAsk, 50)),
            pageReadP50: round(percentile(asked, 50)),
            answerToScreenP50: round(percentile(toPaint, 50)),
          },
        },
        target: { p50: 150, p99: 500 },
      },
      sustained: {
        rateAsked: rate,
        seconds,
        eventsWritten: committed,
        rateAchieved: round(committed / writeSeconds, 1),
        lagAtEndMs: caughtUpAt === null ? null : Math.max(0, caughtUpAt - lastCommit),
        lagTargetMs: 1000,
        deskBehindDuringRunOrders: { samples: behind, max: Math.max(0, ...behind) },
        totals: { database: dbTotal, deskB: probeB.totals.at(-1)?.[0] ?? null, deskA: probeA.totals.at(-1)?.[0] ?? null },
        longestTaskMs: {
          deskB: round(longest(probeB.longTasks, phaseStart)),
          deskA: round(longest(probeA.longTasks, phaseStartA)),
          target: 100,
        },
        longTasksOver100ms: probeB.longTasks.filter(([s, d]) => s >= phaseStart && d > 100).length,
      },
    };
  } finally {
    for (const c of cleanup) await c().catch((e: unknown) => log(`cleanup: ${String(e)}`));
  }
}
