import type { EngineModule } from './engine-module';
import { SOURCE_ORDER_JOB } from './ports/job-queue.port';
import { sourceOrder } from './workflows/source-order';
import { inboxModule } from './workflows/inbox-module';
import { startSweeper } from './workflows/sweeper';
import { importModule } from './workflows/import-module';
import { inventoryModule } from './workflows/inventory-expiry';
import { startReoptimiser } from './workflows/reoptimise';
import { unroutableModule } from './workflows/unroutable';

/** Sourcing: the source-order job and the sweeper that re-enqueues lost orders. */
const sourcingModule: EngineModule = {
  name: 'sourcing',
  jobs: (ctx) => ({ [SOURCE_ORDER_JOB]: async (orderId) => void (await sourceOrder(ctx, orderId)) }),
  background: (ctx) => startSweeper(ctx),
};

/** Re-optimisation: a periodic pass moving orders not yet on the floor to fewer shipments or lower cost. */
const reoptimiseModule: EngineModule = { name: 'sourcing-reoptimise', background: (ctx) => startReoptimiser(ctx) };

/** Every module the engine starts, in start order. Add a capability here (one line). */
export const ENGINE_MODULES: readonly EngineModule[] = [
  sourcingModule,
  importModule,
  inventoryModule,
  reoptimiseModule,
  unroutableModule,
  inboxModule,
];
