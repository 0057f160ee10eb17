import type { Page } from 'playwright-core';

/** What the probe records in the page (`window.__deskProbe`). */
export interface DeskProbe {
  /** performance.now() when the first order row was on screen (ms since navigation start). */
  firstRowAt: number | null;
  /** Order number → Date.now() when a row for it was first on screen. */
  seen: Record<string, number>;
  /** Order number → Date.now() when the live stream first brought an event of it (before the desk handled it). */
  heard: Record<string, number>;
  /** Every change of the queue's total: [total, Date.now()]. */
  totals: [number, number][];
  /** Long tasks of the main thread: [startTime, duration] (performance.now() times). */
  longTasks: [number, number][];
}

/**
 * Installed before the desk's own scripts: a PerformanceObserver for long tasks (main-thread work
 * over 50 ms) and a MutationObserver noting when order rows and the queue's total appear — the
 * moments a planner would see them, taken in the page itself (no polling from the test's side).
 */
function probe(): void {
  const p: DeskProbe = { firstRowAt: null, seen: {}, heard: {}, totals: [], longTasks: [] };
  (window as unknown as { __deskProbe: DeskProbe }).__deskProbe = p;
  // The stream's messages as they arrive, before the desk's own handler: `{ at, event }` (or a bare event).
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (m: MessageEvent) => {
        if (typeof m.data !== 'string' || !m.data.includes('order.changed')) return;
        const t = Date.now();
        const msg = JSON.parse(m.data) as { event?: { number?: number }; number?: number };
        const n = String(msg.event?.number ?? msg.number);
        if (p.heard[n] === undefined) p.heard[n] = t;
      });
    }
  };
  // Room for every request's timing (the default keeps 250): the bench splits socket → screen with them.
  performance.setResourceTimingBufferSize(100_000);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) p.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const look = (el: Element) => {
    if (el.matches('[data-testid=order-row]')) {
      p.firstRowAt ??= performance.now();
      const n = el.getAttribute('data-order-number');
      if (n && p.seen[n] === undefined) p.seen[n] = Date.now();
    }
    if (el.matches('[data-testid=queue-total]')) {
      const t = Number(el.getAttribute('data-total'));
      if (p.totals.at(-1)?.[0] !== t) p.totals.push([t, Date.now()]);
    }
  };
  const start = () =>
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') look(r.target as Element);
        else
          for (const node of r.addedNodes) {
            if (!(node instanceof Element)) continue;
            look(node);
            node.querySelectorAll('[data-testid=order-row], [data-testid=queue-total]').forEach(look);
          }
      }
    }).observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-total', 'data-order-number'],
    });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

export async function installProbe(page: Page): Promise<void> {
  // tsx (esbuild, keepNames) wraps named inner functions in `__name(...)`; the page has no such helper.
  await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  await page.addInitScript(probe);
}

export const readProbe = (page: Page): Promise<DeskProbe> =>
  page.evaluate(() => (window as unknown as { __deskProbe: DeskProbe }).__deskProbe);

/** The map's own marks (src/renderer/src/features/map/map-perf.ts): data received → markers painted, for `count` locations. */
export async function mapRenderMs(page: Page, count: number): Promise<number | null> {
  return page.evaluate((n) => {
    const detail = (e: PerformanceEntry) => ((e as PerformanceMark).detail as { count?: number } | null)?.count ?? -1;
    const got = performance.getEntriesByName('atalaya:locations-received').find((e) => detail(e) >= n);
    if (!got) return null;
    const painted = performance.getEntriesByName('atalaya:locations-rendered').find((e) => detail(e) >= n && e.startTime >= got.startTime);
    return painted ? painted.startTime - got.startTime : null;
  }, count);
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? null;
export const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
