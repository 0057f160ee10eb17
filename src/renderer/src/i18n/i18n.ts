import { en, type MessageKey, type Messages } from './messages.en';
import { es } from './messages.es';
import { ptBR } from './messages.pt-BR';

export const LOCALES = ['es', 'en', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

export const MESSAGES: Record<Locale, Messages> = { en, es, 'pt-BR': ptBR };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export type Params = Record<string, string | number>;

/**
 * The locale a desk starts in: Spanish for any Spanish system language, Brazilian Portuguese for
 * any Portuguese (pt, pt-BR, pt-PT), else English.
 */
export function localeFor(language: string | undefined): Locale {
  const l = language?.toLowerCase() ?? '';
  if (l.startsWith('es')) return 'es';
  if (l.startsWith('pt')) return 'pt-BR';
  return 'en';
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
