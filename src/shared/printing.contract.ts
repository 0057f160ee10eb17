import { z } from 'zod';
import { ANY_STAFF, type Role } from './roles';

/**
 * Print stations, their printers, where each document goes, and the print jobs.
 *
 * A **station** is an engine node (a desktop app's own engine, a headless node, the web desk's
 * server): it is where printers are reachable from (a CUPS queue, a JetDirect socket on its LAN, a
 * folder, Electron's own printing). Each node registers its station when it starts
 * (`ATALAYA_STATION`, default `node:<hostname>`) and sends the jobs of its own printers only.
 *
 * A **print job** is a durable row with a lifecycle (queued → sending → done / failed), retried with
 * backoff while the printer is offline, and never printed twice except by an explicit reprint with
 * a reason (audited).
 */

/** Documents Atalaya prints. */
export const DOC_TYPES = ['pick_list', 'packing_slip', 'shipping_label', 'pickup_label', 'return_label'] as const;
export const DocTypeSchema = z.enum(DOC_TYPES, { error: `docType must be one of ${DOC_TYPES.join(', ')}` });
export type DocType = z.infer<typeof DocTypeSchema>;

/** Sheets (pick list, packing slip) print as PDF on laser printers; labels as ZPL 4×6 or PDF. */
export const SHEET_DOCS: readonly DocType[] = ['pick_list', 'packing_slip'];
export const LABEL_DOCS: readonly DocType[] = ['shipping_label', 'pickup_label', 'return_label'];

/**
 * How a printer is reached:
 * - `ipp`: a CUPS or IPP queue, `address` = `ipp://host:631/printers/<queue>` (or `ipps://`);
 * - `raw9100`: a JetDirect socket, `address` = `host:9100`;
 * - `folder`: files written to a folder on the station, `address` = an absolute path;
 * - `electron`: the desktop app's silent printing, `address` = the OS printer's device name.
 */
export const TRANSPORTS = ['ipp', 'raw9100', 'folder', 'electron'] as const;
export const TransportSchema = z.enum(TRANSPORTS, { error: `transport must be one of ${TRANSPORTS.join(', ')}` });
export type Transport = z.infer<typeof TransportSchema>;

/** What the printer speaks. */
export const PRINTER_LANGUAGES = ['pdf', 'zpl'] as const;
export type PrinterLanguage = (typeof PRINTER_LANGUAGES)[number];

export const PAPER_SIZES = ['A4', 'Letter', '4x6'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export const DOC_LOCALES = ['es', 'pt', 'en'] as const;
export const DocLocaleSchema = z.enum(DOC_LOCALES);
export type DocLocale = z.infer<typeof DocLocaleSchema>;

export const PRINTER_STATES = ['ready', 'printing', 'offline', 'paper_out', 'paused', 'error', 'unknown'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

export const PrinterHealthSchema = z.object({
  state: z.enum(PRINTER_STATES),
  /** What the printer said (IPP printer-state-reasons, the ~HS flags), for a person. */
  detail: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type PrinterHealth = z.infer<typeof PrinterHealthSchema>;

const id = z.string().trim().min(1).max(64);

export const PrinterSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  name: z.string(),
  transport: TransportSchema,
  address: z.string(),
  language: z.enum(PRINTER_LANGUAGES),
  /** Thermal printers only: dots per inch. */
  dpi: z.union([z.literal(203), z.literal(300)]).nullable(),
  paper: z.enum(PAPER_SIZES),
  active: z.boolean(),
  health: PrinterHealthSchema,
});
export type Printer = z.infer<typeof PrinterSchema>;

export const PrintRouteSchema = z.object({
  stationId: z.string(),
  docType: DocTypeSchema,
  printerId: z.string(),
  fallbackPrinterId: z.string().nullable(),
  /** Strict: when the printer cannot print, the job waits for it instead of going to the fallback. */
  strict: z.boolean(),
});
export type PrintRoute = z.infer<typeof PrintRouteSchema>;

export const StationSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The station of the engine this desk talks to. */
  current: z.boolean(),
  lastSeenAt: z.string().nullable(),
  printers: z.array(PrinterSchema),
  routes: z.array(PrintRouteSchema),
});
export type Station = z.infer<typeof StationSchema>;

export const PRINT_JOB_STATUSES = ['queued', 'sending', 'done', 'failed', 'cancelled'] as const;
export type PrintJobStatus = (typeof PRINT_JOB_STATUSES)[number];

/** What a document is about: the keys its content is built from. */
export const PrintRefSchema = z.object({
  orderId: z.string().optional(),
  waveId: z.string().optional(),
  parcelId: z.string().optional(),
  returnId: z.string().optional(),
});
export type PrintRef = z.infer<typeof PrintRefSchema>;

export const PrintJobSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  docType: DocTypeSchema,
  /** A short line for people: in the document's language ("Lista de picking W-12", "Pedido #1043 · Bulto 1/2"). */
  title: z.string(),
  ref: PrintRefSchema,
  printerId: z.string().nullable(),
  printerName: z.string().nullable(),
  /** The printer it was routed to first, when it went to the fallback. */
  routedFrom: z.string().nullable(),
  format: z.enum(PRINTER_LANGUAGES),
  status: z.enum(PRINT_JOB_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** A reprint: the job it copies and why. */
  reprintOf: z.string().nullable(),
  reason: z.string().nullable(),
  requestedBy: z.string(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
});
export type PrintJob = z.infer<typeof PrintJobSchema>;

const PRINTER_ADMINS: readonly Role[] = ['admin', 'supervisor'];

const PrinterInputSchema = z
  .object({
    /** Absent = a new printer. */
    id: id.optional(),
    /** Absent = this engine's station. */
    stationId: id.optional(),
    name: z.string().trim().min(1, { error: 'name is required: how people call this printer ("Zebra muelle 2")' }).max(80),
    transport: TransportSchema,
    address: z.string().trim().min(1, { error: 'address is required: the queue URL, host:port, folder or device name' }).max(500),
    language: z.enum(PRINTER_LANGUAGES, {
      error: 'language must be pdf (laser, inkjet, cups-pdf) or zpl (Zebra and compatible thermal printers)',
    }),
    dpi: z
      .union([z.literal(203), z.literal(300)])
      .nullable()
      .default(null),
    paper: z.enum(PAPER_SIZES).default('A4'),
    active: z.boolean().default(true),
  })
  .superRefine((p, ctx) => {
    if (p.language === 'zpl' && p.dpi === null) {
      ctx.addIssue({ code: 'custom', path: ['dpi'], message: 'a ZPL printer needs its resolution: 203 or 300 dpi (on its test label)' });
    }
    if (p.transport === 'ipp' && !/^ipps?:\/\/[^/\s]+\/\S+$/.test(p.address)) {
      ctx.addIssue({
        code: 'custom',
        path: ['address'],
        message: 'an IPP printer address is a queue URL such as ipp://127.0.0.1:631/printers/Zebra',
      });
    }
    if (p.transport === 'raw9100' && !/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(p.address)) {
      ctx.addIssue({
        code: 'custom',
        path: ['address'],
        message: 'a raw (JetDirect) printer address is host:port, such as 192.168.1.50:9100',
      });
    }
    if (p.transport === 'folder' && !p.address.startsWith('/') && !/^[A-Za-z]:\\/.test(p.address)) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'a folder printer address is an absolute folder path on the station' });
    }
  });

export const printingContract = {
  /** The stations, their printers (with health) and routes; `current` marks this engine's own. */
  'printing.stations': { kind: 'query', roles: ANY_STAFF, input: z.object({}).default({}), output: z.array(StationSchema) },
  /** Registers or edits a printer of a station. */
  'printing.savePrinter': { kind: 'command', roles: PRINTER_ADMINS, input: PrinterInputSchema, output: PrinterSchema },
  /** Removes a printer (its routes go with it; its queued jobs fail with the reason). */
  'printing.removePrinter': { kind: 'command', roles: PRINTER_ADMINS, input: z.object({ id }), output: z.object({ id: z.string() }) },
  /** Where a station prints one document type; printerId null removes the route. */
  'printing.setRoute': {
    kind: 'command',
    roles: PRINTER_ADMINS,
    input: z.object({
      stationId: id.optional(),
      docType: DocTypeSchema,
      printerId: id.nullable(),
      fallbackPrinterId: id.nullable().default(null),
      strict: z.boolean().default(false),
    }),
    output: z.array(PrintRouteSchema),
  },
  /** Asks a printer for its state now (IPP printer-state, ~HS for Zebra). */
  'printing.checkPrinter': { kind: 'command', roles: ANY_STAFF, input: z.object({ id }), output: PrinterSchema },
  /** Print jobs, newest first. */
  'printing.jobs': {
    kind: 'query',
    roles: ANY_STAFF,
    input: z.object({
      stationId: id.optional(),
      status: z.enum(PRINT_JOB_STATUSES).optional(),
      orderId: id.optional(),
      waveId: id.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(PrintJobSchema),
  },
  /**
   * Prints a document (the first time). A document already printed is refused with the job that
   * printed it: use `printing.reprint` with a reason.
   */
  'printing.print': {
    kind: 'command',
    roles: ANY_STAFF,
    input: z.object({ docType: DocTypeSchema, ref: PrintRefSchema, stationId: id.optional(), locale: DocLocaleSchema.optional() }),
    output: PrintJobSchema,
  },
  /** Prints a finished or failed job again, for a reason (audited). */
  'printing.reprint': {
    kind: 'command',
    roles: ANY_STAFF,
    input: z.object({
      jobId: id,
      reason: z.string().trim().min(3, { error: 'reason is required: say why it prints again ("label torn", "printer jammed")' }).max(300),
      printerId: id.optional(),
    }),
    output: PrintJobSchema,
  },
  /** A failed job tries again (same job, not a copy). */
  'printing.retry': { kind: 'command', roles: ANY_STAFF, input: z.object({ jobId: id }), output: PrintJobSchema },
  /** A queued or failed job is cancelled. */
  'printing.cancel': { kind: 'command', roles: ANY_STAFF, input: z.object({ jobId: id }), output: PrintJobSchema },
  /**
   * The document as it would print, to look at first: a PDF (sheets, and labels drawn as a 4×6 PDF)
   * and the same document as a page, with the ZPL text beside it for thermal labels.
   */
  'printing.preview': {
    kind: 'query',
    roles: ANY_STAFF,
    input: z.union([
      z.object({ jobId: id }),
      z.object({ docType: DocTypeSchema, ref: PrintRefSchema, locale: DocLocaleSchema.optional() }),
    ]),
    output: z.object({
      title: z.string(),
      pdfBase64: z.string(),
      zpl: z.string().nullable(),
      /** The same document as a self-contained page (inline CSS and SVG, no scripts): what a desk shows in a sandboxed frame. */
      html: z.string(),
    }),
  },
} as const;
