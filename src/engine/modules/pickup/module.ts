import { AppError, type pickupContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';

const todo = (): never => {
  throw new AppError('INTERNAL', 'not built yet');
};

/** Store pickup: ready with a code, hand-over at the counter, no-show expiry. */
export const pickupModule = defineModule<keyof typeof pickupContract>({
  name: 'pickup',
  handlers: {
    'pickup.list': todo,
    'pickup.get': todo,
    'pickup.ready': todo,
    'pickup.handover': todo,
    'pickup.reissueCode': todo,
    'pickup.policy': todo,
    'pickup.setPolicy': todo,
  },
});
