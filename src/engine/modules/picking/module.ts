import type { pickingContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';
import { assertWorksAt, assertWorksAtOneOf } from '../../kernel/location-scope';
import { orderParcels } from './parcels.store';
import { waveDetail } from './wave-views.store';
import { cancelWave, completeWave } from './workflows/complete-wave';
import { pack } from './workflows/pack';
import { pickWork, releaseWave } from './workflows/release-wave';
import { scan } from './workflows/scan';

/** Pick work (waves, batch walks, scans) and packing (parcels, slips, labels) at a location. */
export const pickingModule = defineModule<keyof typeof pickingContract>({
  name: 'picking',
  handlers: {
    'picking.work': (ctx, { locationId }, actor) => pickWork(ctx, locationId, actor),
    'picking.releaseWave': (ctx, input, actor) => releaseWave(ctx, input, actor),
    'picking.wave': async (ctx, { waveId }, actor) => {
      const wave = await waveDetail(ctx.ds.manager, waveId);
      assertWorksAt(actor, wave.locationId, 'waveId');
      return wave;
    },
    'picking.scan': (ctx, input, actor) => scan(ctx, input, actor),
    'picking.completeWave': (ctx, { waveId }, actor) => completeWave(ctx, waveId, actor),
    'picking.cancelWave': (ctx, { waveId }, actor) => cancelWave(ctx, waveId, actor),
    'packing.pack': (ctx, input, actor) => pack(ctx, input, actor),
    'packing.parcels': async (ctx, { orderId }, actor) => {
      const parcels = await orderParcels(ctx.ds.manager, orderId);
      if (parcels.length) assertWorksAtOneOf(actor, [...new Set(parcels.map((p) => p.locationId))], `order ${orderId}'s parcels`);
      return parcels;
    },
  },
});
