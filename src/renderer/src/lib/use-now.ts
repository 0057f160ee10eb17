import { useSyncExternalStore } from 'react';

interface Clock {
  subscribe(notify: () => void): () => void;
  get(): number;
}

/** One shared clock per interval, so a page of relative times re-renders together, not row by row. */
const clocks = new Map<number, Clock>();

function createClock(ms: number): Clock {
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;
  const listeners = new Set<() => void>();
  return {
    subscribe(notify) {
      listeners.add(notify);
      if (!timer) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          listeners.forEach((l) => l());
        }, ms);
      }
      return () => {
        listeners.delete(notify);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    get: () => now,
  };
}

function clockFor(ms: number): Clock {
  let c = clocks.get(ms);
  if (!c) clocks.set(ms, (c = createClock(ms)));
  return c;
}

/** The current time, refreshed every `ms` while any component uses it. */
export function useNow(ms = 15_000): number {
  const c = clockFor(ms);
  return useSyncExternalStore(c.subscribe, c.get);
}
