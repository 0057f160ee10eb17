import type { EngineConfig } from './engine.types';
import type { EventBus } from './ports/event-bus.port';
import type { JobProcessor } from './ports/job-queue.port';
import type { WorkflowDeps } from './workflows/deps';

/** What a module gets when the engine starts it. */
export interface ModuleContext extends WorkflowDeps {
  config: EngineConfig;
  bus: EventBus;
}

/**
 * A capability of the engine (sourcing, channel intake, inventory feeds, …) declared in one place:
 * the job kinds it processes and the background loops it runs. `start-engine` starts every module
 * listed in `ENGINE_MODULES`; a new capability adds itself there instead of editing the engine's
 * start-up. Jobs and background loops run only on worker nodes (`config.workers`).
 */
export interface EngineModule {
  name: string;
  /** Job kind → processor. */
  jobs?(ctx: ModuleContext): Record<string, JobProcessor>;
  /** Per-kind worker concurrency, when not the engine's default. */
  concurrency?: Record<string, number>;
  /** Sweepers, expiry timers, folder watchers. Must not throw; log and go on. */
  background?(ctx: ModuleContext): { stop(): void | Promise<void> };
}
