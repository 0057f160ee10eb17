import type { Actor, Endpoint, OutputOf } from '../../shared';
import type { Db } from '../db/data-source';
import type { EngineConfig } from '../engine.types';
import type { EventBus } from '../ports/event-bus.port';
import type { JobQueue } from '../ports/job-queue.port';
import type { Logger } from '../ports/logger.port';

/**
 * What every module, handler and workflow of one engine gets, passed in (no globals): the shared
 * database, the job queue, the logger, the committed-event bus and the engine's configuration.
 * State a module keeps per engine (a cache, the simulator) is keyed by this object or its `ds`.
 */
export interface ModuleContext {
  ds: Db;
  queue: JobQueue;
  log: Logger;
  config: EngineConfig;
  bus: EventBus;
  /**
   * The engine's own dispatcher (roles, parsing, audit), set once the engine is built: for a module
   * that acts through the endpoints as a person would — the demo's floor crew. Absent while starting.
   */
  act?: <E extends Endpoint>(endpoint: E, input: unknown, actor: Actor) => Promise<OutputOf<E>>;
}

/** The part of the context most workflow steps need. */
export type WorkflowDeps = Pick<ModuleContext, 'ds' | 'queue' | 'log'>;

/** The engine acting on its own (sourcing, sweeps). */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Atalaya', role: 'system' };
