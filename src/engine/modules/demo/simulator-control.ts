import type { ModuleContext } from '../../kernel/context';

interface Simulator {
  rate(): number;
  setRate(perMinute: number): void;
  /** Stops the stream and waits for the orders under way. */
  stop(): Promise<void>;
}

const simulators = new WeakMap<ModuleContext, Simulator>();

/**
 * The demo order stream of one engine, loaded on first use (production nodes never import the demo
 * code): `demo.simulate` sets its rate and `system.settings` reports it.
 */
export function simulatorOf(ctx: ModuleContext): Simulator {
  let sim = simulators.get(ctx);
  if (!sim) simulators.set(ctx, (sim = lazySimulator(ctx, ctx.config.simulatorRate)));
  return sim;
}

function lazySimulator(ctx: ModuleContext, initialPerMinute: number): Simulator {
  let sim: Simulator | undefined;
  let crew: { stop(): Promise<void> } | undefined;
  /** A crew told to stop finishes its round before the engine closes. */
  let crewStopping: Promise<void> | undefined;
  let pending = initialPerMinute;
  let stopped = false;
  // The floor crew works while orders flow (on worker nodes, where the labels and tracking run too).
  const followCrew = (r: number) => {
    if (r > 0 && !crew && ctx.config.workers) {
      void import('./workflows/floor-crew').then(({ startFloorCrew }) => {
        if (!stopped && !crew && pending > 0) crew = startFloorCrew(ctx);
      });
    } else if (r <= 0 && crew) {
      crewStopping = crew.stop();
      crew = undefined;
    }
  };
  const setRate = (r: number) => {
    pending = r;
    followCrew(r);
    if (sim) return sim.setRate(r);
    if (r <= 0) return;
    void import('./workflows/order-simulator').then(({ startOrderSimulator }) => {
      if (!stopped && !sim) sim = startOrderSimulator(ctx, pending);
    });
  };
  setRate(initialPerMinute);
  return {
    rate: () => (sim ? sim.rate() : Math.max(0, Math.min(6000, pending))),
    setRate,
    stop: async () => {
      stopped = true;
      await Promise.all([sim?.stop(), crew?.stop(), crewStopping]);
    },
  };
}
