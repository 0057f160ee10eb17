import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Actor, Engine } from '../../src/engine';
import type { PickListModel, PrintRequest, ShippingLabelModel } from '../../src/engine/core/documents/document-models';
import { inTransaction, openDatabase, type Db } from '../../src/engine/db/data-source';
import { renderDocument } from '../../src/engine/modules/printing/documents/render-document';
import { enqueuePrint } from '../../src/engine/modules/printing/print-jobs.store';
import { migrateTestDatabase, startTestEngine } from '../support/engine-under-test';
import { startRawPrinter } from '../support/raw-printer';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { cpuByCommand, cpuPerUnit } from './cpu-by-process';

const ADMIN: Actor = { id: 'bench-admin', name: 'Bench', role: 'admin' };
const PLANNER: Actor = { id: 'bench-planner', name: 'Bench', role: 'planner' };

const address = (name: string, city: string) => ({
  name,
  line1: 'Av. Corrientes 1234, 5º B',
  city,
  region: 'CABA',
  postalCode: 'C1043',
  country: 'AR',
  phone: '+54 11 5555-0000',
});

function shippingLabel(n: number): ShippingLabelModel {
  return {
    kind: 'shipping_label',
    orderNumber: 100_000 + n,
    parcelCode: `P${String(n).padStart(8, '0')}`,
    trackingNumber: null,
    carrier: 'Andreani',
    service: 'Estándar',
    seq: 1,
    of: 1,
    weightGrams: 1250,
    shipFrom: address('CD Ezeiza', 'Ezeiza'),
    shipTo: address(`Señora Núñez ${n}`, 'Peñalolén'),
    promisedAt: new Date().toISOString(),
  };
}

function pickList(lines: number): PickListModel {
  const slots = Array.from({ length: 24 }, (_, i) => String.fromCharCode(65 + (i % 26)));
  return {
    kind: 'pick_list',
    waveCode: 'W-BENCH-1',
    locationName: 'CD Ezeiza',
    groupedBy: 'cut-off 16:00 · Andreani',
    cutoffAt: new Date().toISOString(),
    releasedAt: new Date().toISOString(),
    releasedBy: 'Paula Planner',
    orders: slots.map((slot, i) => ({ slot, orderNumber: 5000 + i, customerName: `Cliente ${i} Muñoz`, units: 20 })),
    lines: Array.from({ length: lines }, (_, i) => ({
      seq: i + 1,
      bin: `A-${String(1 + Math.floor(i / 40)).padStart(2, '0')}-${String(1 + (i % 40)).padStart(2, '0')}`,
      sku: `SKU-${String(i).padStart(6, '0')}`,
      ean: null,
      productName: `Producto de prueba ${i} — remera algodón talle M`,
      quantity: 1 + (i % 5),
      slots: [{ slot: slots[i % slots.length]!, quantity: 1 + (i % 5) }],
    })),
  };
}

const request = (n: number, tag: string): PrintRequest => ({
  docType: 'shipping_label',
  docKey: `shipping_label:bench-${tag}-${n}`,
  title: `Label #${100_000 + n}`,
  ref: { orderId: `bench-${n}`, parcelId: `bench-parcel-${n}` },
  model: shippingLabel(n),
  locale: 'es',
});

/**
 * Queues `count` labels in transactions of `per` (a wave's labels come in one), from `clients`
 * concurrent callers (several desks packing at once), as another module would.
 */
async function enqueueAll(ds: Db, station: string, count: number, per: number, tag: string, clients = 4): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = (next += per) - per; i < count; i = (next += per) - per) {
        await inTransaction(ds, async (m) => {
          for (let n = i; n < Math.min(count, i + per); n++) await enqueuePrint(m, { ...request(n, tag), stationId: station }, PLANNER);
        });
      }
    }),
  );
}

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`bench print: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * CPU milliseconds this process (the engine, its sender and the listener) used since `from`:
 * exact for this process, where the per-command figures (cpuByCommand) also count other `node`
 * and Postgres processes busy on the same machine.
 */
const ownCpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

/** pgbench's select-only TPS on this server for 5 s: a yardstick of how fast this box is, to read the figures against. */
function pgbenchYardstick(db: TestDatabase): { selectOnlyTps: number } | { skipped: string } {
  try {
    execFileSync('pgbench', ['-i', '-q', '-s', '1', db.url], { stdio: 'ignore' });
    const out = execFileSync('pgbench', ['-S', '-c', '4', '-j', '2', '-T', '5', '-n', db.url], { encoding: 'utf8' });
    const m = /tps = ([\d.]+)/.exec(out);
    return m ? { selectOnlyTps: Math.round(Number(m[1])) } : { skipped: 'pgbench printed no tps' };
  } catch (e) {
    return { skipped: `pgbench not run: ${(e as Error).message.split('\n')[0]} (apt-get install postgresql-client)` };
  }
}

/**
 * Printing end to end through a real engine (no workers: a desk's own sender):
 * - ZPL labels/s to a loopback JetDirect listener (target ≥ 200/s), rendered from shipping label
 *   models to ZPL: `fromQueue` — N labels already queued drain once their route is set (the
 *   sender alone: claim, render, ~HS + send, done); `endToEnd` — N more queued by 4 concurrent
 *   callers (enqueuePrint, 50 per transaction) while they print, timed to the last byte received;
 * - PDF labels/s: the same labels as 4×6 PDFs to a folder printer, until every file is written;
 * - the time to render a 500-line pick list PDF (median of 5 after a warm-up; target ≤ 1 s);
 * - CPU and memory per job: this process's own CPU (engine + sender + listener), CPU per process
 *   kind on the machine (Postgres backends; polluted by anything else running), heap growth.
 * Options: --zpl 2000 --pdf 300 --lines 500
 */
export async function run(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      zpl: { type: 'string', default: '2000' },
      pdf: { type: 'string', default: '300' },
      lines: { type: 'string', default: '500' },
    },
  });
  const zplCount = Number(values.zpl);
  const pdfCount = Number(values.pdf);
  const lines = Number(values.lines);

  const db = await createTestDatabase();
  await migrateTestDatabase(db.url);
  const yardstick = pgbenchYardstick(db);
  const engine: Engine = await startTestEngine(db.url, { workers: false, dbPoolSize: 10 });
  const ds = await openDatabase({ url: db.url, poolSize: 4 });
  const listener = await startRawPrinter();
  const folder = mkdtempSync(join(tmpdir(), 'atalaya-print-bench-'));
  const station = engine.config.stationId;
  try {
    const zebra = await engine.dispatch(
      'printing.savePrinter',
      { name: 'Bench Zebra', transport: 'raw9100', address: listener.address, language: 'zpl', dpi: 203 },
      ADMIN,
    );
    console.error(`bench print: ${zplCount} ZPL labels to ${listener.address}, queued first, then routed`);

    // A station's engine runs for hours: the renderer is warmed up first (the cold figure is reported).
    let tw = performance.now();
    for (let n = 0; n < 500; n++) await renderDocument(shippingLabel(n), { format: 'zpl', dpi: 203, paper: '4x6', locale: 'es' });
    const coldRenderMs = (performance.now() - tw) / 500;
    tw = performance.now();
    for (let n = 0; n < 500; n++) await renderDocument(shippingLabel(n), { format: 'zpl', dpi: 203, paper: '4x6', locale: 'es' });
    const warmRenderMs = (performance.now() - tw) / 500;

    // … and so is the rest of the path (sender, transport, prepared statements on each connection): 300 labels through it, untimed.
    const WARM = 300;
    await engine.dispatch('printing.setRoute', { docType: 'shipping_label', printerId: zebra.id }, ADMIN);
    await enqueueAll(ds, station, WARM, 50, 'warm');
    await listener.waitForJobs(WARM, 10 * 60_000);
    await engine.dispatch('printing.setRoute', { docType: 'shipping_label', printerId: null }, ADMIN);

    // 1. The sender alone: labels wait in the queue with no route; the route is set and they drain to the listener.
    let t0 = performance.now();
    await enqueueAll(ds, station, zplCount, 50, 'zpl');
    const enqueuePerSecond = zplCount / ((performance.now() - t0) / 1000);
    global.gc?.();
    const mem0 = process.memoryUsage();
    let cpu0 = cpuByCommand();
    let own0 = process.cpuUsage();
    t0 = performance.now();
    await engine.dispatch('printing.setRoute', { docType: 'shipping_label', printerId: zebra.id }, ADMIN);
    await listener.waitForJobs(WARM + zplCount, 10 * 60_000);
    const drainSeconds = (performance.now() - t0) / 1000;
    const zplCpu = cpuPerUnit(cpu0, cpuByCommand(), zplCount, drainSeconds);
    const zplOwnMs = ownCpuMs(own0) / zplCount;
    const mem1 = process.memoryUsage();
    await until('the ZPL jobs marked done', async () => (await countDone(db, 'zpl')) === zplCount, 60_000);
    const firstLabel = listener.jobs[WARM]!.toString('utf8');

    // 2. End to end: queued by 4 concurrent callers while the sender prints them.
    console.error(`bench print: ${zplCount} ZPL labels queued while printing`);
    t0 = performance.now();
    await enqueueAll(ds, station, zplCount, 50, 'zpl2');
    await listener.waitForJobs(WARM + 2 * zplCount, 10 * 60_000);
    const e2eSeconds = (performance.now() - t0) / 1000;
    await until('the second ZPL jobs marked done', async () => (await countDone(db, 'zpl2')) === zplCount, 60_000);

    // PDF labels to a folder printer.
    const pdfPrinter = await engine.dispatch(
      'printing.savePrinter',
      { name: 'Bench folder', transport: 'folder', address: folder, language: 'pdf', paper: 'A4' },
      ADMIN,
    );
    await engine.dispatch('printing.setRoute', { docType: 'shipping_label', printerId: pdfPrinter.id }, ADMIN);
    console.error(`bench print: ${pdfCount} PDF labels to ${folder}`);
    cpu0 = cpuByCommand();
    own0 = process.cpuUsage();
    t0 = performance.now();
    await enqueueAll(ds, station, pdfCount, 50, 'pdf');
    await until('the PDF jobs done', async () => (await countDone(db, 'pdf')) === pdfCount, 10 * 60_000);
    const pdfSeconds = (performance.now() - t0) / 1000;
    const pdfCpu = cpuPerUnit(cpu0, cpuByCommand(), pdfCount, pdfSeconds);
    const pdfOwnMs = ownCpuMs(own0) / pdfCount;
    const files = readdirSync(folder, { recursive: true }).filter((f) => String(f).endsWith('.pdf')).length;

    // A 500-line pick list.
    const model = pickList(lines);
    const target = { format: 'pdf', dpi: null, paper: 'A4', locale: 'es' } as const;
    await renderDocument(model, target);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      bytes = (await renderDocument(model, target)).bytes.byteLength;
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const pages = Number(
      /\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(Buffer.from((await renderDocument(model, target)).bytes).toString('latin1'))?.[1] ?? 0,
    );

    return {
      bench: 'print',
      yardstick: { pgbench: yardstick },
      zplLabels: {
        labels: zplCount,
        received: listener.jobs.length - WARM,
        warmUpLabels: WARM,
        target: '>= 200/s',
        fromQueue: { labelsPerSecond: Math.round(zplCount / drainSeconds), seconds: round(drainSeconds) },
        endToEnd: {
          labelsPerSecond: Math.round(zplCount / e2eSeconds),
          seconds: round(e2eSeconds),
          enqueuedBy: '4 callers, 50 per transaction',
        },
        enqueuePerSecond: Math.round(enqueuePerSecond),
        renderMsPerLabel: { first500: round(coldRenderMs, 2), next500: round(warmRenderMs, 2) },
        bytesPerLabel: Buffer.byteLength(firstLabel),
        engineCpuMsPerLabel: round(zplOwnMs, 2),
        cpuMsPerLabel: zplCpu.msPerUnit,
        machineBusy: zplCpu.machineBusy,
        heapKbPerLabel: round((mem1.heapUsed - mem0.heapUsed) / 1024 / zplCount, 2),
        rssMbAfter: round(mem1.rss / 1024 / 1024),
      },
      pdfLabels: {
        labels: pdfCount,
        filesWritten: files,
        labelsPerSecond: round(pdfCount / pdfSeconds),
        seconds: round(pdfSeconds),
        engineCpuMsPerLabel: round(pdfOwnMs, 2),
        cpuMsPerLabel: pdfCpu.msPerUnit,
        machineBusy: pdfCpu.machineBusy,
      },
      pickList: {
        lines,
        pages,
        pdfBytes: bytes,
        medianMs: Math.round(times[2]!),
        minMs: Math.round(times[0]!),
        maxMs: Math.round(times[4]!),
        target: '<= 1000 ms',
      },
      rssMbAtEnd: round(process.memoryUsage().rss / 1024 / 1024),
    };
  } finally {
    await engine.close();
    await ds.destroy();
    await listener.close();
    rmSync(folder, { recursive: true, force: true });
    await db.drop();
  }
}

async function countDone(db: TestDatabase, tag: string): Promise<number> {
  const r = await db.pool.query(`SELECT count(*)::int AS n FROM print_jobs WHERE status = 'done' AND doc_key LIKE $1`, [
    `shipping_label:bench-${tag}-%`,
  ]);
  return r.rows[0].n;
}
