import { useT } from '../../i18n/locale.store';
import { OrderTable } from './order-table';
import { useOrdersStore } from './orders.store';
import { QueuePager } from './queue-pager';
import { QueueToolbar } from './queue-toolbar';

/** The order queue panel: filters, the server-paged table, page controls. */
export function OrderQueue() {
  const { t } = useT();
  const error = useOrdersStore((s) => s.error);
  const loading = useOrdersStore((s) => s.loading);
  return (
    <section className="panel queue" aria-label={t('queue.title')} data-testid="order-queue">
      <div className="panel-head">
        <h2>{t('queue.title')}</h2>
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
      </div>
      <QueueToolbar />
      {error ? (
        <div className="banner error" role="alert">
          {t('queue.error', { message: error })}
          <button type="button" onClick={() => useOrdersStore.getState().refreshRequested()}>
            {t('queue.retry')}
          </button>
        </div>
      ) : null}
      <OrderTable />
      <QueuePager />
    </section>
  );
}
