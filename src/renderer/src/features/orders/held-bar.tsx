import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { selectHeldCount, useOrdersStore } from './orders.store';
import { focusQueueRow } from './queue-focus';

/** "N new or changed orders — show": the live changes held back while the planner works the list. */
export function HeldBar() {
  const { t, locale } = useT();
  const n = useOrdersStore(selectHeldCount);
  if (!n) return null;
  return (
    <button
      type="button"
      className="held-bar"
      data-testid="held-bar"
      data-count={n}
      aria-keyshortcuts="N"
      onClick={() => {
        const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-testid=order-row]')?.dataset.orderId;
        useOrdersStore.getState().heldChangesApplied();
        if (focused) requestAnimationFrame(() => focusQueueRow(focused));
      }}
    >
      {n === 1 ? t('queue.held.one') : t('queue.held.many', { n: formatNumber(locale, n) })}
      <kbd>{t('queue.held.key')}</kbd>
    </button>
  );
}
