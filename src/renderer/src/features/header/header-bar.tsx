import { useLocaleStore, useT } from '../../i18n/locale.store';
import { HealthIndicator } from './health-indicator';
import { SimulatorControl } from './simulator-control';
import { useSystemStore } from './system.store';

/** The dark top bar: product, engine health, the demo simulator, language and user. */
export function HeaderBar() {
  const { t, locale } = useT();
  const toggle = useLocaleStore((s) => s.localeToggled);
  const user = useSystemStore((s) => s.settings?.user);
  return (
    <header className="topbar">
      <div className="brand">
        <svg className="logo" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2 7 9h2v13h6V9h2z" fill="currentColor" />
          <circle cx="12" cy="6.5" r="1.6" fill="#0b1220" />
        </svg>
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <HealthIndicator />
      <div className="topbar-spacer" />
      <SimulatorControl />
      <button
        type="button"
        className="lang-toggle"
        onClick={toggle}
        data-testid="lang-toggle"
        data-locale={locale}
        title={t('header.lang.switch')}
        aria-label={t('header.lang.switch')}
      >
        <span className={locale === 'es' ? 'on' : ''}>ES</span>
        <span className={locale === 'en' ? 'on' : ''}>EN</span>
      </button>
      <div className="user" data-testid="current-user" title={user ? t('header.user', { name: user.name, role: user.role }) : ''}>
        <span className="avatar">{user ? user.name.slice(0, 1).toUpperCase() : '·'}</span>
        <span className="user-name">{user?.name ?? '…'}</span>
        <span className="user-role">{user?.role ?? ''}</span>
      </div>
    </header>
  );
}
