import { PICKUP_STATUSES, PICKUP_TRANSITIONS, type PickupPolicy, type pickupContract } from '../../../shared';
import { validateTransitions } from '../../core/lifecycle';
import { inTransaction } from '../../db/data-source';
import { auditNote } from '../../kernel/audit';
import { assertWorksAt } from '../../kernel/location-scope';
import { defineModule } from '../../kernel/define-module';
import { actsOnLocation } from '../../../shared';
import { listPickups, readPickup, readPolicy, writePolicy, type PolicyRow } from './pickup.store';
import { seesPickupCode, toPickup } from './pickup-view';
import { handOver } from './workflows/hand-over';
import { makeReady } from './workflows/make-ready';
import { reissueCode } from './workflows/reissue-code';
import { startPickupExpiry } from './workflows/expire-pickups';

const toPolicy = (r: PolicyRow): PickupPolicy => ({ holdHours: r.hold_hours, onNoShow: r.on_no_show, allowPartial: r.allow_partial });

/** Store pickup: ready with a code, hand-over at the counter, no-show expiry. */
export const pickupModule = defineModule<keyof typeof pickupContract>({
  name: 'pickup',
  handlers: {
    'pickup.list': async (ctx, { locationId, includeClosed }, actor) => {
      assertWorksAt(actor, locationId);
      const show = seesPickupCode(actor);
      return (await listPickups(ctx.ds.manager, locationId, includeClosed)).map((r) => toPickup(r, show));
    },
    // Another location's pickup is "none" to an associate: it says nothing of it.
    'pickup.get': async (ctx, { orderId }, actor) => {
      const r = await readPickup(ctx.ds.manager, orderId);
      return r && actsOnLocation(actor, r.location_id) ? toPickup(r, seesPickupCode(actor)) : null;
    },
    'pickup.ready': (ctx, input, actor) => makeReady(ctx, input, actor),
    'pickup.handover': (ctx, input, actor) => handOver(ctx, input, actor),
    'pickup.reissueCode': (ctx, { orderId }, actor) => reissueCode(ctx, orderId, actor),
    'pickup.policy': async (ctx) => toPolicy(await readPolicy(ctx.ds.manager)),
    'pickup.setPolicy': async (ctx, p) => {
      const row: PolicyRow = { hold_hours: p.holdHours, on_no_show: p.onNoShow, allow_partial: p.allowPartial };
      const before = await inTransaction(ctx.ds, (m) => writePolicy(m, row));
      auditNote({ subject: 'pickup policy', before: toPolicy(before), after: p });
      return p;
    },
  },
  // A broken pickup lifecycle stops the engine before it touches a pickup.
  start: () => validateTransitions(PICKUP_STATUSES, PICKUP_TRANSITIONS, 'ready'),
  loops: (ctx) => [startPickupExpiry(ctx)],
});
