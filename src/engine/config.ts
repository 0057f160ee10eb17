import { homedir } from 'node:os';
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
  ATALAYA_WORKERS: z.enum(['on', 'off']).default('on'),
  ATALAYA_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  ATALAYA_DB_POOL: z.coerce.number().int().min(2).max(200).default(24),
  ATALAYA_QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/i)
    .default('atalaya'),
  ATALAYA_IMPORT_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const blankToUndefined = (env: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));

/**
 * Reads the engine's settings from the environment. A bad value stops start-up with a message
 * naming the variable and what it expects.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<EngineConfig> = {}): EngineConfig {
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
    workers: e.ATALAYA_WORKERS === 'on',
    workerConcurrency: e.ATALAYA_WORKER_CONCURRENCY,
    dbPoolSize: e.ATALAYA_DB_POOL,
    logLevel: e.LOG_LEVEL,
    queuePrefix: e.ATALAYA_QUEUE_PREFIX,
    importDir: e.ATALAYA_IMPORT_DIR,
    ...overrides,
  };
}
