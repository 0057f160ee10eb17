import { useT } from '../i18n/locale.store';
import { useNavStore } from './nav.store';
import { VIEWS } from './views';

/** The bar of tabs under the header that switches between desk views. */
export function ViewTabs() {
  const { t } = useT();
  const view = useNavStore((s) => s.view);
  const opened = useNavStore((s) => s.opened);
  return (
    <nav className="view-tabs" aria-label={t('nav.label')}>
      {VIEWS.map((v) => (
        <button
          key={v.id}
          type="button"
          className={v.id === view ? 'view-tab on' : 'view-tab'}
          aria-current={v.id === view ? 'page' : undefined}
          data-testid={`nav-${v.id}`}
          onClick={() => opened(v.id)}
        >
          {t(v.label)}
        </button>
      ))}
    </nav>
  );
}
