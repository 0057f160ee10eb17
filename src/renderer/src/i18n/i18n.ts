import { en, type MessageKey, type Messages } from './messages.en';
import { es } from './messages.es';

export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

export const MESSAGES: Record<Locale, Messages> = { en, es };

export type Params = Record<string, string | number>;

/** The locale a desk starts in: Spanish when the system language is any Spanish, else English. */
export function localeFor(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible so the gap is noticed. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return interpolate(MESSAGES[locale][key], params);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** For open-ended values (channels, event types) that may be newer than the dictionary: falls back to the raw value. */
export function translateOr(locale: Locale, key: string, fallback: string): string {
  return isMessageKey(key) ? MESSAGES[locale][key] : fallback;
}
