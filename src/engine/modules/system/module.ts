import type { OutputOf, systemContract } from '../../../shared';
import type { ModuleContext } from '../../kernel/context';
import { defineModule } from '../../kernel/define-module';
import { ENGINE_VERSION } from '../../kernel/version';
import { simulatorOf } from '../demo/simulator-control';
import { databaseLatency } from './system.store';

/** The engine's health (database and queue) for the header and load balancers, and the settings a desk starts with. */
export const systemModule = defineModule<keyof typeof systemContract>({
  name: 'system',
  handlers: {
    'system.health': (ctx) => health(ctx),
    'system.settings': async (ctx, _input, actor) => ({
      tileUrl: ctx.config.tileUrl ?? null,
      simulatorRate: simulatorOf(ctx).rate(),
      demo: ctx.config.demo === 'seed',
      user: { name: actor.name, role: actor.role },
    }),
  },
});

export async function health(ctx: ModuleContext): Promise<OutputOf<'system.health'>> {
  const database = await databaseLatency(ctx.ds)
    .then((latencyMs) => ({ ok: true, latencyMs }))
    .catch((e: Error) => ({ ok: false, latencyMs: null, error: e.message }));
  const q = await ctx.queue
    .waiting()
    .then((waiting) => ({ ok: true, backend: ctx.queue.backend, waiting }))
    .catch((e: Error) => ({ ok: false, backend: ctx.queue.backend, waiting: null, error: e.message }));
  return { ok: database.ok && q.ok, database, queue: q, version: ENGINE_VERSION };
}
