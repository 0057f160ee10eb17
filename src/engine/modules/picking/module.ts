import { AppError, type pickingContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';

const todo = (): never => {
  throw new AppError('INTERNAL', 'not built yet');
};

/** Pick work (waves, batch walks, scans) and packing (parcels, slips, labels) at a location. */
export const pickingModule = defineModule<keyof typeof pickingContract>({
  name: 'picking',
  handlers: {
    'picking.work': todo,
    'picking.releaseWave': todo,
    'picking.wave': todo,
    'picking.scan': todo,
    'picking.completeWave': todo,
    'picking.cancelWave': todo,
    'packing.pack': todo,
    'packing.parcels': todo,
  },
});
