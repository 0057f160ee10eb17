import type { Transport } from '../../../shared';
import { printerTransports } from '../../adapters/print/transports';
import type { ModuleContext } from '../../kernel/context';
import type { Stoppable } from '../../kernel/define-module';
import type { PrinterTransport } from '../../ports/printer.port';
import { renderForPrinter } from './print-render';
import { startSender, type Sender } from './print-sender';
import { checkPrinterHealth, startHealthChecker, type HealthDeps } from './printer-health';
import { upsertStation, type PrinterRow } from './printers.store';

/** What one engine's printing runs on: its transports, its sender, and the health checks under way. */
export interface PrintingRuntime {
  transports: Readonly<Record<Transport, PrinterTransport>>;
  health: HealthDeps;
  sender: Sender | null;
  /** Checks started by a handler and not awaited by it (a printer just saved): close waits for them. */
  pending: Set<Promise<unknown>>;
}

const runtimes = new WeakMap<ModuleContext, PrintingRuntime>();

function newRuntime(ctx: ModuleContext): PrintingRuntime {
  const transports = printerTransports({ silentPrint: ctx.config.silentPrint });
  const rt: PrintingRuntime = {
    transports,
    sender: null,
    pending: new Set(),
    health: { stationId: ctx.config.stationId, transports, onReady: () => rt.sender?.wake() },
  };
  return rt;
}

/** The engine's printing runtime (one per engine; made on first use if start has not run). */
export function runtimeOf(ctx: ModuleContext): PrintingRuntime {
  let rt = runtimes.get(ctx);
  if (!rt) runtimes.set(ctx, (rt = newRuntime(ctx)));
  return rt;
}

/** Asks a printer of this station how it is, in the background (close waits for it). */
export function checkSoon(ctx: ModuleContext, printer: PrinterRow): void {
  const rt = runtimeOf(ctx);
  const p = checkPrinterHealth(ctx, rt.health, printer)
    .catch((err: unknown) => ctx.log.warn({ err, printer: printer.name }, 'printer health check failed'))
    .finally(() => rt.pending.delete(p));
  rt.pending.add(p);
}

/**
 * What every node starts (a desk without workers still prints to its own printers): its station
 * registered and seen, the sender of its own jobs, and the health checker of its own printers.
 * Closing stops both after the job in hand.
 */
export async function startPrinting(ctx: ModuleContext): Promise<Stoppable> {
  const rt = runtimeOf(ctx);
  await upsertStation(ctx.ds.manager, ctx.config.stationId, ctx.config.stationName);
  const sender = startSender(ctx, {
    stationId: ctx.config.stationId,
    transports: rt.transports,
    render: (job) => renderForPrinter(job, job.format, job.printer),
  });
  rt.sender = sender;
  const health = startHealthChecker(ctx, rt.health);
  return {
    async stop() {
      await Promise.all([sender.stop(), health.stop()]);
      await Promise.all([...rt.pending]);
      rt.sender = null;
    },
  };
}
