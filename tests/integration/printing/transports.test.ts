import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronTransport } from '../../../src/engine/adapters/print/electron.transport';
import { folderTransport } from '../../../src/engine/adapters/print/folder.transport';
import { ippTransport } from '../../../src/engine/adapters/print/ipp.transport';
import { raw9100Transport } from '../../../src/engine/adapters/print/raw9100.transport';
import { printerTransports } from '../../../src/engine/adapters/print/transports';
import { TRANSPORTS, type PrinterLanguage, type Transport } from '../../../src/shared';
import {
  PrintError,
  type PrinterTarget,
  type PrinterTransport,
  type RenderedDocument,
  type SilentPrintBridge,
} from '../../../src/engine/ports/printer.port';
import { freePort } from '../../support/ports';
import { startRawPrinter, type RawPrinter } from '../../support/raw-printer';

/**
 * The printer port's conformance suite (BullMQ's adapter-conformance idea): every transport that
 * can run here — CUPS/IPP against the CI queues, raw 9100 against the loopback JetDirect listener,
 * a folder, Electron's silent printing through a fake bridge — sends a document that arrives,
 * reports a reachable printer ready, reports an unreachable one offline and refuses to send to it
 * with a `retry`, and says `fatal` (or offline) for an address that cannot work. Then what only
 * CUPS does: the raw, Zebra and cups-pdf queues.
 */

const CUPS = 'ipp://127.0.0.1:631/printers';
const CUPS_PDF_DIR = process.env.ATALAYA_CUPS_PDF_DIR ?? '/var/spool/cups-pdf/atalaya';
/** The CUPS queues print to these fixed ports; another test file may hold one for a while. */
const PORT_WAIT_MS = 90_000;

const unique = () => `conf-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const target = (transport: Transport, address: string, language: PrinterLanguage): PrinterTarget => ({
  id: `printer-${transport}`,
  name: `Test ${transport}`,
  transport,
  address,
  language,
  dpi: language === 'zpl' ? 203 : null,
  paper: language === 'zpl' ? '4x6' : 'A4',
});
/** A ZPL label with accents, as the label renderer writes them (^CI28 UTF-8). */
const zplDoc = (jobId = unique()): RenderedDocument => ({
  jobId,
  title: `Etiqueta ${jobId} — envío`,
  format: 'zpl',
  bytes: new TextEncoder().encode(`^XA^CI28^FO50,50^A0N,40,40^FDPedido #1043 São Paulo ñ^FS^FO50,120^BCN,80,Y^FD${jobId}^FS^XZ`),
  html: `<p>${jobId}</p>`,
  pageMm: { width: 101.6, height: 152.4 },
});

async function pdfBytes(text: string, size: [number, number] = [288, 432]): Promise<Uint8Array> {
  const doc = new PDFDocument({ size, margin: 20 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc.fontSize(24).text(text);
  doc.rect(20, 120, 200, 120).fill('#000');
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
const pdfDoc = async (jobId = unique()): Promise<RenderedDocument> => ({
  jobId,
  title: `Pick list ${jobId}`,
  format: 'pdf',
  bytes: await pdfBytes(`Lista ${jobId} — ação`),
  html: `<p>${jobId}</p>`,
  pageMm: { width: 101.6, height: 152.4 },
});

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function refusal(p: Promise<unknown>): Promise<PrintError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e, 'expected the send to throw a PrintError').toBeInstanceOf(PrintError);
  return e as PrintError;
}

function requireCups(): void {
  try {
    execFileSync('lpstat', ['-p', 'atalaya-raw', '-p', 'atalaya-zebra', '-p', 'atalaya-pdf'], { stdio: 'pipe' });
  } catch (e) {
    throw new Error(
      `CUPS or its test queues are missing (${String(e).slice(0, 200)}); run .ci/cups-setup as root (it installs cups, cups-bsd, printer-driver-cups-pdf)`,
      { cause: e },
    );
  }
}

/** What the conformance suite needs from each transport: a printer that works, and ways to break it. */
interface Kit {
  transport: PrinterTransport;
  printer: PrinterTarget;
  doc(): Promise<RenderedDocument>;
  /** What arrived for the document, compared with what was sent. */
  arrived(doc: RenderedDocument): Promise<Uint8Array | string>;
  expected(doc: RenderedDocument): Uint8Array | string;
  /** The printer as an unreachable one (the printer away, the mount gone, the server down). */
  offline(): Promise<PrinterTarget>;
  online(): Promise<void>;
  badAddress: PrinterTarget;
  teardown(): Promise<void>;
}

const kits: Record<Transport, () => Promise<Kit>> = {
  async raw9100() {
    const listener = await startRawPrinter();
    const printer = target('raw9100', listener.address, 'zpl');
    return {
      transport: raw9100Transport(),
      printer,
      doc: async () => zplDoc(),
      arrived: async (doc) =>
        new Uint8Array(await waitFor('the job at the listener', () => listener.jobs.find((j) => j.includes(Buffer.from(doc.jobId))))),
      expected: (doc) => doc.bytes,
      offline: async () => (await listener.offline(), printer),
      online: () => listener.ready(),
      badAddress: target('raw9100', 'printer.example:99999', 'zpl'),
      teardown: () => listener.close(),
    };
  },

  async ipp() {
    requireCups();
    const listener = await startRawPrinter({ port: 19100, waitForPortMs: PORT_WAIT_MS });
    return {
      transport: ippTransport(),
      printer: target('ipp', `${CUPS}/atalaya-raw`, 'zpl'),
      doc: async () => zplDoc(),
      arrived: async (doc) =>
        new Uint8Array(await waitFor('the job through atalaya-raw', () => listener.jobs.find((j) => j.includes(Buffer.from(doc.jobId))))),
      expected: (doc) => doc.bytes,
      // The print server away: nothing listens where the queue's address points.
      offline: async () => target('ipp', `ipp://127.0.0.1:${await freePort()}/printers/atalaya-raw`, 'zpl'),
      online: async () => undefined,
      badAddress: target('ipp', `${CUPS}/atalaya-no-such-queue`, 'zpl'),
      teardown: () => listener.close(),
    };
  },

  async folder() {
    const dir = mkdtempSync(join(tmpdir(), 'atalaya-print-folder-'));
    const printer = target('folder', join(dir, 'labels'), 'pdf');
    execFileSync('mkdir', [printer.address]);
    const away = `${printer.address}.away`;
    const find = (doc: RenderedDocument) => {
      for (const day of readdirSync(printer.address)) {
        const file = join(printer.address, day, `${doc.jobId}.${doc.format}`);
        if (statSync(file, { throwIfNoEntry: false })) return new Uint8Array(readFileSync(file));
      }
      return undefined;
    };
    return {
      transport: folderTransport(),
      printer,
      doc: () => pdfDoc(),
      arrived: async (doc) => waitFor('the file in the folder', () => find(doc)),
      expected: (doc) => doc.bytes,
      // A mount that went away: the folder is not there.
      offline: async () => (renameSync(printer.address, away), printer),
      online: async () => renameSync(away, printer.address),
      badAddress: target('folder', 'relative/labels', 'pdf'),
      teardown: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },

  async electron() {
    const printed: { deviceName: string; html: string }[] = [];
    const installed = new Set(['Brother_HL_L2350']);
    const bridge: SilentPrintBridge = {
      print: async (r) => (printed.push(r), { ok: true }),
      printers: async () => [...installed].map((name) => ({ name, status: 0, isDefault: false })),
    };
    const printer = target('electron', 'Brother_HL_L2350', 'pdf');
    return {
      transport: electronTransport(bridge),
      printer,
      doc: () => pdfDoc(),
      arrived: async (doc) => waitFor('the page at the bridge', () => printed.find((p) => p.html === doc.html)?.html),
      expected: (doc) => doc.html ?? '',
      offline: async () => (installed.delete(printer.address), printer),
      online: async () => void installed.add(printer.address),
      badAddress: target('electron', '', 'pdf'),
      teardown: async () => undefined,
    };
  },
};

it('the suite covers every transport, and printerTransports builds each of them', () => {
  expect(Object.keys(kits).sort()).toEqual([...TRANSPORTS].sort());
  const all = printerTransports();
  for (const t of TRANSPORTS) expect(all[t].transport).toBe(t);
});

describe.each(TRANSPORTS.map((t) => [t]))('%s conforms to the printer port', (name) => {
  let kit: Kit;
  beforeAll(async () => {
    kit = await kits[name]();
  }, PORT_WAIT_MS + 30_000);
  afterAll(() => kit?.teardown());

  it('reports a reachable printer ready', async () => {
    await expect(kit.transport.health(kit.printer)).resolves.toMatchObject({ state: 'ready' });
  });

  it('sends a document that arrives as sent', async () => {
    const doc = await kit.doc();
    const { receipt } = await kit.transport.send(kit.printer, doc);
    expect(receipt).toEqual(expect.any(String));
    expect(await kit.arrived(doc)).toEqual(kit.expected(doc));
  }, 90_000);

  it('an unreachable printer is offline, and a send to it throws PrintError retry; back online it prints', async () => {
    const away = await kit.offline();
    try {
      await expect(kit.transport.health(away)).resolves.toMatchObject({ state: 'offline' });
      const e = await refusal(kit.transport.send(away, await kit.doc()));
      expect(e.kind).toBe('retry');
      expect(e.health).toBe('offline');
    } finally {
      await kit.online();
    }
    const doc = await kit.doc();
    await kit.transport.send(kit.printer, doc);
    expect(await kit.arrived(doc)).toEqual(kit.expected(doc));
  }, 90_000);

  it('an address that cannot work is fatal (or offline), with a message for a person', async () => {
    const e = await refusal(kit.transport.send(kit.badAddress, await kit.doc()));
    expect(e.kind === 'fatal' || e.health === 'offline').toBe(true);
    expect(e.message.length).toBeGreaterThan(10);
    const health = await kit.transport.health(kit.badAddress);
    expect(['error', 'offline']).toContain(health.state);
  });
});

describe('raw 9100 and a Zebra out of paper', () => {
  let listener: RawPrinter;
  beforeAll(async () => {
    listener = await startRawPrinter();
  });
  afterAll(() => listener.close());

  it('~HS says paper out: health paper_out, the label is not sent (retry), and it prints once the paper is back', async () => {
    const t = raw9100Transport();
    const printer = target('raw9100', listener.address, 'zpl');
    listener.paperOut();
    await expect(t.health(printer)).resolves.toMatchObject({ state: 'paper_out', detail: 'paper out' });
    const e = await refusal(t.send(printer, zplDoc()));
    expect(e).toMatchObject({ kind: 'retry', health: 'paper_out' });
    expect(listener.jobs).toHaveLength(0);
    await listener.ready();
    const doc = zplDoc();
    await t.send(printer, doc);
    expect(await listener.waitForJobs(1)).toEqual([Buffer.from(doc.bytes)]);
  });

  it('a PDF over 9100 goes without ~HS', async () => {
    const t = raw9100Transport();
    const before = listener.statusQueries;
    const doc = await pdfDoc();
    await t.send(target('raw9100', listener.address, 'pdf'), doc);
    const job = await waitFor('the PDF job', () => listener.jobs.find((j) => j.subarray(0, 4).toString() === '%PDF'));
    expect(new Uint8Array(job)).toEqual(doc.bytes);
    expect(listener.statusQueries).toBe(before);
  });
});

describe('CUPS queues', () => {
  beforeAll(() => requireCups());
  const t = ippTransport();

  it(
    'ZPL through the raw queue atalaya-raw reaches the listener on 19100 byte-identical',
    async () => {
      const listener = await startRawPrinter({ port: 19100, waitForPortMs: PORT_WAIT_MS });
      try {
        const doc = zplDoc();
        const { receipt } = await t.send(target('ipp', `${CUPS}/atalaya-raw`, 'zpl'), doc);
        expect(receipt).toMatch(/^CUPS job \d+$/);
        const job = await waitFor('the job on 19100', () => listener.jobs.find((j) => j.includes(Buffer.from(doc.jobId))));
        expect(Buffer.compare(job, Buffer.from(doc.bytes))).toBe(0);
      } finally {
        await listener.close();
      }
    },
    PORT_WAIT_MS + 90_000,
  );

  it('a PDF sent to atalaya-pdf becomes a PDF file in the cups-pdf folder', async () => {
    const doc = await pdfDoc();
    const { receipt } = await t.send(target('ipp', `${CUPS}/atalaya-pdf`, 'pdf'), doc);
    expect(receipt).toMatch(/^CUPS job \d+/);
    const find = (dir: string): string | undefined => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          const inner = find(path);
          if (inner) return inner;
        } else if (entry.name.includes(doc.jobId) && entry.name.endsWith('.pdf') && statSync(path).size > 0) return path;
      }
      return undefined;
    };
    const file = await waitFor(`a PDF named after ${doc.jobId} in ${CUPS_PDF_DIR}`, () => find(CUPS_PDF_DIR));
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    rmSync(file, { force: true });
  }, 90_000);

  it(
    'a PDF sent to atalaya-zebra reaches the listener on 19101 as ZPL',
    async () => {
      const listener = await startRawPrinter({ port: 19101, waitForPortMs: PORT_WAIT_MS });
      try {
        const before = listener.jobs.length;
        await t.send(target('ipp', `${CUPS}/atalaya-zebra`, 'zpl'), await pdfDoc());
        const [job] = (await listener.waitForJobs(before + 1, 60_000)).slice(before);
        const text = job!.toString('latin1');
        // CUPS's rastertolabel: the page as a downloaded graphic (~DG) or a field graphic (^GF), inside a label format.
        expect(text).toMatch(/^\s*(\^XA|~DG|\^GF)/);
        expect(text).toMatch(/~DG|\^GF/);
        expect(text).toContain('^XZ');
      } finally {
        await listener.close();
      }
    },
    PORT_WAIT_MS + 90_000,
  );

  it('a stopped queue is paused, and a send to it throws retry without leaving a job in CUPS', async () => {
    const queue = `atalaya-test-stopped-${process.pid}`;
    execFileSync('lpadmin', ['-p', queue, '-E', '-v', `socket://127.0.0.1:${await freePort()}`]);
    try {
      execFileSync('cupsdisable', [queue]);
      const printer = target('ipp', `${CUPS}/${queue}`, 'zpl');
      await expect(t.health(printer)).resolves.toMatchObject({ state: 'paused' });
      const e = await refusal(t.send(printer, zplDoc()));
      expect(e).toMatchObject({ kind: 'retry', health: 'paused' });
      expect(execFileSync('lpstat', ['-o', queue]).toString().trim()).toBe('');
    } finally {
      execFileSync('lpadmin', ['-x', queue]);
    }
  });

  it('a queue whose device is away: CUPS holds the job (the receipt says so) and the health says offline', async () => {
    const queue = `atalaya-test-away-${process.pid}`;
    execFileSync('lpadmin', ['-p', queue, '-E', '-v', `socket://127.0.0.1:${await freePort()}`]);
    try {
      const printer = target('ipp', `${CUPS}/${queue}`, 'zpl');
      const { receipt } = await ippTransport({ jobWaitMs: 1_000 }).send(printer, zplDoc());
      expect(receipt).toMatch(/^CUPS job \d+ \([a-z-]+, held by CUPS\)$/);
      const deadline = Date.now() + 60_000;
      let health = await t.health(printer);
      while (health.state !== 'offline' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        health = await t.health(printer);
      }
      expect(health).toMatchObject({ state: 'offline', detail: expect.stringMatching(/unavailable|not responding|connect/i) });
    } finally {
      execFileSync('cancel', ['-a', queue]);
      execFileSync('lpadmin', ['-x', queue]);
    }
  }, 90_000);
});
