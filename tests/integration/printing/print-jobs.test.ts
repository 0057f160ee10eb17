import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Engine } from '../../../src/engine';
import { inTransaction, openDatabase, type Db } from '../../../src/engine/db/data-source';
import type { PrintRequest } from '../../../src/engine/core/documents/document-models';
import { enqueuePrint } from '../../../src/engine/modules/printing/print-jobs.store';
import type { AppError, PrintJob, Printer } from '../../../src/shared';
import { ASSOCIATE, PLANNER, startFixtureEngine } from '../../support/engine-under-test';
import { startRawPrinter, type RawPrinter } from '../../support/raw-printer';
import type { TestDatabase } from '../../support/test-database';

const ADMIN: Actor = { id: 'u-print-admin', name: 'Adela Admin', role: 'admin', session: 'sess-print-admin' };
const OTHER_STATION = 'desk:otra-caja';

const refused = async (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (e: unknown) => e as AppError,
  );

/** Polls `probe` until it returns something truthy (generous bound, never a fixed sleep). */
async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let seq = 0;
/** A carrier-supplied ZPL label: printed byte for byte, so the listener's bytes can be compared exactly. */
function carrierLabel(docType: 'shipping_label' | 'return_label' = 'shipping_label', stationId?: string): PrintRequest & { zpl: string } {
  const n = ++seq;
  const zpl = `^XA^CI28^FO40,40^A0N,40,40^FH^FDEnvío #${n} Peñalolén^FS^XZ`;
  return {
    docType,
    docKey: `${docType}:test-parcel-${n}-${Math.random().toString(36).slice(2, 8)}`,
    title: `Label test parcel ${n}`,
    ref: { orderId: `order-${n}`, parcelId: `parcel-${n}` },
    model: { kind: 'carrier_zpl', docType, zpl },
    locale: 'es',
    stationId,
    zpl,
  };
}

/**
 * Print jobs end to end against real Postgres and a real JetDirect listener on loopback: routes,
 * the sender, retries with backoff while a printer is away, the fallback and strict mode, the
 * once-only rule and reprints with a reason, interrupted sends, other stations' jobs, removal.
 * The engine runs without workers: a desk prints to its own printers all the same.
 */
describe('print jobs', () => {
  let db: TestDatabase;
  let engine: Engine;
  let ds: Db;
  let station: string;
  let zebra: RawPrinter;
  let zebraPrinter: Printer;

  const enqueue = (r: PrintRequest, actor: Actor = PLANNER) =>
    inTransaction(ds, (m) => enqueuePrint(m, { ...r, stationId: r.stationId ?? station }, actor));
  const job = async (id: string): Promise<PrintJob> => {
    const jobs = await engine.dispatch('printing.jobs', { limit: 500 }, PLANNER);
    const j = jobs.find((x) => x.id === id);
    if (!j) throw new Error(`job ${id} not listed`);
    return j;
  };
  const jobWith = (id: string, test: (j: PrintJob) => boolean) =>
    until(`job ${id}`, async () => ((j) => (test(j) ? j : null))(await job(id)));
  const addZebra = async (name: string, address: string) =>
    engine.dispatch('printing.savePrinter', { name, transport: 'raw9100', address, language: 'zpl', dpi: 203 }, ADMIN);
  const route = (
    docType: 'shipping_label' | 'return_label',
    printerId: string | null,
    fallbackPrinterId: string | null = null,
    strict = false,
  ) => engine.dispatch('printing.setRoute', { docType, printerId, fallbackPrinterId, strict }, ADMIN);
  const printerState = async (id: string) => {
    const stations = await engine.dispatch('printing.stations', {}, PLANNER);
    return stations.flatMap((s) => s.printers).find((p) => p.id === id)?.health.state;
  };

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine([], { workers: false }));
    ds = await openDatabase({ url: db.url, poolSize: 2 });
    station = engine.config.stationId;
    zebra = await startRawPrinter();
    zebraPrinter = await addZebra('Zebra muelle 1', zebra.address);
    await route('shipping_label', zebraPrinter.id);
  });
  afterAll(async () => {
    await engine?.close();
    await ds?.destroy();
    await zebra?.close();
    await db?.drop();
  });

  it('registers its own station at start, marked current', async () => {
    const stations = await engine.dispatch('printing.stations', {}, ASSOCIATE);
    const own = stations.find((s) => s.id === station);
    expect(own).toMatchObject({ current: true, name: engine.config.stationName });
    expect(own?.routes).toEqual([
      { stationId: station, docType: 'shipping_label', printerId: zebraPrinter.id, fallbackPrinterId: null, strict: false },
    ]);
    expect(own?.printers.map((p) => p.name)).toEqual(['Zebra muelle 1']);
  });

  it('prints a routed label once: the listener receives the ZPL exactly as the carrier sent it', async () => {
    const before = zebra.jobs.length;
    const label = carrierLabel();
    const queued = await enqueue(label);
    expect(queued).toMatchObject({
      status: 'queued',
      printerId: zebraPrinter.id,
      printerName: 'Zebra muelle 1',
      format: 'zpl',
      lastError: null,
    });
    const done = await jobWith(queued.id, (j) => j.status === 'done');
    expect(done.doneAt).not.toBeNull();
    const [bytes] = (await zebra.waitForJobs(before + 1)).slice(before);
    expect(bytes!.toString('utf8')).toBe(label.zpl);
    const events = await db.pool.query(`SELECT payload->>'status' AS status FROM engine_events WHERE payload->>'jobId' = $1 ORDER BY id`, [
      queued.id,
    ]);
    expect(events.rows.map((r) => r.status)).toEqual(['queued', 'sending', 'done']);
    expect(zebra.jobs.length).toBe(before + 1);
  });

  it('refuses to print the same document twice: ALREADY_PRINTED names the job and says to reprint with a reason', async () => {
    const label = carrierLabel();
    const first = await enqueue(label);
    await jobWith(first.id, (j) => j.status === 'done');
    const err = await refused(enqueue(label));
    expect(err.code).toBe('ALREADY_PRINTED');
    expect(err.message).toContain(first.id);
    expect(err.message).toMatch(/reprint it with a reason/);
  });

  it('reprints only with a reason, audited, as a copy of the same document', async () => {
    const label = carrierLabel();
    const first = await jobWith((await enqueue(label)).id, (j) => j.status === 'done');
    const noReason = await refused(engine.dispatch('printing.reprint', { jobId: first.id, reason: ' ' }, ASSOCIATE));
    expect(noReason.code).toBe('VALIDATION_FAILED');
    expect(noReason.issues?.[0]).toMatchObject({ path: 'reason' });

    const before = zebra.jobs.length;
    const copy = await engine.dispatch('printing.reprint', { jobId: first.id, reason: 'label torn' }, ASSOCIATE);
    expect(copy).toMatchObject({
      reprintOf: first.id,
      reason: 'label torn',
      status: 'queued',
      printerId: zebraPrinter.id,
      requestedBy: ASSOCIATE.name,
    });
    await jobWith(copy.id, (j) => j.status === 'done');
    const [bytes] = (await zebra.waitForJobs(before + 1)).slice(before);
    expect(bytes!.toString('utf8')).toBe(label.zpl);

    const audit = await db.pool.query(`SELECT * FROM audit_log WHERE action = 'printing.reprint' AND outcome = 'ok'`);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({
      user_id: ASSOCIATE.id,
      reason: 'label torn',
      order_id: label.ref.orderId,
      subject: `print job ${first.id}`,
    });
    expect(audit.rows[0].after).toMatchObject({ id: copy.id, reprintOf: first.id });
    const refusedRows = await db.pool.query(`SELECT * FROM audit_log WHERE action = 'printing.reprint' AND outcome <> 'ok'`);
    expect(refusedRows.rows).toHaveLength(1); // the attempt without a reason is on record too

    const queuedOne = await enqueue(carrierLabel('return_label')); // no route for return labels: stays queued
    const notYet = await refused(engine.dispatch('printing.reprint', { jobId: queuedOne.id, reason: 'printer jammed' }, PLANNER));
    expect(notYet.code).toBe('ILLEGAL_TRANSITION');
    await engine.dispatch('printing.cancel', { jobId: queuedOne.id }, PLANNER);
  });

  it('queues a document with no printer, saying where to set one up, and prints it once a route exists', async () => {
    const label = carrierLabel('return_label');
    const waiting = await enqueue(label);
    expect(waiting).toMatchObject({
      status: 'queued',
      printerId: null,
      lastError: `no printer for return label at station ${engine.config.stationName}: set one up under Printers`,
    });
    const before = zebra.jobs.length;
    await route('return_label', zebraPrinter.id);
    const done = await jobWith(waiting.id, (j) => j.status === 'done');
    expect(done).toMatchObject({ printerId: zebraPrinter.id, lastError: null });
    expect((await zebra.waitForJobs(before + 1))[before]!.toString('utf8')).toBe(label.zpl);
    await route('return_label', null);
  });

  it('keeps a job queued while its printer is offline (attempts growing, health offline) and prints it once when it returns', async () => {
    const flaky = await startRawPrinter();
    try {
      const p = await addZebra('Zebra offline', flaky.address);
      await route('shipping_label', p.id);
      await flaky.offline();
      const queued = await enqueue(carrierLabel());
      const waiting = await jobWith(queued.id, (j) => j.attempts >= 2);
      expect(waiting.status).toBe('queued');
      expect(waiting.lastError).toMatch(/^Zebra offline: /);
      expect(waiting.nextAttemptAt).not.toBeNull();
      expect(await printerState(p.id)).toBe('offline');

      await flaky.ready();
      const checked = await engine.dispatch('printing.checkPrinter', { id: p.id }, ASSOCIATE);
      expect(checked.health.state).toBe('ready');
      await jobWith(queued.id, (j) => j.status === 'done');
      await flaky.waitForJobs(1);
      // Done is recorded after the send: by now a second send would have arrived too.
      expect(flaky.jobs).toHaveLength(1);
    } finally {
      await route('shipping_label', zebraPrinter.id);
      await flaky.close();
    }
  });

  it('goes to a healthy fallback unless the route is strict', async () => {
    const down = await startRawPrinter();
    const spare = await startRawPrinter();
    try {
      const main = await addZebra('Zebra principal', down.address);
      const fallback = await addZebra('Zebra de respaldo', spare.address);
      expect((await engine.dispatch('printing.checkPrinter', { id: fallback.id }, PLANNER)).health.state).toBe('ready');
      await down.offline();

      await route('shipping_label', main.id, fallback.id, true);
      const strict = await enqueue(carrierLabel());
      const held = await jobWith(strict.id, (j) => j.attempts >= 1 && j.status === 'queued');
      expect(held).toMatchObject({ printerId: main.id, routedFrom: null });
      expect(await printerState(main.id)).toBe('offline');
      // Cancelled by a person before the route changes (else its next attempt would take the fallback too).
      await engine.dispatch('printing.cancel', { jobId: strict.id }, PLANNER);
      expect(spare.jobs).toHaveLength(0);

      await route('shipping_label', main.id, fallback.id, false);
      const label = carrierLabel();
      const loose = await enqueue(label);
      const moved = await jobWith(loose.id, (j) => j.status === 'done');
      expect(moved).toMatchObject({ printerId: fallback.id, printerName: 'Zebra de respaldo', routedFrom: main.id });
      expect(moved.lastError).toBeNull();
      expect((await spare.waitForJobs(1))[0]!.toString('utf8')).toBe(label.zpl);
      expect(spare.jobs).toHaveLength(1);
    } finally {
      await route('shipping_label', zebraPrinter.id);
      await down.close();
      await spare.close();
    }
  });

  it('fails a job left sending past its lease (its node died), and never sends it again', async () => {
    const before = zebra.jobs.length;
    const { id } = await enqueue(carrierLabel('return_label')); // unrouted: the sender leaves it queued
    await db.pool.query(
      `UPDATE print_jobs SET status = 'sending', printer_id = $2, format = 'zpl', last_error = NULL, lease_until = now() - interval '1 second' WHERE id = $1`,
      [id, zebraPrinter.id],
    );
    const failed = await jobWith(id, (j) => j.status === 'failed');
    expect(failed.lastError).toBe('interrupted while sending: the printer may have printed it — reprint with a reason if it did not');
    // A later job prints, so the sender has run since; the interrupted one never reached the printer.
    const later = await enqueue(carrierLabel());
    await jobWith(later.id, (j) => j.status === 'done');
    expect(zebra.jobs.length).toBe(before + 1);
    expect((await job(id)).status).toBe('failed');
  });

  it("never touches another station's jobs", async () => {
    await db.pool.query(`INSERT INTO print_stations (id, name) VALUES ($1, 'Otra caja')`, [OTHER_STATION]);
    const theirs = await engine.dispatch(
      'printing.savePrinter',
      { stationId: OTHER_STATION, name: 'Zebra de la otra caja', transport: 'raw9100', address: zebra.address, language: 'zpl', dpi: 203 },
      ADMIN,
    );
    await engine.dispatch('printing.setRoute', { stationId: OTHER_STATION, docType: 'shipping_label', printerId: theirs.id }, ADMIN);
    const refusedRoute = await refused(engine.dispatch('printing.setRoute', { docType: 'shipping_label', printerId: theirs.id }, ADMIN));
    expect(refusedRoute.issues?.[0]?.path).toBe('printerId');

    const before = zebra.jobs.length;
    const other = await enqueue(carrierLabel('shipping_label', OTHER_STATION));
    await db.pool.query(`UPDATE print_jobs SET next_attempt_at = now() - interval '1 minute' WHERE id = $1`, [other.id]);
    const row = async () => (await db.pool.query(`SELECT status, attempts, updated_at FROM print_jobs WHERE id = $1`, [other.id])).rows[0];
    const untouched = await row();
    const ours = await enqueue(carrierLabel());
    // Ours was claimed after theirs was due: the sender's claim passed theirs over.
    await jobWith(ours.id, (j) => j.status === 'done');
    expect(await row()).toEqual(untouched);
    expect(untouched).toMatchObject({ status: 'queued', attempts: 0 });
    expect(zebra.jobs.length).toBe(before + 1);
  });

  it('removing a printer fails its queued jobs with the reason and takes its routes', async () => {
    const gone = await startRawPrinter();
    try {
      const p = await addZebra('Zebra a retirar', gone.address);
      await route('shipping_label', p.id);
      await gone.offline();
      const queued = await enqueue(carrierLabel());
      await jobWith(queued.id, (j) => j.attempts >= 1);
      await engine.dispatch('printing.removePrinter', { id: p.id }, ADMIN);
      const failed = await job(queued.id);
      expect(failed.status).toBe('failed');
      expect(failed.lastError).toMatch(/^printer Zebra a retirar was removed/);
      const own = (await engine.dispatch('printing.stations', {}, PLANNER)).find((s) => s.id === station)!;
      expect(own.routes.find((r) => r.docType === 'shipping_label')).toBeUndefined();
      expect(own.printers.map((x) => x.id)).not.toContain(p.id);

      // Retried, it goes to the route's printer once there is one again.
      await route('shipping_label', zebraPrinter.id);
      const before = zebra.jobs.length;
      const retried = await engine.dispatch('printing.retry', { jobId: queued.id }, ASSOCIATE);
      expect(retried).toMatchObject({ status: 'queued', printerId: zebraPrinter.id, attempts: 0 });
      await jobWith(queued.id, (j) => j.status === 'done');
      await zebra.waitForJobs(before + 1);
      const again = await refused(engine.dispatch('printing.retry', { jobId: queued.id }, ASSOCIATE));
      expect(again.code).toBe('ILLEGAL_TRANSITION');
      expect(again.message).toMatch(/reprint it with a reason/);
    } finally {
      await gone.close();
    }
  });

  it('refuses routes that cannot print: a sheet on a ZPL printer, a fallback that is the printer itself', async () => {
    const sheet = await refused(engine.dispatch('printing.setRoute', { docType: 'pick_list', printerId: zebraPrinter.id }, ADMIN));
    expect(sheet.code).toBe('VALIDATION_FAILED');
    expect(sheet.message).toMatch(/Zebra muelle 1 is a ZPL.*pick list.*PDF printer/);
    const self = await refused(
      engine.dispatch(
        'printing.setRoute',
        { docType: 'shipping_label', printerId: zebraPrinter.id, fallbackPrinterId: zebraPrinter.id },
        ADMIN,
      ),
    );
    expect(self.issues?.[0]?.path).toBe('fallbackPrinterId');
    const noDpi = await refused(
      engine.dispatch(
        'printing.savePrinter',
        { name: 'Zebra sin dpi', transport: 'raw9100', address: zebra.address, language: 'zpl' },
        ADMIN,
      ),
    );
    expect(noDpi.issues?.[0]?.path).toBe('dpi');
    const planner = await refused(
      engine.dispatch('printing.savePrinter', { name: 'x', transport: 'folder', address: '/tmp/x', language: 'pdf' }, PLANNER),
    );
    expect(planner.code).toBe('FORBIDDEN');
  });
});
