import { useEffect } from 'react';
import { mayCall } from '../../../../shared';
import { useLiveEvents } from '../../api/live-hub';
import { useNavStore } from '../../app/nav.store';
import { ReloadBanner } from '../../components/reload-banner';
import { RelativeTime } from '../../components/relative-time';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { MessageStatusChip, MessageWhat, ResendControl } from '../notifications/message-parts';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { useFailedMessagesStore } from './failed-messages.store';

/** The exception inbox's customer messages part: messages that failed or could not be delivered, newest first, each with its order and Resend. */
export function FailedMessagesSection() {
  const { t, locale } = useT();
  const role = useSessionStore(selectRole);
  const messages = useFailedMessagesStore((s) => s.messages);
  const loading = useFailedMessagesStore((s) => s.loading);
  const loaded = useFailedMessagesStore((s) => s.loaded);
  const error = useFailedMessagesStore((s) => s.error);
  const busy = useFailedMessagesStore((s) => s.busy);
  const errors = useFailedMessagesStore((s) => s.errors);
  const may = mayCall(role, 'notifications.failed');
  const mayResend = mayCall(role, 'notifications.resend');
  useEffect(() => {
    if (!may) return;
    void useFailedMessagesStore.getState().refreshRequested();
  }, [may]);
  useLiveEvents((e) => may && useFailedMessagesStore.getState().liveEventReceived(e));
  if (!may) return null;
  const openOrder = (orderId: string) => {
    useNavStore.getState().opened('tower');
    useOrderDetailStore.getState().orderSelected(orderId);
  };
  return (
    <section className="panel intake-list failed-messages" data-testid="failed-messages" aria-label={t('exceptions.messages.title')}>
      <div className="panel-head">
        <h2>
          {t('exceptions.messages.title')} <span className="muted">({formatNumber(locale, messages.length)})</span>
        </h2>
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
      </div>
      <ReloadBanner
        message={error ? t('exceptions.messages.error', { message: error }) : null}
        onReload={() => void useFailedMessagesStore.getState().refreshRequested()}
      />
      {loaded && messages.length === 0 && !error ? <p className="muted intake-empty">{t('exceptions.messages.empty')}</p> : null}
      {messages.length ? (
        <table className="intake-table">
          <thead>
            <tr>
              <th>{t('exceptions.messages.col.when')}</th>
              <th>{t('exceptions.messages.col.order')}</th>
              <th>{t('exceptions.messages.col.event')}</th>
              <th>{t('exceptions.messages.col.reason')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id} data-testid="failed-message" data-message-id={m.id} data-order-id={m.orderId} data-status={m.status}>
                <td>
                  <RelativeTime iso={m.createdAt} />
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    data-testid="failed-message-order"
                    title={t('exceptions.messages.openOrder')}
                    onClick={() => openOrder(m.orderId)}
                  >
                    #{m.orderNumber}
                  </button>
                </td>
                <td className="msg-what">
                  <MessageWhat message={m} />
                </td>
                <td className="msg-why">
                  <MessageStatusChip message={m} />
                  {m.reason ? (
                    <div className="small" data-testid="message-reason">
                      {m.reason}
                    </div>
                  ) : null}
                </td>
                <td>
                  {mayResend ? (
                    <ResendControl
                      busy={!!busy[m.id]}
                      error={errors[m.id]}
                      onResend={(reason) => useFailedMessagesStore.getState().resendRequested(m.id, reason)}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
