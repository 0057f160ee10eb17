import { create } from 'zustand';

/** Which desk view is on screen. Views are listed in `views.tsx`; the tower (map + queue) is the home view. */
export const useNavStore = create<{ view: string; opened(view: string): void }>((set) => ({
  view: 'tower',
  opened: (view) => set({ view }),
}));
