import type { Logger } from '../ports/logger.port';

/**
 * A background loop on worker nodes: `pass` every `everyMs`, never two passes at once (a slow pass
 * makes the next tick a no-op), a failed pass logged as "<what> pass failed" and the loop going on.
 * The timer does not keep the process alive.
 */
export function startPeriodic(log: Logger, what: string, everyMs: number, pass: () => Promise<void>): { stop(): void } {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await pass();
    } catch (err) {
      log.warn({ err }, `${what} pass failed`);
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
