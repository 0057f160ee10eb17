import { mayCall } from '../../../../shared';
import { useLocaleStore, useT } from '../../i18n/locale.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { UserMenu } from '../session/user-menu';
import { HealthIndicator } from './health-indicator';
import { SimulatorControl } from './simulator-control';
import { useSystemStore } from './system.store';

/** The dark top bar: product, engine health, the demo simulator (admins, demo on), language, and who is signed in. */
export function HeaderBar() {
  const { t, locale } = useT();
  const toggle = useLocaleStore((s) => s.localeToggled);
  const role = useSessionStore(selectRole);
  const settingsLoaded = useSystemStore((s) => s.settings !== null);
  // The simulator only where the demo retailer runs (the engine refuses it otherwise too).
  const demoOn = useSystemStore((s) => s.settings?.demo === true);
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
      {settingsLoaded && demoOn && mayCall(role, 'demo.simulate') ? <SimulatorControl /> : null}
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
      <UserMenu />
    </header>
  );
}
