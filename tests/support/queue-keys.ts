import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * Queue prefixes of the tests, and the BullMQ keys they leave in Redis. Every prefix a test uses
 * comes from {@link testQueuePrefix}: it carries this run's mark (set once by the global setup,
 * `queue-keys.global-setup.ts`, so every test worker shares it), and is remembered so that the
 * file's keys are removed when the file ends (`queue-keys.setup.ts`). The global teardown then
 * fails the run, naming the prefixes, if any key of the run is still there.
 */
export const QUEUE_RUN_ENV = 'ATALAYA_TEST_QUEUE_RUN';

/** This run's mark; outside vitest (a bench) a fresh one per process. */
function runMark(): string {
  return (process.env[QUEUE_RUN_ENV] ??= randomBytes(3).toString('hex'));
}

const used = new Set<string>();

/** A fresh queue prefix (`<tag>_<run>_<random>`), removed from Redis when the test file ends. */
export function testQueuePrefix(tag = 't'): string {
  const prefix = `${tag}_${runMark()}_${randomBytes(4).toString('hex')}`;
  used.add(prefix);
  return prefix;
}

async function withRedis<T>(url: string, work: (r: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

async function scan(redis: Redis, match: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match, count: 1000 }) as AsyncIterable<string[]>) keys.push(...batch);
  return keys;
}

/** Deletes every key under these prefixes (`<prefix>:*`); returns how many went. */
export async function removeQueueKeys(redisUrl: string, prefixes: Iterable<string>): Promise<number> {
  const list = [...prefixes];
  if (!list.length) return 0;
  return withRedis(redisUrl, async (redis) => {
    let removed = 0;
    for (const p of list) {
      const keys = await scan(redis, `${p}:*`);
      for (let i = 0; i < keys.length; i += 500) removed += await redis.unlink(...keys.slice(i, i + 500));
    }
    return removed;
  });
}

/** Removes the keys of every prefix this test file (or bench) made (no Redis configured: there are none). */
export async function removeTestQueueKeys(redisUrl = process.env.REDIS_URL): Promise<void> {
  if (redisUrl && used.size) await removeQueueKeys(redisUrl, used);
  used.clear();
}

/** Keys of this run still in Redis, counted by prefix. */
export async function queueKeysLeft(redisUrl: string, run = runMark()): Promise<Map<string, number>> {
  return withRedis(redisUrl, async (redis) => {
    const byPrefix = new Map<string, number>();
    for (const key of await scan(redis, `*_${run}_*:*`)) {
      const prefix = key.slice(0, key.indexOf(':'));
      byPrefix.set(prefix, (byPrefix.get(prefix) ?? 0) + 1);
    }
    return byPrefix;
  });
}
