import { Queue, Worker, createPostgresBackend } from 'bullmq';
import { Redis } from 'ioredis';
import { connectionLossReported, describePgError, type PgClientClass } from '../../db/pg-client';
import { withinDeadline } from './deadline';
import { SOURCE_ORDER_JOB, type JobProcessor, type JobQueue, type RequeueOutcome } from '../../ports/job-queue.port';

interface MinimalQueue {
  add(name: string, data: unknown, opts: { jobId: string; delay?: number }): Promise<unknown>;
  on(event: 'error', cb: (err: Error) => void): unknown;
  getWaitingCount(): Promise<number>;
  getJobState(jobId: string): Promise<string>;
  remove(jobId: string): Promise<number>;
  waitUntilReady(): Promise<unknown>;
  close(): Promise<void>;
}
interface MinimalWorker {
  on(event: 'failed', cb: (job: { id?: string; attemptsMade: number } | undefined, err: Error) => void): unknown;
  on(event: 'error', cb: (err: Error) => void): unknown;
  waitUntilReady(): Promise<unknown>;
  close(): Promise<void>;
}

export interface QueueOptions {
  /** Redis for production; when absent, BullMQ's PostgreSQL backend on the engine's database. */
  redisUrl?: string;
  databaseUrl: string;
  prefix: string;
  /** Job kinds this engine enqueues; a queue is opened for each (more open lazily on first use). */
  kinds: readonly string[];
  /** Run workers in this process for these kinds. */
  processors?: Readonly<Record<string, JobProcessor>>;
  /** Jobs run at once per kind and process; a kind may set its own. */
  concurrency?: number;
  concurrencyByKind?: Readonly<Record<string, number>>;
  log: (msg: string, err?: unknown) => void;
  /** The pg client class for the Postgres backend's pools: one that always handles 'error' (db/pg-client.ts). */
  pgClient?: PgClientClass;
}

/**
 * When a node dies mid-job (kill -9, power loss), its jobs run again on another node. A running
 * job holds a lock for `lockDuration`, renewed by its worker every half of it for as long as the
 * job runs — so a job that legitimately runs long (a big import) keeps its lock; only a dead node
 * (or an event loop blocked for the whole duration) lets it lapse. Every `stalledInterval` one
 * worker, whichever comes first across the nodes, marks the running jobs and takes back those
 * marked on the previous check whose lock has lapsed. So a dead node's jobs are back in the queue
 * within lockDuration + 2 × stalledInterval = 9 s (BullMQ's defaults, 30 s and 30 s, gave up to
 * 90 s). A job taken back more than `maxStalledCount` times fails, and the sweepers retry it.
 * Every job kind is idempotent (a job run twice is harmless; see the JobQueue port).
 */
export const STALLED_JOB_RECOVERY = { lockDuration: 5_000, stalledInterval: 2_000, maxStalledCount: 2 } as const;

/**
 * BullMQ queues behind the JobQueue port, one BullMQ queue per job kind. Redis is the production
 * choice (~15× the throughput); the Postgres backend lets a single desk run with no Redis at all.
 */
export async function createBullmqJobQueue(opts: QueueOptions): Promise<JobQueue> {
  const jobOpts = { attempts: 5, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: true, removeOnFail: 1000 };
  let redis: Redis | undefined;
  // Every BullMQ queue and worker on the Postgres backend owns a pool (plus a LISTEN client for a
  // worker): keep them small, or a few job kinds take a default server's 100 connections.
  const pgConnection = {
    connectionString: opts.databaseUrl,
    schema: `bullmq_${opts.prefix.replace(/-/g, '_')}`,
    migrate: true,
    max: 2,
    ...(opts.pgClient ? { Client: opts.pgClient } : {}),
  };
  const pgWorkerConnection = { ...pgConnection, max: 4 };
  if (opts.redisUrl) {
    redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
    await redis.connect();
    await warnOnEvictingRedis(redis, opts.log);
  }
  // The two backends give different generic types; the engine needs only these few methods.
  const openQueue = (kind: string): MinimalQueue =>
    redis
      ? new Queue(kind, { connection: redis, prefix: opts.prefix, defaultJobOptions: jobOpts })
      : new Queue(kind, { connection: pgConnection, defaultJobOptions: jobOpts }, createPostgresBackend);
  const openWorker = (kind: string, run: JobProcessor): MinimalWorker => {
    const processor = async (job: { data: { key: string } }) => run(job.data.key);
    const concurrency = opts.concurrencyByKind?.[kind] ?? opts.concurrency ?? 8;
    return redis
      ? new Worker(kind, processor, { concurrency, prefix: opts.prefix, connection: redis, ...STALLED_JOB_RECOVERY })
      : new Worker(kind, processor, { concurrency, connection: pgWorkerConnection, ...STALLED_JOB_RECOVERY }, createPostgresBackend);
  };

  const queues = new Map<string, MinimalQueue>();
  // A lost connection was logged once by its client (db/pg-client.ts). A database or Redis error
  // (it has a code) in one line, without the client object pg attaches to it; anything else with its stack.
  const onError = (what: string) => (err: Error) => {
    if (connectionLossReported(err)) return;
    if (typeof (err as { code?: unknown }).code === 'string') opts.log(`${what}: ${describePgError(err)}`);
    else opts.log(what, err);
  };
  const queueFor = (kind: string) => {
    let q = queues.get(kind);
    if (!q) {
      queues.set(kind, (q = openQueue(kind)));
      // Without a listener BullMQ prints every queue error with its stack.
      q.on('error', onError(`${kind} queue error`));
    }
    return q;
  };
  const kinds = [...new Set([...opts.kinds, ...Object.keys(opts.processors ?? {})])];
  for (const k of kinds) queueFor(k);
  const workers = Object.entries(opts.processors ?? {}).map(([kind, run]) => {
    const w = openWorker(kind, run);
    w.on('failed', (job, err) => opts.log(`${kind} job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'})`, err));
    w.on('error', onError(`${kind} worker error`));
    return w;
  });
  await Promise.all([...queues.values()].map((q) => q.waitUntilReady()));
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  let closing: Promise<void> | undefined;
  const enqueue: JobQueue['enqueue'] = async (kind, key, o) => {
    // jobId de-duplicates: a re-enqueue of a job still waiting is a no-op. While Redis is away the
    // add waits for it (ioredis sends it on reconnect): the caller hears QueueUnavailableError first.
    await withinDeadline(
      queueFor(kind).add(kind, { key }, { jobId: `${kind}-${key}`, ...(o?.delayMs ? { delay: o.delayMs } : {}) }),
      `adding a ${kind} job`,
    );
  };
  const requeue = async (kind: string, key: string): Promise<RequeueOutcome> => {
    const q = queueFor(kind);
    const jobId = `${kind}-${key}`;
    const state = await q.getJobState(jobId);
    // BullMQ keeps a failed job (removeOnFail keeps the last 1000) and an add with its id is a
    // no-op: the job that used up its attempts goes, and a new one with fresh attempts comes.
    if (state === 'failed' || state === 'completed') {
      await q.remove(jobId);
      await enqueue(kind, key);
      return 'retried';
    }
    if (state !== 'unknown') return 'live';
    await enqueue(kind, key);
    return 'queued';
  };
  return {
    backend: opts.redisUrl ? 'redis' : 'postgres',
    enqueue,
    requeue,
    enqueueSourcing: (orderId) => enqueue(SOURCE_ORDER_JOB, orderId),
    async waiting() {
      const counts = await withinDeadline(Promise.all([...queues.values()].map((q) => q.getWaitingCount())), 'the count of waiting jobs');
      return counts.reduce((a, b) => a + b, 0);
    },
    close() {
      closing ??= (async () => {
        await Promise.all(workers.map((w) => w.close())); // waits for in-flight jobs: a graceful drain
        await Promise.all([...queues.values()].map((q) => q.close()));
        await redis?.quit().catch(() => undefined);
      })();
      return closing;
    },
  };
}

/** BullMQ needs Redis to never evict keys; say so loudly at start instead of losing jobs later. */
async function warnOnEvictingRedis(redis: Redis, log: (msg: string) => void): Promise<void> {
  try {
    const res = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = res[1];
    if (policy && policy !== 'noeviction') {
      log(
        `WARNING: Redis maxmemory-policy is "${policy}"; BullMQ needs "noeviction" or queued jobs can be silently lost. Set it with: CONFIG SET maxmemory-policy noeviction`,
      );
    }
  } catch {
    log('WARNING: could not read Redis maxmemory-policy (CONFIG disabled?); make sure it is "noeviction"');
  }
}
