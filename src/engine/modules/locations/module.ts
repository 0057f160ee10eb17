import type { locationsContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';
import { startLocationCache } from './location-cache';
import { listLocationHealth } from './location.store';

/** The network of stores, DCs and dark stores: the map's health figures and the engine's cached locations. */
export const locationsModule = defineModule<keyof typeof locationsContract>({
  name: 'locations',
  handlers: {
    'locations.list': (ctx) => listLocationHealth(ctx.ds.manager),
  },
  start: (ctx) => startLocationCache(ctx),
});
