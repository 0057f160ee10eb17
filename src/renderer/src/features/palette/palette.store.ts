import { create } from 'zustand';

/** Which of the desk's keyboard layers is open: the command palette, the shortcut help, or neither. */
export type KeyLayer = 'palette' | 'help' | null;

interface PaletteState {
  open: KeyLayer;
  /** Where focus was when the layer opened: it goes back there when the layer closes without running anything. */
  returnTo: HTMLElement | null;
  opened(layer: Exclude<KeyLayer, null>, from: Element | null): void;
  /** Closes the layer; focus goes back where it was unless `restore` is false (a command took it elsewhere). */
  closed(restore?: boolean): void;
}

export const usePaletteStore = create<PaletteState>()((set, get) => ({
  open: null,
  returnTo: null,
  opened(layer, from) {
    // Switching from one layer to the other keeps the first place focus came from.
    const returnTo = get().open ? get().returnTo : from instanceof HTMLElement ? from : null;
    set({ open: layer, returnTo });
  },
  closed(restore = true) {
    const { returnTo } = get();
    set({ open: null, returnTo: null });
    if (restore && returnTo?.isConnected) returnTo.focus({ preventScroll: true });
  },
}));
