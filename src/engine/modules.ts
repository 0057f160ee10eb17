import type { EngineModule } from './engine-module';
import { SOURCE_ORDER_JOB } from './ports/job-queue.port';
import { sourceOrder } from './workflows/source-order';
import { inboxModule } from './workflows/inbox-module';
import { startSweeper } from './workflows/sweeper';
import { importModule } from './workflows/import-module';
import { inventoryModule } from './workflows/inventory-expiry';

/** Sourcing: the source-order job and the sweeper that re-enqueues lost and unfillable orders. */
const sourcingModule: EngineModule = {
  name: 'sourcing',
  jobs: (ctx) => ({ [SOURCE_ORDER_JOB]: async (orderId) => void (await sourceOrder(ctx, orderId)) }),
  background: (ctx) => startSweeper(ctx),
};

/** Every module the engine starts, in start order. Add a capability here (one line). */
export const ENGINE_MODULES: readonly EngineModule[] = [sourcingModule, inboxModule, importModule, inventoryModule];
