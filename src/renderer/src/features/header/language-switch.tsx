import { LOCALES, type Locale } from '../../i18n/i18n';
import { useLocaleStore, useT } from '../../i18n/locale.store';
import './language-switch.css';

/** Each language named in itself, as language pickers do: a reader finds their own whatever the desk shows. */
const NAMES: Record<Locale, { short: string; name: string }> = {
  es: { short: 'ES', name: 'Español' },
  en: { short: 'EN', name: 'English' },
  'pt-BR': { short: 'PT', name: 'Português (Brasil)' },
};

/**
 * The desk's language: one button per language, the current one pressed. The button that goes
 * between Spanish and English (English from Spanish, Spanish from the others) keeps the test id the
 * two-language toggle had, so what clicked "the other language" still does.
 */
export function LanguageSwitch({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  const { t, locale } = useT();
  const change = useLocaleStore((s) => s.localeChanged);
  const toggleTarget: Locale = locale === 'es' ? 'en' : 'es';
  return (
    <div className={`lang-switch ${tone}`} role="group" aria-label={t('header.lang.switch')} data-testid="lang-switch" data-locale={locale}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={l === locale ? 'on' : ''}
          aria-pressed={l === locale}
          title={NAMES[l].name}
          aria-label={NAMES[l].name}
          data-lang={l}
          data-testid={l === toggleTarget ? 'lang-toggle' : `lang-${l}`}
          onClick={() => change(l)}
        >
          {NAMES[l].short}
        </button>
      ))}
    </div>
  );
}
