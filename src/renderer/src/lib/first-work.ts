import { create } from 'zustand';

/**
 * The desk's first work on screen comes first: on a big network the queue's first page, the map's
 * 5,000 locations and the KPI figures asked at once share two cores with the engine, and the map's
 * markers hold the main thread while the queue's answer waits. Loads that can wait (the map, its
 * locations, the KPI strip) start once the first work is shown — the queue's first page, or at once
 * for a role with no queue — and at the latest after {@link FIRST_WORK_PATIENCE_MS}.
 */
export const FIRST_WORK_PATIENCE_MS = 3_000;

export const useFirstWork = create<{ shown: boolean }>()(() => ({ shown: false }));

const show = () => {
  if (!useFirstWork.getState().shown) useFirstWork.setState({ shown: true });
};

/**
 * The first work is in its store (or failed to load: nothing is held back behind an error): shown
 * once the browser has painted it — the next frame, then a task — so what waited starts after.
 */
export function firstWorkShown(): void {
  if (useFirstWork.getState().shown) return;
  if (typeof requestAnimationFrame !== 'function') return show();
  requestAnimationFrame(() => setTimeout(show, 0));
}

/** Runs `f` once the first work is shown; returns the cancel. */
export function afterFirstWork(f: () => void): () => void {
  if (useFirstWork.getState().shown) {
    f();
    return () => {};
  }
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    off();
    clearTimeout(timer);
    f();
  };
  const off = useFirstWork.subscribe((s) => {
    if (s.shown) run();
  });
  const timer = setTimeout(() => {
    show();
    run();
  }, FIRST_WORK_PATIENCE_MS);
  return () => {
    done = true;
    off();
    clearTimeout(timer);
  };
}
