import type { PrinterHealth } from '../../../shared';
import { PrintError, type PrinterTarget, type PrinterTransport, type RenderedDocument } from '../../ports/printer.port';
import { ippSender, type IppReply, type IppSender } from './ipp-client';

type Health = Omit<PrinterHealth, 'checkedAt'>;

export interface IppTransportOptions {
  /** The IPP exchange (tests pass a fake); default: `ipp`'s codec over HTTP with a 10 s timeout. */
  send?: IppSender;
  /** How long to follow a job CUPS accepted before leaving it to CUPS. */
  jobWaitMs?: number;
  /** First pause between job polls (it doubles up to 2 s). */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const PRINTER_ATTRIBUTES = ['printer-state', 'printer-state-reasons', 'printer-state-message', 'printer-is-accepting-jobs'];
const JOB_ATTRIBUTES = ['job-state', 'job-state-reasons', 'job-state-message'];

/** CUPS backend messages that mean the device cannot be reached ("The printer may not exist or is unavailable at this time."). */
const DEVICE_AWAY = /may not exist|is unavailable|not responding|unable to connect|connection refused|not connected|unreachable/i;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);
const ok = (r: IppReply) => r.statusCode.startsWith('successful-ok');

/** Reasons without their -report/-warning/-error suffix, and without "none". */
function reasonsOf(printer: Record<string, unknown>): string[] {
  return list(printer['printer-state-reasons'])
    .map((r) => r.replace(/-(report|warning|error)$/, ''))
    .filter((r) => r !== 'none');
}

/**
 * IPP's printer-state (3 idle, 4 processing, 5 stopped; the library gives the keywords) and
 * printer-state-reasons as a printer strip shows them: paper and connection problems first,
 * whatever the state says, since a queue may still read "idle" while its device is away.
 */
export function ippPrinterHealth(printer: Record<string, unknown>): Health {
  const reasons = reasonsOf(printer);
  const message = typeof printer['printer-state-message'] === 'string' ? printer['printer-state-message'] : '';
  const detail = [reasons.join(', '), message].filter((s) => s !== '').join(' — ') || null;
  const state = String(printer['printer-state'] ?? '');
  const has = (r: string) => reasons.includes(r);
  if (has('media-empty') || has('media-needed')) return { state: 'paper_out', detail };
  if (has('offline')) return { state: 'offline', detail };
  if (state === 'stopped' || state === '5') return { state: has('paused') || reasons.length === 0 ? 'paused' : 'error', detail };
  if (printer['printer-is-accepting-jobs'] === false) return { state: 'paused', detail: detail ?? 'the queue is not accepting jobs' };
  if (state === 'idle' || state === '3') return { state: 'ready', detail };
  // CUPS's socket and IPP backends keep a job "processing" while the device does not answer, with no
  // reason keyword, only a message (in the language we ask in: English) — the printer is away.
  if ((state === 'processing' || state === '4') && DEVICE_AWAY.test(message)) return { state: 'offline', detail };
  if (state === 'processing' || state === '4') return { state: 'printing', detail };
  return { state: 'unknown', detail: detail ?? `printer-state ${state || 'missing'}` };
}

/** What a refused Print-Job means: a document the queue cannot take is not retried; a busy or closed queue is. */
function refusal(reply: IppReply, printer: PrinterTarget): PrintError {
  const why = `${reply.statusCode}${reply.statusMessage ? ` (${reply.statusMessage})` : ''}`;
  if (reply.statusCode === 'client-error-not-found') {
    return new PrintError(`${printer.address}: no such queue; check the queue name (lpstat -p lists them)`, 'fatal', 'error');
  }
  if (reply.statusCode.startsWith('server-error') || reply.statusCode === 'client-error-not-possible') {
    return new PrintError(`${printer.name} cannot take the job now: ${why}`, 'retry', 'offline');
  }
  return new PrintError(`${printer.name} refused the document: ${why}`, 'fatal', 'error');
}

/**
 * A CUPS or IPP queue. The printer's state is asked first (a stopped queue would accept the job and
 * sit on it); then Print-Job, and the job is followed until CUPS says it is done — within a bound,
 * after which CUPS holds it and prints it when it can (the receipt says so).
 */
export function ippTransport(options: IppTransportOptions = {}): PrinterTransport {
  const send = options.send ?? ippSender();
  const jobWaitMs = options.jobWaitMs ?? 60_000;
  const pollMs = options.pollMs ?? 250;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  const askPrinter = (printer: PrinterTarget) =>
    send(printer.address, { operation: 'Get-Printer-Attributes', attributes: { 'requested-attributes': PRINTER_ATTRIBUTES } });

  function healthOf(reply: IppReply, printer: PrinterTarget): Health {
    if (reply.statusCode === 'client-error-not-found') return { state: 'error', detail: `${printer.address}: no such queue` };
    if (!ok(reply)) return { state: 'unknown', detail: reply.statusMessage ?? reply.statusCode };
    return ippPrinterHealth(reply.printer);
  }

  /** Follows job `id` until it ends or the bound passes; returns the receipt. */
  async function follow(printer: PrinterTarget, id: number): Promise<string> {
    const deadline = Date.now() + jobWaitMs;
    let pause = pollMs;
    let last = 'pending';
    while (Date.now() < deadline) {
      const reply = await send(printer.address, {
        operation: 'Get-Job-Attributes',
        attributes: { 'job-id': id, 'requesting-user-name': 'atalaya', 'requested-attributes': JOB_ATTRIBUTES },
      }).catch((e: unknown) => {
        // The job is in CUPS; losing sight of it now is no reason to send it again.
        if (e instanceof PrintError) return null;
        throw e;
      });
      if (!reply) break;
      last = String(reply.job['job-state'] ?? last);
      const reasons = list(reply.job['job-state-reasons']).join(', ');
      if (last === 'completed') return `CUPS job ${id}`;
      if (last === 'aborted' || last === 'canceled') {
        throw new PrintError(`CUPS job ${id} on ${printer.name} was ${last}${reasons ? ` (${reasons})` : ''}`, 'fatal', 'error');
      }
      await sleep(pause);
      pause = Math.min(pause * 2, 2_000);
    }
    return `CUPS job ${id} (${last}, held by CUPS)`;
  }

  return {
    transport: 'ipp',

    async send(printer: PrinterTarget, doc: RenderedDocument) {
      const status = await askPrinter(printer);
      if (status.statusCode === 'client-error-not-found') throw refusal(status, printer);
      const health = healthOf(status, printer);
      if (['offline', 'paper_out', 'paused', 'error'].includes(health.state)) {
        throw new PrintError(`${printer.name} cannot print now: ${health.detail ?? health.state}`, 'retry', health.state);
      }
      const reply = await send(printer.address, {
        operation: 'Print-Job',
        attributes: {
          'requesting-user-name': 'atalaya',
          'job-name': doc.title.slice(0, 255),
          // ZPL goes to the printer as it is; a PDF is CUPS's to filter for the printer.
          'document-format': doc.format === 'pdf' ? 'application/pdf' : 'application/vnd.cups-raw',
        },
        data: doc.bytes,
      });
      if (!ok(reply)) throw refusal(reply, printer);
      const id = Number(reply.job['job-id']);
      if (!Number.isInteger(id)) return { receipt: `accepted by ${printer.address} (no job id)` };
      return { receipt: await follow(printer, id) };
    },

    async health(printer: PrinterTarget): Promise<Health> {
      try {
        return healthOf(await askPrinter(printer), printer);
      } catch (e) {
        if (e instanceof PrintError) return { state: e.health ?? 'offline', detail: e.message };
        return { state: 'unknown', detail: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
