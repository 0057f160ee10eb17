import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createBullmqJobQueue, STALLED_JOB_RECOVERY } from '../../src/engine/adapters/queue/bullmq-job-queue';
import type { JobQueue } from '../../src/engine/ports/job-queue.port';
import { testQueuePrefix } from '../support/queue-keys';
import { createTestDatabase, eventually, queueBackends, type TestDatabase } from '../support/test-database';

const KIND = 'dead-node-job';
const WORKER = fileURLToPath(new URL('../support/dying-worker.ts', import.meta.url));

/**
 * A worker node killed with -9 mid-job: the job it held runs again on another node. How soon is a
 * matter of configuration (asserted below), not of this machine's speed — the bound here is generous.
 */
describe('jobs of a dead node', () => {
  it('come back within 10 s: lock, renewal and stalled-check settings', () => {
    const { lockDuration, stalledInterval, maxStalledCount } = STALLED_JOB_RECOVERY;
    // Taken back on the second check after the lock lapsed; one check per interval across all nodes.
    expect(lockDuration + 2 * stalledInterval).toBeLessThanOrEqual(10_000);
    // The lock is renewed every half of it: a long job keeps it, a dead node's lapses.
    expect(lockDuration).toBeGreaterThanOrEqual(2 * stalledInterval);
    expect(maxStalledCount).toBeGreaterThanOrEqual(1);
  });

  describe.each(queueBackends('dead node'))('queues on $name', ({ redisUrl }) => {
    let db: TestDatabase | undefined;
    const open: JobQueue[] = [];
    let child: ChildProcess | undefined;
    afterEach(() => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    afterAll(async () => {
      for (const q of open) await q.close();
      await db?.drop();
    });

    it('a job held by a worker killed with -9 runs on another worker', async () => {
      db = await createTestDatabase();
      const prefix = testQueuePrefix('dead');
      const queueOn = async (processors?: Record<string, (key: string) => Promise<void>>) => {
        const q = await createBullmqJobQueue({ redisUrl, databaseUrl: db!.url, prefix, kinds: [KIND], processors, log: () => undefined });
        open.push(q);
        return q;
      };

      child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
        env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: redisUrl ?? '', DYING_WORKER_PREFIX: prefix, DYING_WORKER_KIND: KIND },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout!.on('data', (d) => (out += String(d)));
      await eventually(async () => (out.includes('ready') ? true : undefined), 'the worker node to start', 60_000);

      const intake = await queueOn();
      await intake.enqueue(KIND, 'order-1');
      await eventually(async () => (out.includes('started order-1') ? true : undefined), 'the worker node to take the job', 60_000);
      child.kill('SIGKILL');
      await once(child, 'exit');

      const ran: string[] = [];
      await queueOn({ [KIND]: async (key) => void ran.push(key) });
      await eventually(async () => (ran.includes('order-1') ? true : undefined), 'another worker to run the dead node’s job', 60_000);
      expect(ran).toEqual(['order-1']);
    });
  });
});
