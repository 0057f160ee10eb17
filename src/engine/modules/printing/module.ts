import type { printingContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';
import { printJobsHandlers } from './print-jobs.handlers';
import { startPrinting } from './print-runtime';
import { printersHandlers } from './printers.handlers';

/**
 * Print stations, printers, routes and durable print jobs. Every node (a desk without workers too)
 * registers its station and runs the sender and health checker of its own printers.
 */
export const printingModule = defineModule<keyof typeof printingContract>({
  name: 'printing',
  handlers: { ...printersHandlers, ...printJobsHandlers },
  start: (ctx) => startPrinting(ctx),
});
