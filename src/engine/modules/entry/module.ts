import { AppError, type entryContract } from '../../../shared';
import { findLocationByCode, queryAvailability, searchCatalog } from './entry.store';
import { intakeOrder } from '../orders/intake-order';
import { normaliseDraft } from '../channels/normalise-draft';
import { defineModule } from '../../kernel/define-module';

/** Assisted order entry (endless aisle, call centre): product search, live availability, submit. */
export const entryModule = defineModule<keyof typeof entryContract>({
  name: 'entry',
  handlers: {
    'catalog.search': (ctx, { q, limit }) => searchCatalog(ctx.ds, q, limit),
    'availability.query': (ctx, { skus, near, limit, channel }) =>
      queryAvailability(ctx.ds, [...new Set(skus)], near, limit, channel ?? null),
    'entry.submit': async (ctx, { draft, idempotencyKey }, actor) => {
      let d = draft;
      if (d.deliveryType === 'store_pickup') {
        const code = d.pickupLocation;
        const store = code ? await findLocationByCode(ctx.ds, code) : null;
        if (!store || !store.active) {
          throw new AppError(
            'VALIDATION_FAILED',
            code
              ? `No active location with code ${code}; pick the pickup store from the list`
              : 'Store pickup needs a pickup store; pick one from the list',
            [{ path: 'draft.pickupLocation', message: code ? `unknown location ${code}` : 'required for store pickup' }],
          );
        }
        // The order is collected at the store: that is where it is delivered.
        d = {
          ...d,
          pickupLocation: store.code,
          shipTo: {
            name: d.customer.name,
            line1: store.name,
            city: store.city,
            country: d.shipTo?.country ?? 'AR',
            phone: d.customer.phone,
            lat: store.lat,
            lng: store.lng,
          },
        };
      }
      const norm = await normaliseDraft(ctx, null, d);
      if (!norm.ok) {
        throw new AppError(
          'VALIDATION_FAILED',
          `The order cannot be placed: ${norm.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          norm.issues.map((i) => ({ path: `draft.${i.path}`, message: i.message })),
        );
      }
      return intakeOrder(ctx, norm.order, `entry:${idempotencyKey}`, actor);
    },
  },
});
