import { useEffect, useLayoutEffect, useRef } from 'react';
import { create } from 'zustand';
import { isTypingTarget, modalIsOpen, shortcutAllowed, type KeyPress } from './key-guard';

/** The actions of the order detail panel that have a key and a palette command. */
export const DETAIL_ACTIONS = ['advance', 'cancel', 'move', 'print'] as const;
export type DetailAction = (typeof DETAIL_ACTIONS)[number];

/** Each action's key: none of the queue's (J, K, X, N, Enter, Escape) nor the palette's. */
export const DETAIL_KEYS: Record<DetailAction, string> = { advance: 'a', cancel: 'c', move: 'm', print: 'p' };

interface DetailCommandsState {
  /** What the open order's panel offers now: each action's button registers while it is shown (and so only for a role that may). */
  runs: Partial<Record<DetailAction, () => void>>;
  registered(action: DetailAction, run: () => void): () => void;
  /** Runs an action if the panel offers it; false when it does not. */
  ran(action: DetailAction): boolean;
}

/**
 * The detail panel's actions as the keyboard and the palette reach them. The buttons stay the
 * source of truth: a button registers its action while it is on screen and enabled, so a key or a
 * command can never do what the person could not do with the mouse.
 */
export const useDetailCommands = create<DetailCommandsState>()((set, get) => ({
  runs: {},
  registered(action, run) {
    set({ runs: { ...get().runs, [action]: run } });
    return () => {
      if (get().runs[action] !== run) return;
      const runs = { ...get().runs };
      delete runs[action];
      set({ runs });
    };
  },
  ran(action) {
    const run = get().runs[action];
    run?.();
    return !!run;
  },
}));

/** The action a key press in the detail panel asks for, if the guard lets it through. */
export function detailActionFor(e: KeyPress, modalOpen: boolean): DetailAction | null {
  if (!shortcutAllowed(e, modalOpen) || e.key.length !== 1) return null;
  const key = e.key.toLowerCase();
  return DETAIL_ACTIONS.find((a) => DETAIL_KEYS[a] === key) ?? null;
}

/**
 * The detail panel's key handler: runs the action of the key pressed (when the panel offers it) and
 * says whether it did, so the panel stops the key there.
 */
export function onDetailKey(e: KeyPress & { preventDefault(): void }): boolean {
  if (isTypingTarget(e.target)) return false;
  const action = detailActionFor(e, modalIsOpen());
  if (!action || !useDetailCommands.getState().ran(action)) return false;
  e.preventDefault();
  return true;
}

/** Registers a button's action while `run` is given (the button shown and enabled); the latest `run` is the one called. */
export function useDetailCommand(action: DetailAction, run: (() => void) | null): void {
  const latest = useRef(run);
  useLayoutEffect(() => {
    latest.current = run;
  });
  const on = run !== null;
  useEffect(() => {
    if (!on) return;
    return useDetailCommands.getState().registered(action, () => latest.current?.());
  }, [action, on]);
}
