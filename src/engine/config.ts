import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { EngineConfig } from './engine.types';

const EnvSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  ATALAYA_DATA_DIR: z.string().min(1).optional(),
  ATALAYA_DEMO: z.enum(['seed', 'empty']).default('seed'),
  ATALAYA_SIMULATE: z.coerce.number().min(0).max(6000).default(0),
  ATALAYA_TILE_URL: z.url({ protocol: /^https?$/ }).optional(),
  ATALAYA_WORKERS: z.enum(['on', 'off', '1', '0', 'true', 'false']).optional(),
  ATALAYA_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  ATALAYA_DB_POOL: z.coerce.number().int().min(2).max(200).default(24),
  ATALAYA_QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/i)
    .default('atalaya'),
  ATALAYA_IMPORT_DIR: z.string().min(1).optional(),
  // A desk left signed in on a shared counter should lock itself soon; a shift is at most half a day.
  ATALAYA_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  ATALAYA_SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  ATALAYA_STATION: z
    .string()
    .regex(/^[A-Za-z0-9:._-]{1,64}$/, {
      error: 'ATALAYA_STATION is a name of up to 64 letters, digits and : . _ - (e.g. dc-norte-muelle-2)',
    })
    .optional(),
  ATALAYA_STATION_NAME: z.string().min(1).max(80).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Who starts the engine: a desk (Electron or the web desk) or an always-on headless node. */
export type EngineHost = 'desk' | 'node';

/**
 * Whether a process runs the job workers and background loops. `ATALAYA_WORKERS` decides when set.
 * Otherwise a headless node does — that is what it is for; a desk does only on its embedded
 * database, where it is alone. Desks on a shared `DATABASE_URL` leave the work to the worker nodes
 * instead of competing with them (and with their own desk) for CPU.
 */
export function runsWorkers(host: EngineHost, databaseUrl: string | undefined, setting: string | undefined): boolean {
  if (setting !== undefined) return ['on', '1', 'true'].includes(setting);
  return host === 'node' || databaseUrl === undefined;
}

const blankToUndefined = (env: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));

/**
 * Reads the engine's settings from the environment, for a desk or a headless node (`host`, which
 * sets whether workers run by default: {@link runsWorkers}). A bad value stops start-up with a
 * message naming the variable and what it expects.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<EngineConfig> = {},
  host: EngineHost = 'node',
): EngineConfig {
  const parsed = EnvSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: e.ATALAYA_DATA_DIR ?? join(homedir(), '.local', 'share', 'atalaya'),
    demo: e.ATALAYA_DEMO,
    simulatorRate: e.ATALAYA_SIMULATE,
    tileUrl: e.ATALAYA_TILE_URL,
    workers: runsWorkers(host, e.DATABASE_URL, e.ATALAYA_WORKERS),
    workerConcurrency: e.ATALAYA_WORKER_CONCURRENCY,
    dbPoolSize: e.ATALAYA_DB_POOL,
    logLevel: e.LOG_LEVEL,
    queuePrefix: e.ATALAYA_QUEUE_PREFIX,
    importDir: e.ATALAYA_IMPORT_DIR,
    sessionIdleMinutes: e.ATALAYA_SESSION_IDLE_MINUTES,
    sessionHours: e.ATALAYA_SESSION_HOURS,
    stationId:
      e.ATALAYA_STATION ??
      `node:${hostname()
        .replace(/[^A-Za-z0-9:._-]/g, '-')
        .slice(0, 59)}`,
    stationName: e.ATALAYA_STATION_NAME ?? e.ATALAYA_STATION ?? hostname(),
    ...overrides,
  };
}
