import { RelativeTime } from '../../components/relative-time';
import { formatMoney } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useApprovalsStore } from './approvals.store';
import { OrderLink, ReturnStatusChip } from './return-parts';
import { askedValue, deciderName } from './return-words';

/** The latest returns, any status: where each stands, who decided, what was refunded. */
export function RecentSection() {
  const { t, locale } = useT();
  const recent = useApprovalsStore((s) => s.recent);
  const loaded = useApprovalsStore((s) => s.loaded);
  return (
    <section className="returns-section" data-testid="returns-recent" aria-label={t('returns.tab.recent')}>
      <p className="muted small returns-hint">{t('returns.recent.hint')}</p>
      {loaded && recent.length === 0 ? <p className="muted returns-empty">{t('returns.recent.empty')}</p> : null}
      {recent.length ? (
        <table className="returns-table">
          <thead>
            <tr>
              <th>{t('returns.col.number')}</th>
              <th>{t('returns.col.order')}</th>
              <th>{t('returns.col.customer')}</th>
              <th>{t('returns.col.status')}</th>
              <th className="num">{t('returns.col.value')}</th>
              <th>{t('returns.col.requested')}</th>
              <th>{t('returns.col.decided')}</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((r) => (
              <tr key={r.id} data-testid="returns-recent-row" data-return-id={r.id} data-number={r.number} data-status={r.status}>
                <td className="mono nowrap">R-{r.number}</td>
                <td className="nowrap">
                  <OrderLink orderId={r.orderId} number={r.orderNumber} />
                </td>
                <td className="ellipsis-cell" title={r.customerName ?? ''}>
                  {r.customerName ?? '—'}
                </td>
                <td>
                  <ReturnStatusChip status={r.status} />
                </td>
                <td className="num nowrap">
                  {formatMoney(locale, r.status === 'rejected' ? askedValue(r) : r.value, r.currency)}
                  {r.refundedAmount !== null ? (
                    <div className="muted small">
                      {t('returns.order.refund', { amount: formatMoney(locale, r.refundedAmount, r.currency) })}
                    </div>
                  ) : null}
                </td>
                <td className="nowrap">
                  <RelativeTime iso={r.requestedAt} />
                </td>
                <td className="ellipsis-cell" title={r.decisionReason ?? ''}>
                  {r.decidedBy ? deciderName(t, r.decidedBy) : '—'}
                  {r.decisionReason ? <div className="muted small ellipsis">“{r.decisionReason}”</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
