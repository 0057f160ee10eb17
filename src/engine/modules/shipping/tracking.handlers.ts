import { AppError } from '../../../shared';
import { inTransaction } from '../../db/data-source';
import { auditNote } from '../../kernel/audit';
import type { HandlersFor } from '../../kernel/define-module';
import { recordOrderEvent } from '../orders/order.store';
import { getAlert, lateGroups, listAlerts, resolveAlertById } from './late-board.store';
import { onTimeRates } from './on-time.store';
import { shippingChanged } from './shipment-status.store';
import type { TrackingEndpoints } from './shipping.handlers';

/** Alerts the late board lists beside its groups. */
const BOARD_ALERTS = 500;

/** The "why late" board and shipment alerts (the exception inbox's shipping part). */
export const trackingHandlers: HandlersFor<TrackingEndpoints> = {
  async 'shipping.lateBoard'(ctx) {
    const m = ctx.ds.manager;
    const [groups, alerts, onTime] = await Promise.all([lateGroups(m), listAlerts(m, 'open', BOARD_ALERTS), onTimeRates(m)]);
    return {
      groups,
      alerts,
      // Per account: two accounts of one carrier (or two simulators) are measured apart, so each is named.
      onTime: onTime.map((r) => ({ carrier: r.carrierName, region: r.region, delivered: r.delivered, onTime: r.onTime, rate: r.rate })),
    };
  },

  async 'shipping.alerts'(ctx, input) {
    return listAlerts(ctx.ds.manager, input.status, input.limit);
  },

  /** A person dealt with an alert: resolved in their name, with their note on the order's timeline and in the audit log. */
  async 'shipping.resolveAlert'(ctx, input, actor) {
    return inTransaction(ctx.ds, async (m) => {
      const done = await resolveAlertById(m, input.alertId, actor.name);
      if (!done) {
        const alert = await getAlert(m, input.alertId);
        if (!alert)
          throw new AppError('NOT_FOUND', `No shipment alert ${input.alertId}`, [
            { path: 'alertId', message: 'use the id of an alert from the late board or the exception inbox' },
          ]);
        // Resolved already (by someone else, or by Atalaya when the parcel moved on): nothing to do.
        return alert;
      }
      auditNote({
        orderId: done.orderId,
        locationId: done.locationId,
        subject: `shipment ${done.shipmentId}`,
        before: { alert: done.reason, status: 'open' },
        after: { alert: done.reason, status: 'resolved', note: input.note ?? null },
      });
      await recordOrderEvent(m, {
        orderId: done.orderId,
        type: 'shipment.alert_resolved',
        actor,
        reason: input.note ?? null,
        data: { shipmentId: done.shipmentId, alertId: input.alertId, alert: done.reason },
      });
      await shippingChanged(m, { id: done.shipmentId, orderId: done.orderId, locationId: done.locationId, status: done.status });
      return (await getAlert(m, input.alertId))!;
    });
  },
};
