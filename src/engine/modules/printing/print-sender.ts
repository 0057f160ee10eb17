import type { Transport } from '../../../shared';
import { PrintError, type PrinterTransport, type RenderedDocument } from '../../ports/printer.port';
import type { ModuleContext } from '../../kernel/context';
import type { Tx } from '../../db/data-source';
import { backoffMs, formatFor, isHealthy, SEND_LEASE_MS } from './print-policy';
import { routeWaitingJobs } from './print-jobs.store';
import {
  backOff,
  claimDue,
  failInterrupted,
  fallbackOf,
  markDone,
  markFailed,
  moveToFallback,
  releaseClaim,
  type ClaimedJob,
} from './print-sender.store';
import { recordHealth, toTarget } from './printers.store';

/** What the sender needs besides the engine: how to reach printers and how to draw a document for one. */
export interface SenderDeps {
  stationId: string;
  transports: Readonly<Record<Transport, PrinterTransport>>;
  render: (job: ClaimedJob) => Promise<RenderedDocument>;
  /** How often it looks without being woken (jobs whose backoff ended, routes set by another engine). */
  everyMs?: number;
  /** Jobs claimed per statement. */
  batch?: number;
  leaseMs?: number;
}

export interface Sender {
  /** Look for due jobs now (a print.changed event, a printer back, a route set). */
  wake(): void;
  /** Stops looking; the job in hand finishes, jobs claimed but not started go back to the queue. */
  stop(): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** The error as a person reads it on the job: naming the printer once (most transports name it already). */
const naming = (printer: string, text: string) => (text.includes(printer) ? text : `${printer}: ${text}`);

/**
 * The station's sender: claims due jobs of its own printers, renders and sends each, and records
 * what happened — done; the printer could not take it (back to queued with backoff, or on to the
 * route's healthy fallback unless strict); or failed for good. Jobs left `sending` by a dead sender
 * fail (never re-sent: they may have printed). One printer's jobs go in order, printers at once.
 */
export function startSender(ctx: ModuleContext, deps: SenderDeps): Sender {
  const { stationId } = deps;
  const batch = deps.batch ?? 50;
  const leaseMs = deps.leaseMs ?? SEND_LEASE_MS;
  let stopping = false;
  let running: Promise<void> | undefined;
  let again = false;
  // Sweeps (interrupted sends, jobs waiting for a route) run on the first pass and on timer passes, not on every event.
  let sweepDue = true;
  // Every move is one statement: run on the pool, no transaction around it (a round trip each, not three).
  const db: Tx = ctx.ds.manager;

  async function couldNotTake(job: ClaimedJob, error: string, health: PrintError['health']): Promise<void> {
    await recordHealth(db, job.printer.id, health ?? 'offline', error);
    const fallback = await fallbackOf(db, stationId, job.docType, job.printer.id);
    if (fallback && isHealthy(fallback.health)) {
      const to = { id: fallback.id, format: formatFor(job.docType, fallback.language) };
      // Due now: the pass's next claim takes it to the fallback.
      await moveToFallback(db, stationId, job.id, to, `${naming(job.printer.name, error)} — sent to ${fallback.name}`);
    } else {
      await backOff(db, stationId, job.id, naming(job.printer.name, error), backoffMs(job.attempts + 1));
    }
  }

  /**
   * Sends one printer's claimed jobs in order; once the printer cannot take one, the rest wait with
   * it. A printed job is marked done while the next one is sent (the marks are awaited before the
   * batch ends): if the engine dies in between, the job stays `sending` and its lease fails it —
   * never sent twice.
   */
  async function sendAll(jobs: ClaimedJob[]): Promise<void> {
    let down: { error: string; health: PrintError['health'] } | null = null;
    const marking: Promise<unknown>[] = [];
    try {
      for (const job of jobs) {
        if (stopping) {
          await releaseClaim(db, stationId, job.id);
          continue;
        }
        if (down) {
          await couldNotTake(job, down.error, down.health);
          continue;
        }
        let doc: RenderedDocument;
        try {
          doc = await deps.render(job);
        } catch (e) {
          await markFailed(db, stationId, job.id, `the document could not be drawn: ${message(e)}`);
          continue;
        }
        let receipt: string;
        try {
          ({ receipt } = await deps.transports[job.printer.transport].send(toTarget(job.printer), doc));
        } catch (e) {
          if (e instanceof PrintError && e.kind === 'fatal') {
            await markFailed(
              db,
              stationId,
              job.id,
              e.message.includes(job.printer.name) ? e.message : `${job.printer.name} refused it: ${e.message}`,
            );
          } else {
            // A retry, or an error the transport did not classify: the job waits (a wrong guess costs a retry, not a lost print).
            down = { error: message(e), health: e instanceof PrintError ? e.health : undefined };
            await couldNotTake(job, down.error, down.health);
          }
          continue;
        }
        marking.push(
          markDone(db, stationId, job.id, receipt).catch((err: unknown) =>
            ctx.log.warn({ err, job: job.id }, 'a printed job could not be marked done'),
          ),
        );
      }
    } finally {
      await Promise.all(marking);
    }
  }

  async function pass(): Promise<void> {
    if (sweepDue) {
      sweepDue = false;
      await failInterrupted(db, stationId);
      await routeWaitingJobs(db, stationId);
    }
    while (!stopping) {
      const claimed = await claimDue(db, stationId, batch, leaseMs);
      if (!claimed.length) return;
      const byPrinter = new Map<string, ClaimedJob[]>();
      for (const j of claimed) byPrinter.set(j.printer.id, [...(byPrinter.get(j.printer.id) ?? []), j]);
      await Promise.all([...byPrinter.values()].map(sendAll));
    }
  }

  function wake(): void {
    if (stopping) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await pass().catch((err: unknown) => ctx.log.warn({ err }, 'print sender pass failed'));
      } while (again && !stopping);
    })().finally(() => (running = undefined));
  }

  const timer = setInterval(() => {
    sweepDue = true;
    wake();
  }, deps.everyMs ?? 2_000);
  timer.unref();
  const unsubscribe = ctx.bus.subscribe((e) => {
    if (e.type === 'print.changed' && e.stationId === stationId && e.status === 'queued') wake();
    else if (e.type === 'printers.changed' && e.stationId === stationId) wake();
  });
  wake();

  return {
    wake,
    async stop() {
      stopping = true;
      clearInterval(timer);
      unsubscribe();
      await running;
    },
  };
}
