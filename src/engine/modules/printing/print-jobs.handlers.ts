import { AppError, type PrintJob } from '../../../shared';
import { inTransaction, type Tx } from '../../db/data-source';
import { auditNote } from '../../kernel/audit';
import type { HandlersFor } from '../../kernel/define-module';
import { isSheet, routeProblem } from './print-policy';
import { previewDocument } from './print-render';
import {
  cancelJobRow,
  enqueuePrint,
  getJob,
  insertReprint,
  listJobs,
  requeueFailed,
  routeWaitingJobs,
  toPrintJob,
  type PrintJobRow,
} from './print-jobs.store';
import { buildDocument } from './print-sources';
import { getPrinter, listRoutes, stationNameOf } from './printers.store';

type JobsEndpoint = 'printing.jobs' | 'printing.print' | 'printing.reprint' | 'printing.retry' | 'printing.cancel' | 'printing.preview';

/**
 * Store associates may see and act on every job of a station: the station's printers are theirs,
 * whatever order a job is about (a job names its order or wave only as a reference).
 */

const illegal = (job: PrintJobRow, what: string) =>
  new AppError('ILLEGAL_TRANSITION', `Print job ${job.id} (${job.title}) is ${job.status}: ${what}`);

/** The printer a reprint goes to: the one asked for, else the route's, else the one that printed it (if still there). */
async function reprintPrinter(m: Tx, job: PrintJobRow, asked: string | undefined) {
  if (asked) {
    const p = await getPrinter(m, asked, { path: 'printerId' });
    if (p.station_id !== job.station_id) {
      throw new AppError('VALIDATION_FAILED', `${p.name} is a printer of another station`, [
        { path: 'printerId', message: `pick a printer of station ${job.station_id}, where the job is` },
      ]);
    }
    const problem = routeProblem(job.doc_type, p);
    if (problem) throw new AppError('VALIDATION_FAILED', problem, [{ path: 'printerId', message: 'pick a PDF printer for sheets' }]);
    return p;
  }
  const route = (await listRoutes(m, job.station_id)).find((r) => r.docType === job.doc_type);
  for (const id of [route?.printerId, job.printer_id]) {
    if (!id) continue;
    const p = await getPrinter(m, id, { removed: true });
    if (!p.removed) return p;
  }
  return null;
}

const auditJob = (j: PrintJobRow | PrintJob) => ('doc_type' in j ? toPrintJob(j) : j);

export const printJobsHandlers: HandlersFor<JobsEndpoint> = {
  'printing.jobs': (ctx, input) => listJobs(ctx.ds.manager, input),

  'printing.print': async (ctx, input, actor) =>
    inTransaction(ctx.ds, async (m) => {
      const request = await buildDocument(m, input.docType, input.ref, input.locale ?? 'es');
      const job = await enqueuePrint(m, { ...request, stationId: input.stationId ?? request.stationId ?? ctx.config.stationId }, actor);
      auditNote({ orderId: job.ref.orderId, subject: `print job ${job.id}`, after: auditJob(job) });
      return job;
    }),

  'printing.reprint': async (ctx, input, actor) =>
    inTransaction(ctx.ds, async (m) => {
      const job = await getJob(m, input.jobId, { lock: true });
      if (job.status === 'queued' || job.status === 'sending')
        throw illegal(job, 'it has not finished printing — wait for it, or cancel it');
      const printer = await reprintPrinter(m, job, input.printerId);
      const copy = await insertReprint(m, job, {
        printer,
        reason: input.reason,
        actor,
        stationName: await stationNameOf(m, job.station_id),
      });
      auditNote({ orderId: job.ref.orderId, subject: `print job ${job.id}`, before: auditJob(job), after: auditJob(copy) });
      return toPrintJob(copy);
    }),

  'printing.retry': async (ctx, input) =>
    inTransaction(ctx.ds, async (m) => {
      const job = await getJob(m, input.jobId, { lock: true });
      if (!(await requeueFailed(m, job.id))) {
        throw illegal(job, job.status === 'done' ? 'it printed — reprint it with a reason' : 'only a failed job is retried');
      }
      await routeWaitingJobs(m, job.station_id);
      const after = await getJob(m, job.id);
      auditNote({ orderId: job.ref.orderId, subject: `print job ${job.id}`, before: auditJob(job), after: auditJob(after) });
      return toPrintJob(after);
    }),

  'printing.cancel': async (ctx, input) =>
    inTransaction(ctx.ds, async (m) => {
      const job = await getJob(m, input.jobId, { lock: true });
      if (!(await cancelJobRow(m, job.id))) throw illegal(job, 'only a queued or failed job is cancelled');
      const after = await getJob(m, job.id);
      auditNote({ orderId: job.ref.orderId, subject: `print job ${job.id}`, before: auditJob(job), after: auditJob(after) });
      return toPrintJob(after);
    }),

  'printing.preview': async (ctx, input) => {
    const m = ctx.ds.manager;
    if ('jobId' in input) {
      const job = await getJob(m, input.jobId);
      const printer = job.printer_id ? await getPrinter(m, job.printer_id, { removed: true }) : null;
      return previewDocument(
        { id: job.id, title: job.title, docType: job.doc_type, model: job.model, locale: job.locale },
        job.format === 'zpl' ? { dpi: printer?.dpi ?? 203 } : null,
        printer?.language === 'pdf' ? printer : null,
      );
    }
    const request = await buildDocument(m, input.docType, input.ref, input.locale ?? 'es');
    const stationId = request.stationId ?? ctx.config.stationId;
    const route = (await listRoutes(m, stationId)).find((r) => r.docType === request.docType);
    const printer = route ? await getPrinter(m, route.printerId, { removed: true }) : null;
    return previewDocument(
      { id: request.docKey, title: request.title, docType: request.docType, model: request.model, locale: request.locale },
      !isSheet(request.docType) && (printer?.language ?? 'zpl') === 'zpl' ? { dpi: printer?.dpi ?? 203 } : null,
      printer?.language === 'pdf' ? printer : null,
    );
  },
};
