import { useEffect } from 'react';
import { mayCall } from '../../../../shared';
import { useLiveEvents } from '../../api/live-hub';
import { useNavStore } from '../../app/nav.store';
import { ReloadBanner } from '../../components/reload-banner';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { AlertAgeChip, OrderLink, ResolveAlert } from '../shipping/alert-parts';
import '../shipping/shipping.css';
import { useShippingAlertsStore } from './shipping-alerts.store';

/** The exception inbox's shipping part: open shipment alerts with their age, and one-click actions (open the order, resolve). */
export function ShippingAlertsSection() {
  const { t, locale } = useT();
  const role = useSessionStore(selectRole);
  const alerts = useShippingAlertsStore((s) => s.alerts);
  const loading = useShippingAlertsStore((s) => s.loading);
  const error = useShippingAlertsStore((s) => s.error);
  const busy = useShippingAlertsStore((s) => s.busy);
  const errors = useShippingAlertsStore((s) => s.errors);
  const may = mayCall(role, 'shipping.alerts');
  useEffect(() => {
    if (may) void useShippingAlertsStore.getState().refreshRequested();
  }, [may]);
  useLiveEvents((e) => may && useShippingAlertsStore.getState().liveEventReceived(e));
  if (!may) return null;
  return (
    <section className="panel intake-list shipping-alerts" data-testid="shipping-alerts" aria-label={t('exceptions.shipping.title')}>
      <div className="panel-head">
        <h2>
          {t('exceptions.shipping.title')} <span className="muted">({formatNumber(locale, alerts.length)})</span>
        </h2>
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
        {mayCall(role, 'shipping.lateBoard') ? (
          <button type="button" className="link intake-filter" onClick={() => useNavStore.getState().opened('late-board')}>
            {t('exceptions.shipping.lateBoard')}
          </button>
        ) : null}
      </div>
      <ReloadBanner
        message={error ? t('exceptions.shipping.error', { message: error }) : null}
        onReload={() => void useShippingAlertsStore.getState().refreshRequested()}
      />
      {alerts.length === 0 && !loading && !error ? <p className="muted intake-empty">{t('exceptions.shipping.empty')}</p> : null}
      {alerts.length ? (
        <table className="intake-table">
          <thead>
            <tr>
              <th>{t('late.col.age')}</th>
              <th>{t('late.col.order')}</th>
              <th>{t('late.col.reason')}</th>
              <th>{t('late.col.carrier')}</th>
              <th>{t('late.col.detail')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <tr key={a.id} data-testid="shipping-alert" data-alert-id={a.id} data-reason={a.reason} data-order-id={a.orderId}>
                <td>
                  <AlertAgeChip raisedAt={a.raisedAt} />
                </td>
                <td>
                  <OrderLink orderId={a.orderId} number={a.orderNumber} />
                </td>
                <td>{t(`delay.${a.reason}`)}</td>
                <td>
                  {a.carrierName}
                  {a.trackingNumber ? <div className="mono small">{a.trackingNumber}</div> : null}
                </td>
                <td className="alert-detail">{a.detail}</td>
                <td>
                  <ResolveAlert
                    busy={!!busy[a.id]}
                    error={errors[a.id]}
                    onResolve={(note) => useShippingAlertsStore.getState().alertResolved(a.id, note)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
