import { pino } from 'pino';
import { AppError, mayCall, rolesFor, type EngineEvent } from '../shared';
import { OutboxEventBus } from './adapters/events/outbox-event-bus';
import { createBullmqJobQueue } from './adapters/queue/bullmq-job-queue';
import { validateLifecycles } from './core/lifecycle';
import { openDatabase, type Db } from './db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres';
import { pgClientWithErrorHandler } from './db/pg-client';
import type { Engine, EngineConfig, EngineRuntime } from './engine.types';
import type { ModuleContext } from './kernel/context';
import type { Stoppable } from './kernel/define-module';
import { createDispatcher, handlerTable } from './kernel/dispatch';
import { ENGINE_MODULES } from './modules';
import { createChannelIntake } from './modules/channels/inbox-receive';
import { createCarrierIntake } from './modules/shipping/carrier-intake';
import { createDeliveryReceipts } from './modules/notify/delivery-receipts';
import { createReturnLabelDownloads } from './modules/returns/label-downloads';
import { applySnapshotStream } from './modules/inventory/snapshot-stream';
import { createIdentity } from './modules/identity/identity-service';
import { auditLogWriter } from './modules/audit/record-audit';
import { SOURCE_ORDER_JOB, type JobProcessor, type JobQueue } from './ports/job-queue.port';

export { ENGINE_VERSION } from './kernel/version';

/**
 * Starts an engine: database (shared or embedded) and migrations, the event stream, queues, then
 * every module of `ENGINE_MODULES` in order — what each starts on every node, and on worker nodes
 * (`config.workers`) its job processors and background loops. Every host (Electron utility
 * process, web desk, headless node, tests) starts it the same way.
 */
export async function startEngine(config: EngineConfig): Promise<Engine> {
  validateLifecycles();
  const table = handlerTable(ENGINE_MODULES);
  const log = pino({ name: 'atalaya', level: config.logLevel });
  const closers: (() => Promise<unknown>)[] = [];
  const logErr = (msg: string, err?: unknown) => log.warn({ err }, msg);
  // Every pg pool of this engine makes its connections with this class: a connection that dies
  // (terminated, server restart or shutdown) is logged in one line and never ends the process.
  const Client = pgClientWithErrorHandler((msg) => log.warn(msg));
  try {
    let url = config.databaseUrl;
    let embedded: EmbeddedDatabase | undefined;
    if (!url) {
      log.info(`No DATABASE_URL: starting the embedded Postgres in ${config.dataDir}`);
      embedded = await startEmbeddedPostgres(config.dataDir, (m) => log.info(m));
      url = embedded.url;
      closers.unshift(() => embedded!.stop());
    }
    const ds: Db = await openDatabase({ url, poolSize: config.dbPoolSize, log, Client });
    closers.unshift(() => ds.destroy());

    const bus = await OutboxEventBus.start(url, logErr, Client);
    closers.unshift(() => bus.close());

    // Workers need the queue (to enqueue follow-up work) and the queue needs the workers: bind late.
    const late: { queue?: JobQueue } = {};
    const queueRef: JobQueue = {
      get backend() {
        return late.queue!.backend;
      },
      enqueue: (kind, key, o) => late.queue!.enqueue(kind, key, o),
      requeue: (kind, key) => late.queue!.requeue(kind, key),
      enqueueSourcing: (id) => late.queue!.enqueueSourcing(id),
      waiting: () => late.queue!.waiting(),
      close: () => late.queue!.close(),
    };
    const ctx: ModuleContext = { ds, log, queue: queueRef, config, bus };
    const stop = (s: Stoppable) => closers.unshift(async () => s.stop());

    const processors: Record<string, JobProcessor> = {};
    const concurrencyByKind: Record<string, number> = {};
    for (const m of ENGINE_MODULES) {
      Object.assign(concurrencyByKind, m.concurrency ?? {});
      if (config.workers) Object.assign(processors, m.jobs?.(ctx) ?? {});
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
      pgClient: Client,
    });
    late.queue = queue;
    closers.unshift(() => queue.close());
    log.info(
      `Queues on ${queue.backend === 'redis' ? 'Redis' : 'PostgreSQL (no REDIS_URL)'}${config.workers ? ', workers running here' : ''}`,
    );

    // What every node starts, in list order (the demo seed, caches and their subscriptions, the
    // simulator — which enqueues, so after the queue), then the background loops of worker nodes.
    for (const m of ENGINE_MODULES) {
      const started = await m.start?.(ctx);
      if (started) stop(started);
    }
    if (config.workers) for (const m of ENGINE_MODULES) for (const loop of m.loops?.(ctx) ?? []) stop(loop);

    const dispatch = createDispatcher(ctx, table, auditLogWriter(ds));
    ctx.act = (endpoint, input, actor) => dispatch(endpoint, input, actor);
    let closing: Promise<void> | undefined;
    const runtime: EngineRuntime = {
      database: embedded
        ? { embedded: true, url: embedded.url, port: embedded.port, dir: embedded.dir }
        : { embedded: false, server: withoutCredentials(url, 'postgres') },
      queue: { backend: queue.backend, ...(config.redisUrl ? { server: withoutCredentials(config.redisUrl, 'redis') } : {}) },
      dataDir: config.dataDir,
    };
    return {
      config,
      runtime,
      dispatch: (endpoint, input, actor) => dispatch(endpoint, input, actor),
      onEvent: (listener: (e: EngineEvent, at: string) => void) => bus.subscribe(listener),
      eventsAfter: (after, limit) => bus.replay(after, limit),
      intake: {
        ...createChannelIntake(ctx),
        createRestOrder: (inboxId, input, actor) =>
          dispatch('orders.create', input, actor, { settleInbox: { id: inboxId, actor: 'REST API' } }),
      },
      carriers: createCarrierIntake(ctx),
      receipts: createDeliveryReceipts(ctx),
      returnLabels: createReturnLabelDownloads(ctx),
      identity: createIdentity(ctx),
      feeds: {
        snapshotCsv(input, actor) {
          if (!mayCall(actor.role, 'inventory.snapshot')) {
            throw new AppError(
              'FORBIDDEN',
              `Role "${actor.role}" may not send inventory snapshots; allowed: ${rolesFor('inventory.snapshot').join(', ')}`,
            );
          }
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

/** `user@host:port/database` (Postgres) or `host:port` (Redis): what a URL points at, never its password. */
function withoutCredentials(raw: string, kind: 'postgres' | 'redis'): string {
  try {
    const u = new URL(raw);
    const at = kind === 'postgres' && u.username ? `${decodeURIComponent(u.username)}@` : '';
    const port = u.port || (kind === 'postgres' ? '5432' : '6379');
    return `${at}${u.hostname}:${port}${kind === 'postgres' ? u.pathname : ''}`;
  } catch {
    return '(unparsable URL)';
  }
}

async function runClosers(closers: (() => Promise<unknown>)[], log: (m: string, e?: unknown) => void): Promise<void> {
  for (const c of closers) await c().catch((e) => log('error while closing', e));
}
