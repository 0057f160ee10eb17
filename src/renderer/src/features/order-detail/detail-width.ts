import { create } from 'zustand';

/** The order panel's width beside the queue, in pixels: the planner's choice, kept on this desk. */
export const DETAIL_WIDTH = { min: 340, max: 760, initial: 420, step: 24 } as const;
const KEY = 'atalaya.detailWidth';

export const clampWidth = (w: number) => Math.round(Math.min(DETAIL_WIDTH.max, Math.max(DETAIL_WIDTH.min, w)));

function stored(): number {
  try {
    const n = Number(globalThis.localStorage?.getItem(KEY));
    return Number.isFinite(n) && n > 0 ? clampWidth(n) : DETAIL_WIDTH.initial;
  } catch {
    return DETAIL_WIDTH.initial;
  }
}

export const useDetailWidth = create<{ width: number; resized(width: number): void }>((set) => ({
  width: stored(),
  resized(width) {
    const w = clampWidth(width);
    set({ width: w });
    try {
      globalThis.localStorage?.setItem(KEY, String(w));
    } catch {
      // A desk without storage keeps the width for this session only.
    }
  },
}));
