import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { AppError, type EngineEvent, type OutputOf } from '../shared';
import { openDatabase } from './adapters/db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './adapters/db/embedded-postgres';
import { loadSourcingLocations } from './adapters/db/location-store';
import { forgetNetwork } from './adapters/db/sourcing-store';
import { OutboxEventBus } from './adapters/events/outbox-event-bus';
import { createBullmqJobQueue } from './adapters/queue/bullmq-job-queue';
import { dispatch } from './api/dispatch';
import { ROLE_POLICY } from './api/role-policy';
import { applySnapshotStream } from './workflows/inventory-snapshot-stream';
import type { HandlerContext } from './api/handlers';
import { validateOrderLifecycle } from './core/lifecycle';
import type { SourcingLocation } from './core/sourcing/nearest-full-fill';
import type { Engine, EngineConfig } from './engine.types';
import { SOURCE_ORDER_JOB, type JobProcessor, type JobQueue } from './ports/job-queue.port';
import type { WorkflowDeps } from './workflows/deps';
import type { ModuleContext } from './engine-module';
import { ENGINE_MODULES } from './modules';
import { createChannelIntake } from './workflows/inbox-receive';

export const ENGINE_VERSION = '0.1.0';

/**
 * Starts an engine: database (shared or embedded) and migrations, demo data on first start, the
 * event stream, queues and — when `config.workers` — the workers, sweeper and simulator. Every
 * host (Electron utility process, web desk, headless node, tests) starts it the same way.
 */
export async function startEngine(config: EngineConfig): Promise<Engine> {
  validateOrderLifecycle();
  const log = pino({ name: 'atalaya', level: config.logLevel });
  const closers: (() => Promise<unknown>)[] = [];
  const logErr = (msg: string, err?: unknown) => log.warn({ err }, msg);
  try {
    let url = config.databaseUrl;
    let embedded: EmbeddedDatabase | undefined;
    if (!url) {
      log.info(`No DATABASE_URL: starting the embedded Postgres in ${config.dataDir}`);
      embedded = await startEmbeddedPostgres(config.dataDir, (m) => log.debug(m));
      url = embedded.url;
      closers.unshift(() => embedded!.stop());
    }
    const ds: DataSource = await openDatabase({ url, poolSize: config.dbPoolSize });
    closers.unshift(() => ds.destroy());
    if (config.demo === 'seed') {
      // Demo code loads only where it is used: production nodes never import it.
      const { seedDemoIfEmpty } = await import('./adapters/db/demo-seed');
      await seedDemoIfEmpty(ds, log);
    }

    let locationCache: Promise<SourcingLocation[]> = loadSourcingLocations(ds);
    const refreshLocations = () => (locationCache = loadSourcingLocations(ds));
    const locationTimer = setInterval(refreshLocations, 60_000);
    locationTimer.unref();
    closers.unshift(async () => clearInterval(locationTimer));

    const bus = await OutboxEventBus.start(url, logErr);
    closers.unshift(() => bus.close());
    bus.subscribe((e) => {
      if (e.type !== 'locations.changed') return;
      void refreshLocations();
      forgetNetwork(ds);
    });

    // Workers need the queue (to enqueue follow-up work) and the queue needs the workers: bind late.
    const late: { queue?: JobQueue } = {};
    const queueRef: JobQueue = {
      get backend() {
        return late.queue!.backend;
      },
      enqueue: (kind, key, o) => late.queue!.enqueue(kind, key, o),
      enqueueSourcing: (id) => late.queue!.enqueueSourcing(id),
      waiting: () => late.queue!.waiting(),
      close: () => late.queue!.close(),
    };
    const deps: ModuleContext = { ds, log, locations: () => locationCache, queue: queueRef, config, bus };
    const processors: Record<string, JobProcessor> = {};
    const concurrencyByKind: Record<string, number> = {};
    for (const m of ENGINE_MODULES) {
      Object.assign(concurrencyByKind, m.concurrency ?? {});
      if (config.workers) Object.assign(processors, m.jobs?.(deps) ?? {});
    }
    const queue: JobQueue = await createBullmqJobQueue({
      redisUrl: config.redisUrl,
      databaseUrl: url,
      prefix: config.queuePrefix,
      log: logErr,
      kinds: [SOURCE_ORDER_JOB],
      processors,
      concurrency: config.workerConcurrency,
      concurrencyByKind,
    });
    late.queue = queue;
    closers.unshift(() => queue.close());
    log.info(
      `Queues on ${queue.backend === 'redis' ? 'Redis' : 'PostgreSQL (no REDIS_URL)'}${config.workers ? ', workers running here' : ''}`,
    );

    const simulator = lazySimulator(deps, config.simulatorRate);
    closers.unshift(async () => simulator.stop());
    if (config.workers) {
      for (const m of ENGINE_MODULES) {
        const bg = m.background?.(deps);
        if (bg) closers.unshift(async () => bg.stop());
      }
    }

    const health = async (): Promise<OutputOf<'system.health'>> => {
      const t0 = performance.now();
      const database = await ds
        .query('SELECT 1')
        .then(() => ({ ok: true, latencyMs: Math.round((performance.now() - t0) * 10) / 10 }))
        .catch((e: Error) => ({ ok: false, latencyMs: null, error: e.message }));
      const q = await queue!
        .waiting()
        .then((waiting) => ({ ok: true, backend: queue.backend, waiting }))
        .catch((e: Error) => ({ ok: false, backend: queue.backend, waiting: null, error: e.message }));
      return { ok: database.ok && q.ok, database, queue: q, version: ENGINE_VERSION };
    };
    const ctx: HandlerContext = { ...deps, version: ENGINE_VERSION, health, simulator };

    let closing: Promise<void> | undefined;
    return {
      config,
      dispatch: (endpoint, input, actor) => dispatch(ctx, endpoint, input, actor),
      onEvent: (listener: (e: EngineEvent) => void) => bus.subscribe(listener),
      intake: {
        ...createChannelIntake(deps),
        createRestOrder: (inboxId, input, actor) =>
          dispatch(ctx, 'orders.create', input, actor, { settleInbox: { id: inboxId, actor: 'REST API' } }),
      },
      feeds: {
        snapshotCsv(input, actor) {
          const allowed = ROLE_POLICY['inventory.snapshot'];
          if (!allowed.includes(actor.role))
            throw new AppError('FORBIDDEN', `Role "${actor.role}" may not send inventory snapshots; allowed: ${allowed.join(', ')}`);
          return applySnapshotStream(ds, input, actor);
        },
      },
      close() {
        closing ??= runClosers(closers, logErr);
        return closing;
      },
    };
  } catch (e) {
    await runClosers(closers, logErr);
    throw e;
  }
}

/** The demo order stream, loaded on first use. */
function lazySimulator(deps: WorkflowDeps, initialPerMinute: number) {
  let sim: { rate(): number; setRate(r: number): void; stop(): void } | undefined;
  let pending = initialPerMinute;
  let stopped = false;
  const setRate = (r: number) => {
    pending = r;
    if (sim) return sim.setRate(r);
    if (r <= 0) return;
    void import('./workflows/order-simulator').then(({ startOrderSimulator }) => {
      if (!stopped && !sim) sim = startOrderSimulator(deps, pending);
    });
  };
  setRate(initialPerMinute);
  return {
    rate: () => (sim ? sim.rate() : Math.max(0, Math.min(6000, pending))),
    setRate,
    stop: () => {
      stopped = true;
      sim?.stop();
    },
  };
}

async function runClosers(closers: (() => Promise<unknown>)[], log: (m: string, e?: unknown) => void): Promise<void> {
  for (const c of closers) await c().catch((e) => log('error while closing', e));
}
