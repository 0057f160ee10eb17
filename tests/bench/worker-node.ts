import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** A headless engine node in its own process, with the workers on: the production topology beside intake nodes. */
export interface WorkerNode {
  /** SIGSTOP / SIGCONT: a bench may hold the workers while it loads the intake, then release them. */
  hold(): void;
  release(): void;
  stop(): Promise<void>;
}

/**
 * Starts `src/server/headless.ts` on this database and queue namespace and waits until it listens.
 * Spawned as node itself (not the tsx wrapper), so signals reach the engine. BENCH_PROF=<dir>: the
 * node writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
 */
export async function startWorkerNode(databaseUrl: string, redisUrl: string | undefined, prefix: string): Promise<WorkerNode> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []),
      '--import',
      'tsx',
      'src/server/headless.ts',
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl ?? '',
        PORT: '0',
        ATALAYA_DEMO: 'empty',
        ATALAYA_QUEUE_PREFIX: prefix,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  const until = Date.now() + 90_000;
  while (!out.includes('headless')) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`worker node did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    hold: () => child.kill('SIGSTOP'),
    release: () => child.kill('SIGCONT'),
    async stop() {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
