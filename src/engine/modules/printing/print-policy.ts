import { SHEET_DOCS, type DocType, type PaperSize, type PrinterLanguage, type PrinterState } from '../../../shared';

/**
 * The printing module's rules as plain functions (no IO): which format a document takes on a
 * printer, where a document may be routed, how long a job waits before it tries again, and the
 * sentences people read on a job.
 */

/** How long a sender holds a job it is sending; past it, the job is taken as interrupted (its node died). */
export const SEND_LEASE_MS = 120_000;
/** The first wait after a printer could not take a job; it doubles per attempt up to {@link MAX_BACKOFF_MS}. */
export const FIRST_BACKOFF_MS = 2_000;
export const MAX_BACKOFF_MS = 60_000;

/** What a job says when its sender died mid-send: never re-sent on its own, since it may have printed. */
export const INTERRUPTED_MESSAGE = 'interrupted while sending: the printer may have printed it — reprint with a reason if it did not';

const DOC_NAMES: Record<DocType, string> = {
  pick_list: 'pick list',
  packing_slip: 'packing slip',
  shipping_label: 'shipping label',
  pickup_label: 'pickup label',
  return_label: 'return label',
};

/** The document type as people say it ("pick list"). */
export const docName = (docType: DocType): string => DOC_NAMES[docType];

export const isSheet = (docType: DocType): boolean => SHEET_DOCS.includes(docType);

/**
 * What a document prints as on a printer: sheets are always PDF; a label follows the printer's
 * language (ZPL on a thermal printer, PDF on any other). With no printer yet, the guess is
 * corrected when the job is routed.
 */
export function formatFor(docType: DocType, language: PrinterLanguage | null): PrinterLanguage {
  if (isSheet(docType)) return 'pdf';
  return language ?? 'zpl';
}

/**
 * The paper a document is laid out on: a label is always a 4×6 page (a laser printer prints it at
 * that size); a sheet takes the printer's paper, A4 unless it says Letter.
 */
export function paperFor(docType: DocType, printer: { paper: PaperSize } | null): PaperSize {
  if (!isSheet(docType)) return '4x6';
  return printer?.paper === 'Letter' ? 'Letter' : 'A4';
}

/** Why a printer cannot take a document type (null when it can): a sheet never goes to a ZPL printer. */
export function routeProblem(docType: DocType, printer: { name: string; language: PrinterLanguage }): string | null {
  if (isSheet(docType) && printer.language === 'zpl') {
    return `${printer.name} is a ZPL (thermal label) printer: a ${docName(docType)} is an A4/Letter sheet and prints on a PDF printer (laser, inkjet, cups-pdf)`;
  }
  return null;
}

/** The wait before attempt `attempts + 1`, after `attempts` tries that the printer could not take: 2 s doubling, at most 60 s. */
export function backoffMs(attempts: number): number {
  const n = Math.max(1, attempts);
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(n - 1, 16));
}

/** A printer the sender may send to now (a fallback is taken only when it is one). */
export const isHealthy = (state: PrinterState | string): boolean => state === 'ready' || state === 'printing';

/** What a job without a printer says until its station routes the document somewhere. */
export const noPrinterMessage = (docType: DocType, stationName: string): string =>
  `no printer for ${docName(docType)} at station ${stationName}: set one up under Printers`;

/** Ids of printers and jobs are UUIDs: anything else names nothing (and never reaches a uuid cast in SQL). */
export const isUuid = (id: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
