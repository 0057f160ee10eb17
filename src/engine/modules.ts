import { channelsModule } from './modules/channels/module';
import { demoModule } from './modules/demo/module';
import { entryModule } from './modules/entry/module';
import { floorModule } from './modules/floor/module';
import { importsModule } from './modules/imports/module';
import { inventoryModule } from './modules/inventory/module';
import { locationsModule } from './modules/locations/module';
import { ordersModule } from './modules/orders/module';
import { sourcingModule } from './modules/sourcing/module';
import { systemModule } from './modules/system/module';
import { identityModule } from './modules/identity/module';
import { auditModule } from './modules/audit/module';
import { productsModule } from './modules/products/module';
import { pickingModule } from './modules/picking/module';
import { pickupModule } from './modules/pickup/module';
import { printingModule } from './modules/printing/module';
import { shippingModule } from './modules/shipping/module';
import { notifyModule } from './modules/notify/module';
import { returnsModule } from './modules/returns/module';
import { exceptionsModule } from './modules/exceptions/module';
import type { Endpoint } from '../shared';
import type { ServedBy } from './kernel/define-module';

/**
 * Every module of the engine, in start order: the demo seed fills an empty database before
 * anything reads it, then the network's caches, then the rest. Add a capability here (one line).
 */
export const ENGINE_MODULES = [
  demoModule,
  locationsModule,
  ordersModule,
  channelsModule,
  importsModule,
  entryModule,
  inventoryModule,
  sourcingModule,
  floorModule,
  systemModule,
  identityModule,
  auditModule,
  productsModule,
  printingModule,
  pickingModule,
  pickupModule,
  shippingModule,
  notifyModule,
  returnsModule,
  exceptionsModule,
] as const;

/** A build error names any endpoint of the contract that no module serves. */
const everyEndpointServed: Record<Exclude<Endpoint, ServedBy<typeof ENGINE_MODULES>>, never> = {};
void everyEndpointServed;
