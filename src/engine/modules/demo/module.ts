import { AppError, type demoContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';
import { simulatorOf } from './simulator-control';

/**
 * The demo retailer: seeded into an empty database on start (`ATALAYA_DEMO=seed`), and a stream of
 * simulated orders through the real intake path. Its code loads only when used.
 */
export const demoModule = defineModule<keyof typeof demoContract>({
  name: 'demo',
  handlers: {
    'demo.simulate': async (ctx, { ordersPerMinute }) => {
      // Simulated orders go through the real intake: never into a retailer's real database.
      if (ctx.config.demo !== 'seed') throw new AppError('FORBIDDEN', 'The demo is off: start with ATALAYA_DEMO=seed');
      const sim = simulatorOf(ctx);
      sim.setRate(ordersPerMinute);
      return { ordersPerMinute: sim.rate() };
    },
  },
  async start(ctx) {
    if (ctx.config.demo === 'seed') {
      const { seedDemoIfEmpty } = await import('./seed.store');
      await seedDemoIfEmpty(ctx.ds, ctx.log);
    }
    const sim = simulatorOf(ctx);
    return { stop: () => sim.stop() };
  },
});
