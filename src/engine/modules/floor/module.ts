import type { floorContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';
import { assertWorksAt } from '../../kernel/location-scope';
import { listOpenFulfilments } from './floor.store';
import { rejectFulfilment } from './workflows/reject-fulfilment';
import { reportPick } from './report-pick';

/**
 * The store floor: what a location has to pick, and how it pushes back — a store rejects an order
 * with a reason code (stock corrected, the order re-sourced elsewhere) or a pick comes up short
 * (the units found stay, the remainder is sourced again or follows the backorder policy).
 */
export const floorModule = defineModule<keyof typeof floorContract>({
  name: 'floor',
  handlers: {
    'floor.openFulfilments': (ctx, { locationId, limit }, actor) => {
      assertWorksAt(actor, locationId);
      return listOpenFulfilments(ctx.ds.manager, locationId, limit);
    },
    'fulfilment.reject': (ctx, input, actor) => rejectFulfilment(ctx, input, actor),
    'fulfilment.shortPick': (ctx, input, actor) => reportPick(ctx, input, actor),
  },
});
