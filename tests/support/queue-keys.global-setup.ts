import { randomBytes } from 'node:crypto';
import { QUEUE_RUN_ENV, queueKeysLeft } from './queue-keys';

/**
 * Gives the run its mark (every test queue prefix carries it) and, at the end, fails the run if
 * the tests left any BullMQ key of this run in Redis, naming the prefixes — each test file removes
 * its own keys (queue-keys.setup.ts), so a key left means a queue still open or created outside
 * `testQueuePrefix`.
 */
export default function setup(): () => Promise<void> {
  process.env[QUEUE_RUN_ENV] ??= randomBytes(3).toString('hex');
  return async () => {
    const url = process.env.REDIS_URL;
    if (!url) return;
    const left = await queueKeysLeft(url, process.env[QUEUE_RUN_ENV]);
    if (left.size) {
      const list = [...left].map(([prefix, n]) => `${prefix} (${n} key${n > 1 ? 's' : ''})`).join(', ');
      // A teardown that throws is only logged by vitest ("error during close"), so the exit code says it.
      console.error(
        `\nFAILED: the tests left BullMQ keys in Redis under these queue prefixes: ${list}. Close the queues and use testQueuePrefix.\n`,
      );
      process.exitCode = 1;
    }
  };
}
