import { AppError, type productsContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';

const todo = (): never => {
  throw new AppError('INTERNAL', 'not built yet');
};

/** The product master: names, EANs, weights and dimensions the floor needs. */
export const productsModule = defineModule<keyof typeof productsContract>({
  name: 'products',
  handlers: {
    'products.list': todo,
    'products.upsert': todo,
  },
});
