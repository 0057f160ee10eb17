import type { ReactNode } from 'react';
import { useT } from '../../i18n/locale.store';
import { LanguageSwitch } from '../header/language-switch';
import './session.css';

/** The frame of the screens before the desk: the product's mark, a title, the language switch, the form. */
export function SessionCard({
  title,
  subtitle,
  testId,
  children,
}: {
  title: string;
  subtitle?: string;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <main className="session-screen" data-testid={testId}>
      <section className="session-card" aria-labelledby={`${testId}-title`}>
        <header className="session-brand">
          <svg className="logo" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 2 7 9h2v13h6V9h2z" fill="currentColor" />
          </svg>
          <span className="brand-name">{t('app.name')}</span>
          <span className="muted">{t('app.tagline')}</span>
          <span className="session-lang">
            <LanguageSwitch tone="light" />
          </span>
        </header>
        <h1 id={`${testId}-title`}>{title}</h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
        {children}
      </section>
    </main>
  );
}
