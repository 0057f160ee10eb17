import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Engine } from '../../../src/engine';
import type { PickListModel, PrintRequest, ShippingLabelModel } from '../../../src/engine/core/documents/document-models';
import { inTransaction, openDatabase, type Db } from '../../../src/engine/db/data-source';
import { enqueuePrint } from '../../../src/engine/modules/printing/print-jobs.store';
import type { AppError, PrintJob } from '../../../src/shared';
import { PLANNER, startFixtureEngine } from '../../support/engine-under-test';
import { startRawPrinter, type RawPrinter } from '../../support/raw-printer';
import type { TestDatabase } from '../../support/test-database';

const ADMIN: Actor = { id: 'u-print-admin-2', name: 'Adela Admin', role: 'admin' };
const CUPS_PDF_DIR = process.env.ATALAYA_CUPS_PDF_DIR ?? '/var/spool/cups-pdf/atalaya';

function need(tool: string, pkg: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${tool} is missing: apt-get install ${pkg} (or run .ci/cups-setup)`);
  }
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const run = Math.random().toString(36).slice(2, 8);
const address = (name: string, city: string) => ({ name, line1: 'Av. Corrientes 1234', city, postalCode: 'C1043', country: 'AR' });

const label: ShippingLabelModel = {
  kind: 'shipping_label',
  orderNumber: 4711,
  parcelCode: `PX${run.toUpperCase()}01`,
  trackingNumber: null,
  carrier: 'Andreani',
  service: 'Estándar',
  seq: 1,
  of: 2,
  weightGrams: 1250,
  shipFrom: address('CD Ezeiza', 'Ezeiza'),
  shipTo: address('Señora Núñez', 'Peñalolén'),
  promisedAt: null,
};

const pickList: PickListModel = {
  kind: 'pick_list',
  waveCode: `W-${run.toUpperCase()}`,
  locationName: 'Tienda Córdoba',
  groupedBy: 'cut-off 16:00',
  cutoffAt: null,
  releasedAt: new Date().toISOString(),
  releasedBy: 'Paula Planner',
  orders: [{ slot: 'A', orderNumber: 4711, customerName: 'Núñez', units: 2 }],
  lines: [
    { seq: 1, bin: 'A-01-01', sku: 'REM-001', ean: null, productName: 'Remera algodón', quantity: 1, slots: [{ slot: 'A', quantity: 1 }] },
    { seq: 2, bin: 'B-02-03', sku: 'PAN-002', ean: null, productName: 'Pantalón jean', quantity: 1, slots: [{ slot: 'A', quantity: 1 }] },
  ],
};

/**
 * Documents drawn by the sender and delivered by real transports: a pick list through CUPS/IPP to
 * the cups-pdf queue, a label as a 4×6 PDF to a folder printer (its barcode decoded back), a label
 * as ZPL to the JetDirect listener with accents escaped; previews of each; return labels refused.
 */
describe('print jobs through the renderer and real transports', () => {
  let db: TestDatabase;
  let engine: Engine;
  let ds: Db;
  let zebra: RawPrinter;
  let folder: string;

  const enqueue = (r: PrintRequest) => inTransaction(ds, (m) => enqueuePrint(m, { ...r, stationId: engine.config.stationId }, PLANNER));
  const job = async (id: string): Promise<PrintJob> =>
    (await engine.dispatch('printing.jobs', { limit: 500 }, PLANNER)).find((j) => j.id === id)!;
  const settled = (id: string) =>
    until(`job ${id} settled`, async () => ((j) => (j.status === 'done' || j.status === 'failed' ? j : null))(await job(id)));
  const request = (docType: PrintRequest['docType'], model: PrintRequest['model'], title: string): PrintRequest => ({
    docType,
    docKey: `${docType}:${run}:${title}`,
    title,
    ref: { orderId: 'order-4711' },
    model,
    locale: 'es',
  });

  beforeAll(async () => {
    need('pdftoppm', 'poppler-utils');
    need('zbarimg', 'zbar-tools');
    need('lpstat', 'cups-client');
    ({ db, engine } = await startFixtureEngine([], { workers: false }));
    ds = await openDatabase({ url: db.url, poolSize: 2 });
    zebra = await startRawPrinter();
    folder = mkdtempSync(join(tmpdir(), 'atalaya-print-folder-'));
  });
  afterAll(async () => {
    await engine?.close();
    await ds?.destroy();
    await zebra?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
    await db?.drop();
  });

  it('sends a pick list through CUPS to the cups-pdf queue', async () => {
    const cups = await engine.dispatch(
      'printing.savePrinter',
      { name: 'Láser oficina', transport: 'ipp', address: 'ipp://127.0.0.1:631/printers/atalaya-pdf', language: 'pdf', paper: 'A4' },
      ADMIN,
    );
    await engine.dispatch('printing.setRoute', { docType: 'pick_list', printerId: cups.id }, ADMIN);
    const started = Date.now();
    const queued = await enqueue(request('pick_list', pickList, `Pick list ${pickList.waveCode}`));
    expect(queued.format).toBe('pdf');
    const done = await settled(queued.id);
    expect(done).toMatchObject({ status: 'done', printerName: 'Láser oficina', lastError: null });
    const file = await until('the cups-pdf file', () =>
      readdirSync(CUPS_PDF_DIR).find((f) => f.includes(pickList.waveCode) && statSync(join(CUPS_PDF_DIR, f)).mtimeMs >= started - 1000),
    );
    expect(readFileSync(join(CUPS_PDF_DIR, file)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes a label as a 4×6 PDF to a folder printer, and its barcode decodes to the parcel code', async () => {
    const laser = await engine.dispatch(
      'printing.savePrinter',
      { name: 'Carpeta etiquetas', transport: 'folder', address: folder, language: 'pdf' },
      ADMIN,
    );
    await engine.dispatch('printing.setRoute', { docType: 'shipping_label', printerId: laser.id }, ADMIN);
    const queued = await enqueue(request('shipping_label', label, 'Label #4711 1/2 pdf'));
    expect(queued.format).toBe('pdf');
    const done = await settled(queued.id);
    expect(done.status).toBe('done');
    const pdf = readdirSync(folder, { recursive: true })
      .map(String)
      .find((f) => f.endsWith(`${queued.id}.pdf`));
    expect(pdf).toBeDefined();
    const png = join(folder, 'label');
    execFileSync('pdftoppm', ['-r', '200', '-png', '-singlefile', join(folder, pdf!), png]);
    const decoded = execFileSync('zbarimg', ['--quiet', `${png}.png`], { encoding: 'utf8' });
    expect(decoded).toContain(label.parcelCode);

    const preview = await engine.dispatch('printing.preview', { jobId: queued.id }, PLANNER);
    expect(Buffer.from(preview.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(preview.zpl).toBeNull();
  });

  it('sends a label as ZPL with accents escaped, and previews it as a PDF with the ZPL beside it', async () => {
    const z = await engine.dispatch(
      'printing.savePrinter',
      { name: 'Zebra expedición', transport: 'raw9100', address: zebra.address, language: 'zpl', dpi: 300 },
      ADMIN,
    );
    await engine.dispatch('printing.setRoute', { docType: 'shipping_label', printerId: z.id }, ADMIN);
    const queued = await enqueue(request('shipping_label', label, 'Label #4711 1/2 zpl'));
    expect(queued.format).toBe('zpl');
    expect((await settled(queued.id)).status).toBe('done');
    const [bytes] = await zebra.waitForJobs(1);
    const zpl = bytes!.toString('utf8');
    expect(zpl).toMatch(/^\^XA\s*\^CI28/);
    expect(zpl).toContain('^PW1200'); // 4 in at 300 dpi
    expect(zpl).toContain('Pe_C3_B1alol_C3_A9n');
    expect(zpl).toContain(label.parcelCode);

    const preview = await engine.dispatch('printing.preview', { jobId: queued.id }, PLANNER);
    expect(preview.zpl).toBe(zpl);
    expect(Buffer.from(preview.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('previews carrier ZPL as its text; a return label names the return it is for', async () => {
    const carrier = await enqueue(
      request('return_label', { kind: 'carrier_zpl', docType: 'return_label', zpl: '^XA^FDRET-1^FS^XZ' }, 'Return RET-1'),
    );
    const preview = await engine.dispatch('printing.preview', { jobId: carrier.id }, PLANNER);
    expect(preview.zpl).toBe('^XA^FDRET-1^FS^XZ');
    expect(Buffer.from(preview.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    await engine.dispatch('printing.cancel', { jobId: carrier.id }, PLANNER);

    const err = await engine.dispatch('printing.print', { docType: 'return_label', ref: { orderId: 'order-4711' } }, PLANNER).then(
      () => null,
      (e: AppError) => e,
    );
    expect(err?.code).toBe('VALIDATION_FAILED');
    expect(err?.issues?.[0]?.path).toBe('ref.returnId');
    const none = await engine
      .dispatch('printing.print', { docType: 'return_label', ref: { returnId: '00000000-0000-4000-8000-000000000000' } }, PLANNER)
      .then(
        () => null,
        (e: AppError) => e,
      );
    expect(none?.code).toBe('NOT_FOUND');
  });
});
