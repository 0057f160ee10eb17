import type { Transport } from '../../../shared';
import type { PrinterTransport } from '../../ports/printer.port';
import type { ModuleContext } from '../../kernel/context';
import { inTransaction } from '../../db/data-source';
import { startPeriodic } from '../../kernel/periodic';
import { isHealthy } from './print-policy';
import { dueNow } from './print-sender.store';
import { getPrinter, recordHealth, stationPrinters, toTarget, touchStation, type PrinterRow } from './printers.store';

export interface HealthDeps {
  stationId: string;
  transports: Readonly<Record<Transport, PrinterTransport>>;
  /** A printer became ready: its waiting jobs are due now, and the sender should look. */
  onReady: () => void;
  everyMs?: number;
}

/**
 * Asks one printer how it is (IPP printer-state, `~HS` over 9100, the folder, Electron's list) and
 * stores the answer; a change of state is a printers.changed event. A printer that comes back
 * makes its waiting jobs due now (not at the end of their backoff) and wakes the sender.
 */
export async function checkPrinterHealth(ctx: ModuleContext, deps: HealthDeps, printer: PrinterRow): Promise<PrinterRow> {
  const transport = deps.transports[printer.transport];
  const h = await transport
    .health(toTarget(printer))
    .catch((e: unknown) => ({ state: 'offline' as const, detail: e instanceof Error ? e.message : String(e) }));
  const before = await inTransaction(ctx.ds, async (m) => {
    const was = await recordHealth(m, printer.id, h.state, h.detail);
    if (isHealthy(h.state) && !isHealthy(was ?? 'unknown')) await dueNow(m, printer.id);
    return was;
  });
  if (isHealthy(h.state) && !isHealthy(before ?? 'unknown')) deps.onReady();
  return getPrinter(ctx.ds.manager, printer.id, { removed: true });
}

/** Every `everyMs` (15 s): marks the station seen and asks each of its active printers, all at once. */
export function startHealthChecker(ctx: ModuleContext, deps: HealthDeps): { stop(): Promise<void> } {
  const pass = async () => {
    await touchStation(ctx.ds.manager, deps.stationId);
    const printers = await stationPrinters(ctx.ds.manager, deps.stationId);
    await Promise.all(
      printers.map((p) =>
        checkPrinterHealth(ctx, deps, p).catch((err: unknown) => ctx.log.warn({ err, printer: p.name }, 'printer health check failed')),
      ),
    );
  };
  // The first look at start, then every everyMs; stop waits for both.
  const first = pass().catch((err: unknown) => ctx.log.warn({ err }, 'printer health pass failed'));
  const periodic = startPeriodic(ctx.log, 'printer health', deps.everyMs ?? 15_000, pass);
  return {
    async stop() {
      await periodic.stop();
      await first;
    },
  };
}
