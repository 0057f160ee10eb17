import type { productsContract } from '../../../shared';
import { inTransaction } from '../../db/data-source';
import { defineModule } from '../../kernel/define-module';
import { auditNote } from '../../kernel/audit';
import { listProducts, upsertProducts } from './products.store';

/** The product master: names, EANs, weights and dimensions the floor needs. */
export const productsModule = defineModule<keyof typeof productsContract>({
  name: 'products',
  handlers: {
    'products.list': (ctx, input) => listProducts(ctx.ds.manager, input),
    'products.upsert': async (ctx, { products }) => {
      const result = await inTransaction(ctx.ds, (m) => upsertProducts(m, products));
      auditNote({
        subject: `products (${products.length} rows)`,
        after: { created: result.created, updated: result.updated, rejected: result.rejected.length },
      });
      return result;
    },
  },
});
