import { mayCall } from '../../../../shared';
import { useT } from '../../i18n/locale.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { UserMenu } from '../session/user-menu';
import { PaletteButton } from '../palette/palette-button';
import { HealthIndicator } from './health-indicator';
import { LanguageSwitch } from './language-switch';
import { SimulatorControl } from './simulator-control';
import { useSystemStore } from './system.store';

/** The dark top bar: product, engine health, the demo simulator (admins, demo on), language, and who is signed in. */
export function HeaderBar() {
  const { t } = useT();
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
      <PaletteButton />
      <LanguageSwitch />
      <UserMenu />
    </header>
  );
}
