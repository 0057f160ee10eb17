import type { Logger } from '../ports/logger.port';

/**
 * A background loop on worker nodes: `pass` every `everyMs`, never two passes at once (a slow pass
 * makes the next tick a no-op), a failed pass logged as "<what> pass failed" and the loop going on.
 * The timer does not keep the process alive. `stop` ends the loop and waits for a pass under way,
 * so the engine closes its database only after it.
 */
export function startPeriodic(log: Logger, what: string, everyMs: number, pass: () => Promise<void>): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = pass()
      .catch((err: unknown) => log.warn({ err }, `${what} pass failed`))
      .finally(() => (running = undefined));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
