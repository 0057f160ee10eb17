import { useEffect } from 'react';
import { useLiveEvents } from '../../api/live-hub';
import { useNavStore } from '../../app/nav.store';
import { RelativeTime } from '../../components/relative-time';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { translateOr } from '../../i18n/i18n';
import { describeReason, describeReasonCodes } from '../../i18n/reasons';
import { useT } from '../../i18n/locale.store';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { useUnroutableStore } from './unroutable.store';
import './unroutable.css';

/** The unroutable queue: orders no location can take now, in the order the engine retries them, with why and "retry now". */
export function UnroutableView() {
  const { t, locale } = useT();
  const rows = useUnroutableStore((s) => s.rows);
  const total = useUnroutableStore((s) => s.total);
  const error = useUnroutableStore((s) => s.error);
  const loading = useUnroutableStore((s) => s.loading);
  const retrying = useUnroutableStore((s) => s.retrying);
  const outcomes = useUnroutableStore((s) => s.outcomes);
  useEffect(() => {
    void useUnroutableStore.getState().refreshRequested();
  }, []);
  useLiveEvents((e) => useUnroutableStore.getState().liveEventReceived(e));
  const openOrder = (id: string) => {
    useNavStore.getState().opened('tower');
    useOrderDetailStore.getState().orderSelected(id);
  };

  return (
    <main className="panel unroutable" data-testid="unroutable-view" aria-label={t('unroutable.title')}>
      <div className="panel-head">
        <h2>{t('unroutable.title')}</h2>
        <span className="muted small" data-testid="unroutable-count">
          {t('unroutable.count', { n: formatNumber(locale, total) })}
        </span>
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
        <span className="muted small">{t('unroutable.hint')}</span>
      </div>
      {error ? (
        <div className="banner error" role="alert">
          {t('unroutable.error', { message: error })}
          <button type="button" onClick={() => void useUnroutableStore.getState().refreshRequested()}>
            {t('unroutable.reload')}
          </button>
        </div>
      ) : null}
      {!error && !loading && rows.length === 0 ? (
        <p className="muted" style={{ padding: '8px 12px' }}>
          {t('unroutable.empty')}
        </p>
      ) : null}
      {rows.length ? (
        <div className="table-wrap">
          <table className="queue-table" data-testid="unroutable-table">
            <thead>
              <tr>
                <th style={{ width: 40 }}>{t('unroutable.col.priority')}</th>
                <th style={{ width: 90 }}>{t('unroutable.col.order')}</th>
                <th>{t('unroutable.col.customer')}</th>
                <th style={{ width: 150 }}>{t('unroutable.col.promised')}</th>
                <th style={{ width: 110 }}>{t('unroutable.col.age')}</th>
                <th>{t('unroutable.col.reason')}</th>
                <th style={{ width: 60 }}>{t('unroutable.col.attempts')}</th>
                <th style={{ width: 190 }} />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const out = outcomes[r.orderId];
                return (
                  <tr key={r.orderId} data-testid="unroutable-row" data-order-id={r.orderId}>
                    <td>{r.priority}</td>
                    <td>
                      <button type="button" className="link" onClick={() => openOrder(r.orderId)}>
                        #{r.number}
                      </button>
                    </td>
                    <td>
                      <span className="ellipsis">{r.customerName}</span>
                      <span className="muted small">
                        {translateOr(locale, `channel.${r.channel}`, r.channel)}
                        {r.customerTier ? ` · ${r.customerTier}` : ''}
                      </span>
                    </td>
                    <td>{r.promisedAt ? formatDateTime(locale, r.promisedAt) : t('unroutable.noPromise')}</td>
                    <td>
                      <RelativeTime iso={r.createdAt} />
                    </td>
                    <td className="reason" data-testid="unroutable-reason" data-reason-code={r.reasonCodes?.map((c) => c.code).join(' ')}>
                      {r.reason ? describeReasonCodes(locale, r.reasonCodes, r.reason, ['sourcing']) : '—'}
                      {out ? (
                        <div className="muted small" data-testid="unroutable-outcome">
                          {'error' in out
                            ? out.error
                            : out.status === 'sourced'
                              ? t('unroutable.sourced')
                              : `${t('unroutable.still')}: ${out.reason ? describeReason(locale, out.reason, ['sourcing']) : ''}`}
                        </div>
                      ) : null}
                    </td>
                    <td>{formatNumber(locale, r.attempts)}</td>
                    <td>
                      <button
                        type="button"
                        data-testid="unroutable-retry"
                        disabled={!!retrying[r.orderId]}
                        onClick={() => void useUnroutableStore.getState().retryRequested(r.orderId)}
                      >
                        {retrying[r.orderId] ? t('unroutable.retrying') : t('unroutable.retry')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </main>
  );
}
