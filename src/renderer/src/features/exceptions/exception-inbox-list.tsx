import { useEffect } from 'react';
import { mayCall, type ExceptionItem } from '../../../../shared';
import { useLiveEvents } from '../../api/live-hub';
import { ReloadBanner } from '../../components/reload-banner';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useNow } from '../../lib/use-now';
import { selectRole, useSessionStore } from '../session/session.store';
import { ItemActions, ItemOrderLink, ItemReason, OwnerControls } from './exception-item-parts';
import { KIND_ORDER, useExceptionInboxStore, type OwnerFilter } from './exception-inbox.store';
import { SlaTimer } from './exception-sla';
import { useExceptionsStore } from './exceptions.store';
import { useFailedMessagesStore } from './failed-messages.store';
import { useShippingAlertsStore } from './shipping-alerts.store';

const OWNERS: readonly OwnerFilter[] = ['all', 'mine', 'nobody'];
const CLAIMS_REFRESH_MS = 15_000;

/**
 * The row's test id: the per-kind ids that tools and tests have always used for quarantined
 * messages, failed messages and shipping alerts, and `exception-item` for the rest.
 */
const ROW_TEST_ID: Partial<Record<ExceptionItem['kind'], string>> = {
  intake_quarantine: 'exception-row',
  failed_notification: 'failed-message',
  carrier_exception: 'shipping-alert',
};
const ORDER_TEST_ID: Partial<Record<ExceptionItem['kind'], string>> = {
  failed_notification: 'failed-message-order',
  carrier_exception: 'alert-order',
};

/** The one list of everything that waits for a person, most overdue first, with kind and owner filters. */
export function ExceptionInboxList() {
  const { t, locale } = useT();
  const role = useSessionStore(selectRole);
  const { rows, counts, total, kind, owner, loading, loaded, error, skewMs } = useExceptionInboxStore();
  const selectedInbox = useExceptionsStore((s) => s.selectedId);
  const nowMs = useNow(15_000) + skewMs;
  const mayMessages = mayCall(role, 'notifications.failed');
  const mayAlerts = mayCall(role, 'shipping.alerts');
  useEffect(() => {
    void useExceptionInboxStore.getState().refreshRequested();
    // The per-kind stores give the rows their own actions (resend, resolve) and details.
    if (mayMessages) void useFailedMessagesStore.getState().refreshRequested();
    if (mayAlerts) void useShippingAlertsStore.getState().refreshRequested();
  }, [mayMessages, mayAlerts]);
  // Another desk's take or release arrives live (exceptions.claimed); an order that becomes late with the clock raises no event, so this slow refresh.
  useEffect(() => {
    const timer = setInterval(() => void useExceptionInboxStore.getState().refreshRequested(), CLAIMS_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  useLiveEvents((e) => {
    useExceptionInboxStore.getState().liveEventReceived(e);
    if (mayMessages) useFailedMessagesStore.getState().liveEventReceived(e);
    if (mayAlerts) useShippingAlertsStore.getState().liveEventReceived(e);
  });
  const all = KIND_ORDER.reduce((n, k) => n + (counts[k] ?? 0), 0);
  const store = useExceptionInboxStore.getState();
  return (
    <section className="panel intake-list xinbox" data-testid="exception-inbox" aria-label={t('xinbox.title')}>
      <div className="panel-head">
        <h2>{t('exceptions.title')}</h2>
        <span className="muted small" data-testid="exception-inbox-count">
          {t('xinbox.count', { n: formatNumber(locale, total) })}
        </span>
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
        <div className="intake-filter" role="group" aria-label={t('xinbox.col.owner')}>
          {OWNERS.map((o) => (
            <button
              key={o}
              type="button"
              className={owner === o ? 'chip active' : 'chip'}
              aria-pressed={owner === o}
              data-testid={`exception-owner-${o}`}
              onClick={() => store.ownerChosen(o)}
            >
              {t(`xinbox.owner.${o}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="xinbox-kinds" role="group" aria-label={t('xinbox.col.kind')}>
        <button
          type="button"
          className={kind === null ? 'chip active' : 'chip'}
          aria-pressed={kind === null}
          data-testid="exception-kind-all"
          onClick={() => store.kindChosen(null)}
        >
          {t('xinbox.kind.all')} <span className="count">{formatNumber(locale, all)}</span>
        </button>
        {KIND_ORDER.filter((k) => (counts[k] ?? 0) > 0 || kind === k).map((k) => (
          <button
            key={k}
            type="button"
            className={kind === k ? 'chip active' : 'chip'}
            aria-pressed={kind === k}
            data-testid="exception-kind"
            data-kind={k}
            onClick={() => store.kindChosen(kind === k ? null : k)}
          >
            {t(`xinbox.kind.${k}`)} <span className="count">{formatNumber(locale, counts[k] ?? 0)}</span>
          </button>
        ))}
      </div>
      <ReloadBanner message={error ? t('xinbox.error', { message: error }) : null} onReload={() => void store.refreshRequested()} />
      {loaded && rows.length === 0 && !error ? <p className="muted intake-empty">{t('xinbox.empty')}</p> : null}
      {rows.length ? (
        // The two wrappers keep the containers that tools and tests find failed messages and shipping alerts in.
        <div className="table-wrap" data-testid="shipping-alerts">
          <div data-testid="failed-messages">
            <table className="intake-table xinbox-table" data-testid="exceptions-table">
              <thead>
                <tr>
                  <th>{t('xinbox.col.sla')}</th>
                  <th>{t('xinbox.col.kind')}</th>
                  <th>{t('xinbox.col.order')}</th>
                  <th>{t('xinbox.col.reason')}</th>
                  <th>{t('xinbox.col.owner')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((item) => (
                  <tr
                    key={`${item.kind}:${item.refId}`}
                    className={item.kind === 'intake_quarantine' && item.refId === selectedInbox ? 'selected' : undefined}
                    data-testid={ROW_TEST_ID[item.kind] ?? 'exception-item'}
                    data-kind={item.kind}
                    data-ref={item.refId}
                    data-order-id={item.orderId ?? undefined}
                    {...(item.kind === 'intake_quarantine' ? { 'data-inbox-id': item.refId } : {})}
                    {...(item.kind === 'failed_notification' ? { 'data-message-id': item.refId } : {})}
                    {...(item.kind === 'carrier_exception'
                      ? { 'data-alert-id': item.refId, 'data-reason': String(item.detail.alert ?? '') }
                      : {})}
                    onClick={item.kind === 'intake_quarantine' ? () => useExceptionsStore.getState().rowSelected(item.refId) : undefined}
                  >
                    <td>
                      <SlaTimer item={item} nowMs={nowMs} />
                    </td>
                    <td className="small">{t(`xinbox.kind.${item.kind}`)}</td>
                    <td>
                      <ItemOrderLink item={item} testId={ORDER_TEST_ID[item.kind] ?? 'exception-order'} />
                    </td>
                    <td className="xinbox-why">
                      <ItemReason item={item} />
                    </td>
                    <td>
                      <OwnerControls item={item} />
                    </td>
                    <td>
                      <ItemActions item={item} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}
