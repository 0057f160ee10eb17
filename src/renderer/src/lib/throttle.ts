/**
 * Calls `fn` at most once per `ms`, always including a trailing call so the last burst is not
 * lost (a flood of live events turns into a few refetches).
 */
export function throttle(
  fn: () => void,
  ms: number,
  now: () => number = Date.now,
  schedule: (f: () => void, ms: number) => unknown = setTimeout,
): () => void {
  let last = -Infinity;
  let pending = false;
  const run = () => {
    pending = false;
    last = now();
    fn();
  };
  return () => {
    if (pending) return;
    const wait = last + ms - now();
    if (wait <= 0) run();
    else {
      pending = true;
      schedule(run, wait);
    }
  };
}
