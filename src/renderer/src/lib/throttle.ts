/**
 * Calls `fn` at most once per `ms`, always including a trailing call so the last burst is not
 * lost (a flood of live events turns into a few refetches). The first call of a quiet spell runs at
 * once, so a single change shows without waiting.
 *
 * When `fn` returns a promise (a refetch), the next call waits for it to settle too: one refetch in
 * flight at a time, and a burst during it is one more refetch after it — never a pile of overlapping
 * requests when the engine answers slower than `ms`.
 */
export function throttle(
  fn: () => unknown,
  ms: number,
  now: () => number = Date.now,
  schedule: (f: () => void, ms: number) => unknown = setTimeout,
): () => void {
  let last = -Infinity;
  let pending = false;
  let running = false;
  const run = () => {
    pending = false;
    last = now();
    const result = fn();
    if (!(result instanceof Promise)) return;
    running = true;
    const settled = () => {
      running = false;
      if (pending) {
        pending = false;
        call();
      }
    };
    result.then(settled, settled);
  };
  const call = () => {
    if (pending) return;
    if (running) {
      pending = true; // run once more when the one in flight settles
      return;
    }
    const wait = last + ms - now();
    if (wait <= 0) run();
    else {
      pending = true;
      schedule(run, wait);
    }
  };
  return call;
}
