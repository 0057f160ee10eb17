import { useEffect } from 'react';
import { mayCall, type OrderDetail, type Return } from '../../../../shared';
import { useLiveEvents } from '../../api/live-hub';
import { ReloadBanner } from '../../components/reload-banner';
import { formatDateTime, formatMoney, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { useOrderReturnsStore } from './order-returns.store';
import { ReturnLinesSummary, ReturnReasons, ReturnStatusChip } from './return-parts';
import { ReturnRequestForm } from './return-request-form';
import { askedValue, deciderName } from './return-words';
import './returns.css';
import './order-returns.css';

/**
 * The order detail's returns: the order's returns with where each stands, and — for a delivered
 * order — the call centre's "Devolución": the request form, and the policy's verdict at once.
 */
export function OrderReturnsSection({ order }: { order: OrderDetail }) {
  const { t, locale } = useT();
  const role = useSessionStore(selectRole);
  const may = mayCall(role, 'returns.list');
  const mayRequest = mayCall(role, 'returns.request') && order.status === 'delivered';
  const returns = useOrderReturnsStore((s) => s.returns);
  const loaded = useOrderReturnsStore((s) => s.loaded);
  const loading = useOrderReturnsStore((s) => s.loading);
  const error = useOrderReturnsStore((s) => s.error);
  const form = useOrderReturnsStore((s) => s.form);
  const result = useOrderReturnsStore((s) => s.result);
  useEffect(() => {
    if (may) void useOrderReturnsStore.getState().orderShown(order.id);
    return () => void useOrderReturnsStore.getState().orderShown(null);
  }, [order.id, may]);
  useLiveEvents((e) => may && useOrderReturnsStore.getState().liveEventReceived(e));
  // Nothing to show before delivery, unless the order has returns (a rare return of a part).
  if (!may || (!mayRequest && loaded && !returns.length)) return null;
  return (
    <section className="order-returns" data-testid="order-returns" aria-label={t('returns.order.title')}>
      <div className="order-returns-head">
        <h3>
          {t('returns.order.title')} {loaded ? <span className="muted">({formatNumber(locale, returns.length)})</span> : null}
        </h3>
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
        {mayRequest && !form ? (
          <button
            type="button"
            className="order-returns-request"
            data-testid="return-request-open"
            onClick={() => useOrderReturnsStore.getState().formOpened(order)}
          >
            {t('returns.order.request')}
          </button>
        ) : null}
      </div>
      <ReloadBanner
        message={error ? t('returns.order.error', { message: error }) : null}
        onReload={() => void useOrderReturnsStore.getState().refreshRequested()}
      />
      {result ? <Verdict r={result} /> : null}
      {form ? <ReturnRequestForm /> : null}
      {loaded && !returns.length && !form && !result ? <p className="muted small">{t('returns.order.none')}</p> : null}
      {returns.length ? (
        <ul className="order-returns-list">
          {returns.map((r) => (
            <li key={r.id}>
              <OrderReturnCard r={r} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The policy's answer to the request just made: approved, waiting for a person (until when), or rejected — and why. */
function Verdict({ r }: { r: Return }) {
  const { t, locale } = useT();
  return (
    <div
      className={`return-verdict verdict-${r.verdict}`}
      role="status"
      data-testid="return-verdict"
      data-verdict={r.verdict}
      data-number={r.number}
    >
      <div className="return-verdict-head">
        <strong>{t(`returns.verdict.${r.verdict}`, { number: r.number })}</strong>
        <button type="button" className="ghost" onClick={() => useOrderReturnsStore.getState().resultDismissed()}>
          {t('returns.verdict.dismiss')}
        </button>
      </div>
      {r.verdict === 'review' && r.dueAt ? (
        <div className="small">{t('returns.verdict.dueAt', { time: formatDateTime(locale, r.dueAt) })}</div>
      ) : null}
      <ReturnReasons r={r} testId="return-verdict-reasons" />
      {r.procedureCode ? (
        <div className="small" data-testid="return-procedure-code">
          {t('returns.procedureCode', { code: r.procedureCode })}
        </div>
      ) : null}
    </div>
  );
}

function OrderReturnCard({ r }: { r: Return }) {
  const { t, locale } = useT();
  const settings = useOrderReturnsStore((s) => s.settings);
  return (
    <article className="order-return" data-testid="order-return" data-return-id={r.id} data-number={r.number} data-status={r.status}>
      <div className="order-return-head">
        <strong className="mono">R-{r.number}</strong>
        <ReturnStatusChip status={r.status} />
        <span className="muted small">{formatDateTime(locale, r.requestedAt)}</span>
        <span className="order-return-value">
          {t('returns.order.value', { value: formatMoney(locale, r.status === 'rejected' ? askedValue(r) : r.value, r.currency) })}
        </span>
      </div>
      <ReturnLinesSummary r={r} settings={settings} />
      <div className="muted small">
        {t(`returns.method.${r.method}`)} · {t(`returns.resolution.${r.resolution}`)}
        {r.decidedBy ? ` · ${t('returns.order.decidedBy', { name: deciderName(t, r.decidedBy) })}` : ''}
        {r.refundedAmount !== null ? ` · ${t('returns.order.refund', { amount: formatMoney(locale, r.refundedAmount, r.currency) })}` : ''}
      </div>
      {r.carrierLabel ? <CarrierLabelLine label={r.carrierLabel} /> : null}
      {r.status === 'rejected' || r.status === 'requested' ? <ReturnReasons r={r} /> : null}
      {r.decisionReason ? <div className="small">“{r.decisionReason}”</div> : null}
    </article>
  );
}

/** The carrier's return label: waiting to be bought, bought (tracking number, the customer's link, first scan), or not made (why). */
function CarrierLabelLine({ label }: { label: NonNullable<Return['carrierLabel']> }) {
  const { t, locale } = useT();
  return (
    <div className="small" data-testid="order-return-carrier-label" data-label-status={label.status}>
      {label.status === 'pending' ? t('returns.label.pending') : null}
      {label.status === 'failed' ? t('returns.label.failed', { error: label.error ?? '' }) : null}
      {label.status === 'created' ? (
        <>
          {t('returns.label.created', { tracking: label.trackingNumber ?? '' })}
          {label.url ? (
            <>
              {' · '}
              <a href={label.url} target="_blank" rel="noreferrer noopener">
                {t('returns.label.link')}
              </a>
            </>
          ) : null}
          {label.pickupDate ? ` · ${t('returns.label.pickup', { date: label.pickupDate })}` : ''}
          {label.firstScanAt ? ` · ${t('returns.label.scanned', { at: formatDateTime(locale, label.firstScanAt) })}` : ''}
        </>
      ) : null}
    </div>
  );
}
