import { useEffect } from 'react';
import type { NotificationMessage } from '../../../../shared';
import { useLiveEvents } from '../../api/live-hub';
import { ReloadBanner } from '../../components/reload-banner';
import { RelativeTime } from '../../components/relative-time';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { translateOr } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';
import { MessageStatusChip, ResendControl } from '../notifications/message-parts';
import { useNotifyAdminTab } from './admin-tab.store';
import { mayReplay, useDeliveriesStore } from './deliveries.store';
import { useEndpointsStore } from './endpoints.store';
import { useTemplatesStore } from './templates.store';

/** The body as sent, indented when it is JSON (it always is for webhooks; anything else is shown as it is). */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** One delivery beside the log: its status and last reply, every attempt, the body as sent, Reenviar. */
function DeliveryDetail({ delivery: d }: { delivery: NotificationMessage }) {
  const { t, locale } = useT();
  const detail = useDeliveriesStore((s) => s.detail);
  const detailError = useDeliveriesStore((s) => s.detailError);
  const busy = useDeliveriesStore((s) => !!s.busy[d.id]);
  const error = useDeliveriesStore((s) => s.errors[d.id]);
  const store = useDeliveriesStore.getState();
  const attempts = detail?.message.id === d.id ? detail.attempts : null;
  const previewWith = () => {
    const templates = useTemplatesStore.getState();
    templates.orderTyped(d.orderId);
    void templates.templateChosen(d.event, templates.locale);
    useNotifyAdminTab.getState().tabChosen('templates');
  };
  return (
    <aside className="hook-detail" data-testid="delivery-detail" data-message-id={d.id} aria-labelledby="delivery-detail-title">
      <div className="hook-detail-head">
        <h4 id="delivery-detail-title">{t('notifyAdmin.log.detail', { event: t(`notify.event.${d.event}`), number: d.orderNumber })}</h4>
        <button type="button" className="ghost" data-testid="delivery-close" onClick={() => void store.deliveryOpened(null)}>
          {t('notifyAdmin.log.close')}
        </button>
      </div>
      <div className="small mono muted">{d.recipient}</div>
      <MessageStatusChip message={d} />
      {d.reason ? (
        <div className={`msg-reason small tone-${d.status}`} data-testid="delivery-reason">
          {d.reason}
        </div>
      ) : null}
      {mayReplay(d) ? <ResendControl busy={busy} error={error} onResend={(reason) => store.resendRequested(d.id, reason)} /> : null}
      <h4>{t('notifyAdmin.log.attempts')}</h4>
      {detailError ? <div className="field-error">{t('notifyAdmin.log.detailError', { message: detailError })}</div> : null}
      {attempts && attempts.length === 0 ? <p className="muted small">{t('notifyAdmin.log.noAttempts')}</p> : null}
      {attempts?.length ? (
        <ol className="hook-attempts" data-testid="delivery-attempts">
          {attempts.map((a, i) => (
            <li key={i} data-testid="delivery-attempt" data-outcome={a.outcome}>
              <span className="small muted">{formatDateTime(locale, a.at)}</span>{' '}
              <strong>{translateOr(locale, `notifyAdmin.outcome.${a.outcome}`, a.outcome)}</strong>
              {a.actor && a.actor !== 'system' ? (
                <span className="small muted"> · {t('notifyAdmin.log.by', { actor: a.actor })}</span>
              ) : null}
              {a.reply ? <div className="small hook-reply">{a.reply}</div> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {d.preview ? (
        <details className="hook-body">
          <summary>{t('notifyAdmin.log.body')}</summary>
          <pre className="mono" data-testid="delivery-body">
            {pretty(d.preview)}
          </pre>
        </details>
      ) : null}
      <button type="button" className="link small" data-testid="delivery-preview-template" onClick={previewWith}>
        {t('notifyAdmin.log.previewWith')}
      </button>
    </aside>
  );
}

/** The delivery log: what went to which endpoint, newest first, narrowed to one endpoint or not; a row opens its attempts. */
export function DeliveryLog() {
  const { t, locale } = useT();
  const { deliveries, endpointId, loaded, loading, error, openId } = useDeliveriesStore();
  const endpoints = useEndpointsStore((s) => s.endpoints);
  const store = useDeliveriesStore.getState();
  const open = deliveries.find((d) => d.id === openId) ?? null;
  useEffect(() => {
    void useDeliveriesStore.getState().refreshRequested();
    return () => useDeliveriesStore.getState().stopped();
  }, []);
  useLiveEvents((e) => useDeliveriesStore.getState().liveEventReceived(e));
  return (
    <section className="hook-log" aria-labelledby="hook-log-title" data-testid="delivery-log">
      <div className="hook-head">
        <h3 id="hook-log-title">{t('notifyAdmin.log.title')}</h3>
        <label className="small">
          <span className="muted">{t('notifyAdmin.log.endpoint')}</span>{' '}
          <select
            data-testid="delivery-endpoint"
            value={endpointId ?? ''}
            onChange={(e) => void store.endpointChosen(e.target.value || null)}
          >
            <option value="">{t('notifyAdmin.log.all')}</option>
            {endpoints.map((e) => (
              <option key={e.id} value={e.id}>
                {e.id}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="ghost" data-testid="delivery-refresh" onClick={() => void store.refreshRequested()}>
          {t('notifyAdmin.log.refresh')}
        </button>
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
      </div>
      <ReloadBanner
        message={error ? t('notifyAdmin.log.error', { message: error }) : null}
        onReload={() => void store.refreshRequested()}
      />
      <div className={open ? 'hook-log-body with-detail' : 'hook-log-body'}>
        <div className="hook-log-table">
          {loaded && deliveries.length === 0 && !error ? <p className="muted">{t('notifyAdmin.log.empty')}</p> : null}
          {deliveries.length ? (
            <table className="intake-table" data-testid="deliveries-table">
              <thead>
                <tr>
                  <th>{t('notifyAdmin.log.col.when')}</th>
                  <th>{t('notifyAdmin.log.col.event')}</th>
                  <th>{t('notifyAdmin.log.col.order')}</th>
                  <th>{t('notifyAdmin.hooks.col.endpoint')}</th>
                  <th>{t('notifyAdmin.log.col.status')}</th>
                  <th className="num">{t('notifyAdmin.log.col.attempts')}</th>
                  <th>{t('notifyAdmin.log.col.reply')}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr
                    key={d.id}
                    data-testid="delivery-row"
                    data-message-id={d.id}
                    data-order-id={d.orderId}
                    data-event={d.event}
                    data-status={d.status}
                    className={d.id === openId ? 'selected' : undefined}
                    onClick={() => void store.deliveryOpened(d.id)}
                  >
                    <td>
                      <RelativeTime iso={d.createdAt} />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        data-testid="delivery-open"
                        title={t('notifyAdmin.log.open')}
                        onClick={(e) => {
                          e.stopPropagation();
                          void store.deliveryOpened(d.id);
                        }}
                      >
                        {t(`notify.event.${d.event}`)}
                      </button>
                    </td>
                    <td data-testid="delivery-order">#{d.orderNumber}</td>
                    <td className="mono small">{d.recipient}</td>
                    <td>
                      <MessageStatusChip message={d} />
                    </td>
                    <td className="num">{formatNumber(locale, d.attempts)}</td>
                    <td className="hook-last small" title={d.reason ?? undefined}>
                      {d.reason ?? ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
        {open ? <DeliveryDetail key={open.id} delivery={open} /> : null}
      </div>
    </section>
  );
}
