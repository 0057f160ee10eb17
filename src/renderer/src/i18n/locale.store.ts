import { create } from 'zustand';
import { isLocale, localeFor, translate, type Locale, type MessageKey, type Params } from './i18n';

const STORAGE_KEY = 'atalaya.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage may be unavailable (privacy mode); the system language decides.
  }
  return localeFor(globalThis.navigator?.language);
}

interface LocaleState {
  locale: Locale;
  localeChanged(locale: Locale): void;
}

export const useLocaleStore = create<LocaleState>()((set) => ({
  locale: initialLocale(),
  localeChanged(locale) {
    set({ locale });
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      // Not remembering the choice is harmless.
    }
  },
}));

export type Translate = (key: MessageKey, params?: Params) => string;

/** The current locale and a translator bound to it; re-renders when the locale changes. */
export function useT(): { t: Translate; locale: Locale } {
  const locale = useLocaleStore((s) => s.locale);
  return { locale, t: (key, params) => translate(locale, key, params) };
}
