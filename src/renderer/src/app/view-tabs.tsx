import { mayCall } from '../../../shared';
import { selectRole, useSessionStore } from '../features/session/session.store';
import { PrinterStrip } from '../features/printing/printer-strip';
import { useT } from '../i18n/locale.store';
import { useNavStore } from './nav.store';
import { useDeskViews } from './use-desk-views';

/** Views that show the printer strip themselves: the bar leaves its own out there. */
const OWN_STRIP = new Set(['floor']);

/**
 * The bar of tabs under the header that switches between desk views: those the signed-in role may
 * open — and, at its right, this station's printers when it has any (the floor's people print).
 */
export function ViewTabs() {
  const { t } = useT();
  const { visible, active } = useDeskViews();
  const opened = useNavStore((s) => s.opened);
  const role = useSessionStore(selectRole);
  const strip = mayCall(role, 'printing.jobs') && mayCall(role, 'picking.work') && active && !OWN_STRIP.has(active.id);
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
      {strip ? <PrinterStrip compact /> : null}
    </nav>
  );
}
