import { Queue, Worker, createPostgresBackend } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobQueue } from '../../ports/job-queue.port';

export const SOURCING_QUEUE = 'sourcing';

interface MinimalQueue {
  add(name: string, data: unknown, opts: { jobId: string }): Promise<unknown>;
  getWaitingCount(): Promise<number>;
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
  /** Run a worker in this process with this processor. */
  processSourcing?: (orderId: string) => Promise<void>;
  concurrency?: number;
  log: (msg: string, err?: unknown) => void;
}

/**
 * BullMQ queues behind the JobQueue port. Redis is the production choice (~15× the throughput);
 * the Postgres backend lets a single desk run with no Redis at all.
 */
export async function createBullmqJobQueue(opts: QueueOptions): Promise<JobQueue> {
  const jobOpts = { attempts: 5, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: true, removeOnFail: 1000 };
  // The two backends give different generic types; the engine needs only these few methods.
  let queue: MinimalQueue;
  let worker: MinimalWorker | undefined;
  let redis: Redis | undefined;
  const processor = opts.processSourcing
    ? async (job: { data: { orderId: string } }) => {
        await opts.processSourcing!(job.data.orderId);
      }
    : null;
  const workerOpts = { concurrency: opts.concurrency ?? 8, prefix: opts.prefix };

  if (opts.redisUrl) {
    redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
    await redis.connect();
    await warnOnEvictingRedis(redis, opts.log);
    queue = new Queue(SOURCING_QUEUE, { connection: redis, prefix: opts.prefix, defaultJobOptions: jobOpts });
    if (processor) worker = new Worker(SOURCING_QUEUE, processor, { ...workerOpts, connection: redis });
  } else {
    const connection = { connectionString: opts.databaseUrl, schema: `bullmq_${opts.prefix.replace(/-/g, '_')}`, migrate: true, max: 6 };
    queue = new Queue(SOURCING_QUEUE, { connection, defaultJobOptions: jobOpts }, createPostgresBackend);
    if (processor) worker = new Worker(SOURCING_QUEUE, processor, { concurrency: workerOpts.concurrency, connection }, createPostgresBackend);
  }
  worker?.on('failed', (job, err) => opts.log(`sourcing job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'})`, err));
  worker?.on('error', (err) => opts.log('sourcing worker error', err));
  await queue.waitUntilReady();
  if (worker) await worker.waitUntilReady();

  let closing: Promise<void> | undefined;
  return {
    backend: opts.redisUrl ? 'redis' : 'postgres',
    async enqueueSourcing(orderId) {
      // jobId de-duplicates: a re-enqueue of an order already waiting is a no-op.
      await queue.add('source-order', { orderId }, { jobId: `source-${orderId}` });
    },
    async waiting() {
      return queue.getWaitingCount();
    },
    close() {
      closing ??= (async () => {
        await worker?.close(); // waits for in-flight jobs: a graceful drain
        await queue.close();
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
      log(`WARNING: Redis maxmemory-policy is "${policy}"; BullMQ needs "noeviction" or queued jobs can be silently lost. Set it with: CONFIG SET maxmemory-policy noeviction`);
    }
  } catch {
    log('WARNING: could not read Redis maxmemory-policy (CONFIG disabled?); make sure it is "noeviction"');
  }
}
