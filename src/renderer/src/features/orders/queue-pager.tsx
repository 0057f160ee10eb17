import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { PAGE_SIZES } from './order-query';
import { selectPageCount, selectRange, useOrdersStore } from './orders.store';

/** Page controls with the server's total. */
export function QueuePager() {
  const { t, locale } = useT();
  const page = useOrdersStore((s) => s.query.page);
  const pageSize = useOrdersStore((s) => s.query.pageSize);
  const pages = useOrdersStore(selectPageCount);
  const from = useOrdersStore((s) => selectRange(s).from);
  const to = useOrdersStore((s) => selectRange(s).to);
  const total = useOrdersStore((s) => selectRange(s).total);
  const { pageChanged, pageSizeChanged } = useOrdersStore.getState();
  const n = (x: number) => formatNumber(locale, x);
  return (
    <div className="queue-pager" data-testid="queue-pager">
      <span className="range" data-testid="queue-total" data-total={total}>
        {t('queue.range', { from: n(from), to: n(to), total: n(total) })}
      </span>
      <label className="page-size">
        {t('queue.pageSize')}
        <select value={pageSize} onChange={(e) => pageSizeChanged(Number(e.target.value))}>
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <span className="pager-buttons">
        <button type="button" onClick={() => pageChanged(0)} disabled={page === 0} title={t('queue.first')} aria-label={t('queue.first')}>
          «
        </button>
        <button
          type="button"
          onClick={() => pageChanged(page - 1)}
          disabled={page === 0}
          title={t('queue.prev')}
          aria-label={t('queue.prev')}
          data-testid="page-prev"
        >
          ‹
        </button>
        <span className="page-of">{t('queue.page', { page: n(page + 1), pages: n(pages) })}</span>
        <button
          type="button"
          onClick={() => pageChanged(page + 1)}
          disabled={page + 1 >= pages}
          title={t('queue.next')}
          aria-label={t('queue.next')}
          data-testid="page-next"
        >
          ›
        </button>
        <button
          type="button"
          onClick={() => pageChanged(pages - 1)}
          disabled={page + 1 >= pages}
          title={t('queue.last')}
          aria-label={t('queue.last')}
        >
          »
        </button>
      </span>
    </div>
  );
}
