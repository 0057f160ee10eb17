import { useT } from '../i18n/locale.store';
import { useNavStore } from './nav.store';
import { useDeskViews } from './use-desk-views';

/** The bar of tabs under the header that switches between desk views: those the signed-in role may open. */
export function ViewTabs() {
  const { t } = useT();
  const { visible, active } = useDeskViews();
  const opened = useNavStore((s) => s.opened);
  return (
    <nav className="view-tabs" aria-label={t('nav.label')}>
      {visible.map((v) => (
        <button
          key={v.id}
          type="button"
          className={v === active ? 'view-tab on' : 'view-tab'}
          aria-current={v === active ? 'page' : undefined}
          data-testid={`nav-${v.id}`}
          onClick={() => opened(v.id)}
        >
          {t(v.label)}
        </button>
      ))}
    </nav>
  );
}
