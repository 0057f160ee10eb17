import { SHIPMENT_STATUSES, SHIPMENT_TRANSITIONS, type shippingContract } from '../../../shared';
import { validateTransitions } from '../../core/lifecycle';
import { defineModule } from '../../kernel/define-module';
import { SHIP_PARCELS_JOB } from './plan-shipments';
import { shippingHandlers } from './shipping.handlers';
import { trackingHandlers } from './tracking.handlers';
import { runLabelPass, startLabelWorker } from './workflows/label-worker';
import { startTrackingLoops } from './workflows/tracking-loops';

/**
 * Carriers and the last mile: carrier accounts, rate shopping, labels (bought by a worker, printed at
 * the packing station), close-out, tracking by webhook and polling, the order following its
 * shipments, promise dates and delay alerts.
 */
export const shippingModule = defineModule<keyof typeof shippingContract>({
  name: 'shipping',
  handlers: { ...shippingHandlers, ...trackingHandlers },
  // A broken shipment lifecycle stops the engine before it touches a shipment.
  start: () => validateTransitions(SHIPMENT_STATUSES, SHIPMENT_TRANSITIONS, 'draft'),
  // Packing nudges the label worker for its order; the worker's loop is the safety net.
  jobs: (ctx) => ({ [SHIP_PARCELS_JOB]: async (orderId) => void (await runLabelPass(ctx, { orderId })) }),
  loops: (ctx) => [startLabelWorker(ctx), ...startTrackingLoops(ctx)],
});
