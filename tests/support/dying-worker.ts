/**
 * A worker node in a child process, for tests that kill it mid-job: it works the queue named by
 * DYING_WORKER_KIND, says `ready` once its worker runs and `started <key>` when a job starts, and
 * never finishes a job. Run with `node --import tsx` (one process, so kill -9 kills the worker).
 */
import { createBullmqJobQueue } from '../../src/engine/adapters/queue/bullmq-job-queue';

const { DATABASE_URL, REDIS_URL, DYING_WORKER_PREFIX, DYING_WORKER_KIND } = process.env;
if (!DATABASE_URL || !DYING_WORKER_PREFIX || !DYING_WORKER_KIND)
  throw new Error('DATABASE_URL, DYING_WORKER_PREFIX and DYING_WORKER_KIND are needed');

await createBullmqJobQueue({
  redisUrl: REDIS_URL || undefined,
  databaseUrl: DATABASE_URL,
  prefix: DYING_WORKER_PREFIX,
  kinds: [DYING_WORKER_KIND],
  log: (msg) => process.stderr.write(`${msg}\n`),
  processors: {
    [DYING_WORKER_KIND]: async (key) => {
      process.stdout.write(`started ${key}\n`);
      await new Promise(() => undefined);
    },
  },
});
process.stdout.write('ready\n');
