import { AppError, SHEET_DOCS, type DocType } from '../../../shared';
import { inTransaction, type Tx } from '../../db/data-source';
import { auditNote } from '../../kernel/audit';
import type { ModuleContext } from '../../kernel/context';
import type { HandlersFor } from '../../kernel/define-module';
import { docName, routeProblem } from './print-policy';
import { routeWaitingJobs } from './print-jobs.store';
import { checkSoon, runtimeOf } from './print-runtime';
import { failJobsOfRemovedPrinter } from './print-sender.store';
import { checkPrinterHealth } from './printer-health';
import {
  getPrinter,
  listRoutes,
  listStations,
  removePrinterRow,
  savePrinterRow,
  stationNameOf,
  toPrinter,
  writeRoute,
  type PrinterRow,
} from './printers.store';

type PrintersEndpoint =
  'printing.stations' | 'printing.savePrinter' | 'printing.removePrinter' | 'printing.setRoute' | 'printing.checkPrinter';

/** A printer a route of `stationId` may use for `docType`, or VALIDATION_FAILED naming the field. */
async function routablePrinter(m: Tx, stationId: string, stationName: string, docType: DocType, id: string, path: string) {
  const p = await getPrinter(m, id, { path });
  if (p.station_id !== stationId) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${p.name} is a printer of another station: station ${stationName} prints on its own printers`,
      [{ path, message: `pick a printer of station ${stationName}` }],
    );
  }
  const problem = routeProblem(docType, p);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, [{ path, message: 'pick a PDF printer for sheets' }]);
  return p;
}

/** Sheets routed to a printer (as printer or fallback): it cannot become a ZPL printer while they are. */
async function sheetRoutesOn(m: Tx, printerId: string): Promise<string[]> {
  const routes = await listRoutes(m, null);
  return routes
    .filter((r) => SHEET_DOCS.includes(r.docType) && (r.printerId === printerId || r.fallbackPrinterId === printerId))
    .map((r) => docName(r.docType));
}

const view = (p: PrinterRow) => toPrinter(p);

/** Stations, printers, routes and printer health. */
export const printersHandlers: HandlersFor<PrintersEndpoint> = {
  'printing.stations': (ctx) => listStations(ctx.ds.manager, ctx.config.stationId),

  'printing.savePrinter': async (ctx: ModuleContext, input) => {
    const saved = await inTransaction(ctx.ds, async (m) => {
      const before = input.id ? await getPrinter(m, input.id, { lock: true }) : null;
      if (before && input.stationId && input.stationId !== before.station_id) {
        throw new AppError('VALIDATION_FAILED', `${before.name} belongs to station ${before.station_id}: a printer stays at its station`, [
          { path: 'stationId', message: 'remove it here and add it at the other station' },
        ]);
      }
      const stationId = before?.station_id ?? input.stationId ?? ctx.config.stationId;
      await stationNameOf(m, stationId);
      if (before && input.language === 'zpl') {
        const sheets = await sheetRoutesOn(m, before.id);
        if (sheets.length) {
          throw new AppError('VALIDATION_FAILED', `${before.name} prints the ${sheets.join(' and ')}: a ZPL printer cannot print sheets`, [
            { path: 'language', message: 'route those documents to a PDF printer first' },
          ]);
        }
      }
      const after = await savePrinterRow(m, input.id, {
        stationId,
        name: input.name,
        transport: input.transport,
        address: input.address,
        language: input.language,
        dpi: input.dpi,
        // A thermal printer prints 4×6 labels whatever paper the form defaulted to.
        paper: input.language === 'zpl' ? '4x6' : input.paper,
        active: input.active,
      });
      auditNote({ subject: `printer ${after.name}`, before: before ? view(before) : undefined, after: view(after) });
      return after;
    });
    if (saved.station_id === ctx.config.stationId && saved.active) checkSoon(ctx, saved);
    return view(saved);
  },

  'printing.removePrinter': async (ctx, input) =>
    inTransaction(ctx.ds, async (m) => {
      const p = await removePrinterRow(m, input.id);
      const failed = await failJobsOfRemovedPrinter(m, p.id, p.name);
      auditNote({ subject: `printer ${p.name}`, before: view(p), after: { removed: true, jobsFailed: failed } });
      return { id: p.id };
    }),

  'printing.setRoute': async (ctx, input) =>
    inTransaction(ctx.ds, async (m) => {
      const stationId = input.stationId ?? ctx.config.stationId;
      const stationName = await stationNameOf(m, stationId);
      const before = (await listRoutes(m, stationId)).find((r) => r.docType === input.docType) ?? null;
      if (input.printerId !== null) {
        await routablePrinter(m, stationId, stationName, input.docType, input.printerId, 'printerId');
        if (input.fallbackPrinterId !== null) {
          if (input.fallbackPrinterId === input.printerId) {
            throw new AppError('VALIDATION_FAILED', 'the fallback is the printer itself', [
              { path: 'fallbackPrinterId', message: 'pick another printer, or none' },
            ]);
          }
          await routablePrinter(m, stationId, stationName, input.docType, input.fallbackPrinterId, 'fallbackPrinterId');
        }
      }
      await writeRoute(m, {
        stationId,
        docType: input.docType,
        printerId: input.printerId,
        fallbackPrinterId: input.printerId === null ? null : input.fallbackPrinterId,
        strict: input.strict,
      });
      // Jobs that waited for a printer go to this one now (the sender hears their print.changed).
      await routeWaitingJobs(m, stationId);
      const routes = await listRoutes(m, stationId);
      auditNote({
        subject: `route ${docName(input.docType)} at ${stationName}`,
        before,
        after: routes.find((r) => r.docType === input.docType) ?? null,
      });
      return routes;
    }),

  'printing.checkPrinter': async (ctx, input) => {
    const p = await getPrinter(ctx.ds.manager, input.id);
    // Only a printer's own station can reach it; elsewhere the last answer it gave is what we know.
    if (p.station_id !== ctx.config.stationId || !p.active) return view(p);
    return view(await checkPrinterHealth(ctx, runtimeOf(ctx).health, p));
  },
};
