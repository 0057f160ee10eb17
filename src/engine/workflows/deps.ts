import type { DataSource } from 'typeorm';
import type { SourcingLocation } from '../core/sourcing/nearest-full-fill';
import type { Actor } from '../engine.types';
import type { JobQueue } from '../ports/job-queue.port';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** What workflow steps need from the outside, passed in (no globals). */
export interface WorkflowDeps {
  ds: DataSource;
  queue: JobQueue;
  log: Logger;
  /** Locations for sourcing; cached, refreshed when locations change. */
  locations(): Promise<SourcingLocation[]>;
}

/** The engine acting on its own (sourcing, sweeps). */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Atalaya', role: 'system' };
