import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, startEngine } from '../../src/engine';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { LOCATIONS_RECEIVED, LOCATIONS_RENDERED } from '../../src/renderer/src/features/map/map-perf';
import { launchChromium } from '../support/browser';
import { openSignedInPage } from '../support/desk-under-test';
import { migrateTestDatabase } from '../support/engine-under-test';
import { testQueuePrefix } from '../support/queue-keys';
import { signInAs } from '../support/sessions';
import { createTestDatabase } from '../support/test-database';

const DESK = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/**
 * `npm run bench map [-- --locations 5000]`: the live map with N synthetic locations (90 % stores
 * around a dozen Argentine cities, 8 % dark stores, 2 % DCs) in Debian's Chromium against a real
 * engine: the time from the network's data arriving at the desk (`locations.list` answered) to its
 * markers and clusters painted, and from the page's start. Marks come from the desk itself
 * (features/map/map-perf.ts). Needs `npm run build` first.
 */
export async function run(args: string[]): Promise<object> {
  const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const n = Number(arg('--locations') ?? 5000);
  if (!existsSync(resolve(DESK, 'index.html'))) throw new Error(`The desk is not built (${DESK}); run "npm run build" first.`);
  const db = await createTestDatabase();
  await migrateTestDatabase(db.url);
  // Cities (lat, lng, spread in degrees): locations scatter around them, as a retailer's do.
  await db.pool.query(
    `WITH c(i, lat, lng, spread) AS (VALUES (0,-34.60,-58.44,0.35),(1,-31.42,-64.18,0.2),(2,-32.95,-60.66,0.15),(3,-32.89,-68.83,0.15),
       (4,-26.82,-65.22,0.1),(5,-38.00,-57.55,0.1),(6,-34.92,-57.95,0.1),(7,-24.79,-65.41,0.1),(8,-27.47,-58.83,0.1),
       (9,-38.72,-62.27,0.1),(10,-41.13,-71.31,0.08),(11,-31.63,-60.70,0.1))
     INSERT INTO locations (id, code, name, kind, city, lat, lng, daily_capacity)
     SELECT 'bench-' || g, 'B-' || g, 'Ubicación ' || g,
       CASE WHEN g % 50 = 0 THEN 'dc' WHEN g % 12 = 0 THEN 'dark_store' ELSE 'store' END,
       'Ciudad ' || (g % 12), c.lat + (random() - 0.5) * c.spread * 2, c.lng + (random() - 0.5) * c.spread * 2,
       CASE WHEN g % 50 = 0 THEN 5000 ELSE 100 + (g % 200) END
     FROM generate_series(1, $1::int) g JOIN c ON c.i = g % 12`,
    [n],
  );
  const engine = await startEngine(
    loadConfig(
      {},
      {
        databaseUrl: db.url,
        redisUrl: process.env.REDIS_URL,
        demo: 'empty',
        workers: false,
        logLevel: 'warn',
        simulatorRate: 0,
        queuePrefix: testQueuePrefix('bench'),
      },
    ),
  );
  const app = await buildHttpApp(engine, { deskDir: DESK, apiActor: API_ACTOR });
  const browser = await launchChromium();
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const page = await openSignedInPage(browser, await signInAs(engine, { role: 'planner', name: 'Bench' }), {
      viewport: { width: 1600, height: 1000 },
    });
    const profile = arg('--profile');
    const cdp = profile ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    await page.goto(base);
    const marks = await page.waitForFunction(
      ([received, rendered, count]) => {
        const done = performance.getEntriesByName(rendered).find((m) => (m as PerformanceMark).detail?.count === count);
        const got = performance.getEntriesByName(received)[0];
        return done && got ? { received: got.startTime, rendered: done.startTime } : null;
      },
      [LOCATIONS_RECEIVED, LOCATIONS_RENDERED, n] as const,
      { timeout: 120_000, polling: 50 },
    );
    const { received, rendered } = (await marks.jsonValue()) as { received: number; rendered: number };
    if (cdp && profile) {
      const { profile: p } = await cdp.send('Profiler.stop');
      writeFileSync(profile, JSON.stringify(p));
    }
    const dom = await page.evaluate(() => ({
      markers: document.querySelectorAll('path.atalaya-location').length,
      clusters: document.querySelectorAll('.atalaya-cluster').length,
    }));
    // A zoom in and back out: the clusters are recomputed for the new zoom (Leaflet animates ~250 ms of it).
    // (A string: tsx would wrap named inner functions in a helper the page does not have.)
    const zoomMs = (await page.evaluate(`(async () => {
      const t0 = performance.now();
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const zoomed = async (button) => {
        document.querySelector(button).click(); // Leaflet marks the animation at once (.leaflet-zoom-anim)
        while (document.querySelector('.leaflet-zoom-anim')) await frame();
        await frame();
        await frame();
      };
      await zoomed('.leaflet-control-zoom-in');
      await zoomed('.leaflet-control-zoom-out');
      return performance.now() - t0;
    })()`)) as number;
    return {
      locations: n,
      receivedToRenderedMs: Math.round(rendered - received),
      pageStartToRenderedMs: Math.round(rendered),
      zoomInAndOutMs: Math.round(zoomMs),
      shown: dom,
    };
  } finally {
    await browser.close();
    await app.close();
    await engine.close();
    await db.drop();
  }
}
