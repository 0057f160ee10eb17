import type { Stoppable } from '../../../kernel/define-module';
import type { ModuleContext } from '../../../kernel/context';
import { startPeriodic } from '../../../kernel/periodic';
import { onWebhookKept } from '../carrier-intake';
import { pollDueShipments } from './poll-shipments';
import { processWebhooks } from './process-webhooks';
import { watchDelays } from './watch-delays';

export { pollDueShipments } from './poll-shipments';
export { processWebhooks } from './process-webhooks';
export { watchDelays } from './watch-delays';

export interface TrackingLoopTimes {
  webhooksMs: number;
  pollMs: number;
  delaysMs: number;
}

/**
 * How often each loop runs: webhooks are looked for four times a second (a worker node hears of
 * them from no one; on the node that took them the intake wakes the processor at once), polls are
 * checked every 5 s, delays every 30 s. An idle webhook pass is one indexed claim statement.
 */
export const TRACKING_LOOP_TIMES: TrackingLoopTimes = { webhooksMs: 250, pollMs: 5_000, delaysMs: 30_000 };

/**
 * Tracking on worker nodes: (1) carrier webhooks kept by the intake are re-fetched and applied;
 * (2) shipments due for a poll are fetched in batches per account (nodes share them with SKIP
 * LOCKED); (3) the delay watch raises and resolves alerts. Each loop never runs two passes at once
 * and goes on after a failed pass.
 */
export function startTrackingLoops(ctx: ModuleContext, times: TrackingLoopTimes = TRACKING_LOOP_TIMES): Stoppable[] {
  const webhooks = wakeable(() => processWebhooks(ctx).then(() => undefined), ctx);
  const loops: Stoppable[] = [
    startPeriodic(ctx.log, 'carrier webhooks', times.webhooksMs, webhooks.pass),
    startPeriodic(ctx.log, 'tracking poller', times.pollMs, () => pollDueShipments(ctx).then(() => undefined)),
    startPeriodic(ctx.log, 'delay watch', times.delaysMs, () => watchDelays(ctx).then(() => undefined)),
  ];
  const unregister = onWebhookKept(ctx.ds, webhooks.wake);
  return [{ stop: () => unregister() }, webhooks, ...loops];
}

/**
 * A pass that can also be woken between ticks: one pass at a time; a wake during a pass runs one
 * more right after it (so a webhook kept mid-pass is not left for the next tick).
 */
function wakeable(run: () => Promise<void>, ctx: ModuleContext) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let woken = false;
  const pass = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = run()
      .catch((err: unknown) => ctx.log.warn({ err }, 'carrier webhooks pass failed'))
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          void pass();
        }
      });
    return running;
  };
  return {
    pass,
    // Many webhooks a second share one wake-up.
    wake: () => {
      if (stopped || woken) return;
      woken = true;
      setTimeout(() => {
        woken = false;
        void pass();
      }, 5).unref();
    },
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}
