import { useT } from '../../i18n/locale.store';
import { KpiStrip } from '../kpis/kpi-strip';
import { BulkBar } from './bulk-bar';
import { HeldBar } from './held-bar';
import { OrderTable } from './order-table';
import { selectRows, useOrdersStore } from './orders.store';
import { QueuePager } from './queue-pager';
import { QueueToolbar } from './queue-toolbar';
import { SkipToQueue, useFirstFocusOnQueue } from './skip-to-queue';
import { useQueueUrl } from './use-queue-url';
import './queue-layout.css';

/** The order queue panel: filters with counts, the server-paged table, held live changes, page controls; its state in the address. */
export function OrderQueue() {
  const { t } = useT();
  const error = useOrdersStore((s) => s.error);
  const loading = useOrdersStore((s) => s.loading);
  const hasRows = useOrdersStore((s) => selectRows(s).length > 0);
  useQueueUrl();
  useFirstFocusOnQueue(hasRows);
  return (
    <section className="panel queue" aria-label={t('queue.title')} data-testid="order-queue" id="order-queue" tabIndex={-1}>
      <SkipToQueue />
      <div className="panel-head">
        <h2>{t('queue.title')}</h2>
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
        <span className="queue-keys muted small" id="queue-keys">
          {t('queue.keys')}
        </span>
      </div>
      <KpiStrip />
      <QueueToolbar />
      {error ? (
        <div className="banner error" role="alert">
          {t('queue.error', { message: error })}
          <button type="button" onClick={() => useOrdersStore.getState().refreshRequested()}>
            {t('queue.retry')}
          </button>
        </div>
      ) : null}
      <HeldBar />
      <BulkBar />
      <OrderTable />
      <QueuePager />
    </section>
  );
}
