import { useT } from '../i18n/locale.store';
import { useNavStore } from './nav.store';
import { VIEWS } from './views';

/** The tabs that switch between desk views; hidden while there is only one view. */
export function ViewTabs() {
  const { t } = useT();
  const view = useNavStore((s) => s.view);
  const opened = useNavStore((s) => s.opened);
  if (VIEWS.length < 2) return null;
  return (
    <nav className="view-tabs" aria-label={t('nav.label')}>
      {VIEWS.map((v) => (
        <button key={v.id} type="button" className={v.id === view ? 'view-tab on' : 'view-tab'} aria-current={v.id === view ? 'page' : undefined} data-testid={`nav-${v.id}`} onClick={() => opened(v.id)}>
          {t(v.label)}
        </button>
      ))}
    </nav>
  );
}
