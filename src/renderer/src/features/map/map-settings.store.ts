import { create } from 'zustand';

const STORAGE_KEY = 'atalaya.map.onlineTiles';

interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface MapSettingsState {
  /** Online tiles over the offline base map: off unless this desk turned them on (it must work offline). */
  onlineTiles: boolean;
  onlineTilesToggled(on: boolean): void;
}

/** This desk's map settings, remembered in its local storage (absent storage: defaults, not remembered). */
export function createMapSettingsStore(storage: () => Storage | undefined = () => globalThis.localStorage) {
  const read = () => {
    try {
      return storage()?.getItem(STORAGE_KEY) === '1';
    } catch {
      return false;
    }
  };
  return create<MapSettingsState>()((set) => ({
    onlineTiles: read(),
    onlineTilesToggled(on) {
      set({ onlineTiles: on });
      try {
        storage()?.setItem(STORAGE_KEY, on ? '1' : '0');
      } catch {
        // Not remembering the choice is harmless.
      }
    },
  }));
}

export const useMapSettings = createMapSettingsStore();
