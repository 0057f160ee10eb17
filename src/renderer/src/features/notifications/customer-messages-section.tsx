import { useEffect, useMemo } from 'react';
import { mayCall, type NotificationMessage } from '../../../../shared';
import { useLiveEvents } from '../../api/live-hub';
import { ReloadBanner } from '../../components/reload-banner';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { useCustomerMessagesStore } from './customer-messages.store';
import { MessageStatusChip, MessageWhat, ResendControl } from './message-parts';
import { customerMessages, mayResend, wentOut } from './message-view';

/**
 * The order detail's customer messages: each message the engine made for this order, with its
 * channel, recipient, status and why, when it went, and what it said; failed, undeliverable and
 * suppressed ones can be sent again. Live on the order's own events, and looks again while the
 * engine is still making or sending them.
 */
export function CustomerMessagesSection({ orderId }: { orderId: string }) {
  const { t, locale } = useT();
  const role = useSessionStore(selectRole);
  const all = useCustomerMessagesStore((s) => s.messages);
  const messages = useMemo(() => customerMessages(all), [all]);
  const loaded = useCustomerMessagesStore((s) => s.loaded);
  const loading = useCustomerMessagesStore((s) => s.loading);
  const error = useCustomerMessagesStore((s) => s.error);
  const may = mayCall(role, 'notifications.messages');
  useEffect(() => {
    if (may) void useCustomerMessagesStore.getState().orderShown(orderId);
    return () => void useCustomerMessagesStore.getState().orderShown(null);
  }, [orderId, may]);
  useLiveEvents((e) => may && useCustomerMessagesStore.getState().liveEventReceived(e));
  if (!may) return null;
  return (
    <section className="notify-section" data-testid="customer-messages" aria-label={t('notify.title')}>
      <h3>
        {t('notify.title')} {loaded ? <span className="muted">({formatNumber(locale, messages.length)})</span> : null}
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
      </h3>
      <ReloadBanner
        message={error ? t('notify.error', { message: error }) : null}
        onReload={() => void useCustomerMessagesStore.getState().refreshRequested()}
      />
      {loaded && messages.length === 0 && !error ? (
        <p className="muted small" data-testid="customer-messages-empty">
          {t('notify.empty')}
        </p>
      ) : null}
      {messages.length ? (
        <ul className="msg-list">
          {messages.map((m) => (
            <li key={m.id}>
              <CustomerMessageCard message={m} mayResendIt={mayCall(role, 'notifications.resend') && mayResend(m)} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function CustomerMessageCard({ message: m, mayResendIt }: { message: NotificationMessage; mayResendIt: boolean }) {
  const { t, locale } = useT();
  const busy = useCustomerMessagesStore((s) => !!s.busy[m.id]);
  const error = useCustomerMessagesStore((s) => s.errors[m.id]);
  return (
    <article className="msg-card" data-testid="customer-message" data-message-id={m.id} data-status={m.status} data-event={m.event}>
      <div className="msg-card-head">
        <div className="msg-what">
          <MessageWhat message={m} />
        </div>
        <MessageStatusChip message={m} />
      </div>
      <div className="muted small">
        {m.sentAt && wentOut(m) ? (
          <span data-testid="message-sent-at">{t('notify.sentAt', { time: formatDateTime(locale, m.sentAt) })}</span>
        ) : (
          <span>{t('notify.createdAt', { time: formatDateTime(locale, m.createdAt) })}</span>
        )}
        {m.attempts > 0
          ? ` · ${m.attempts === 1 ? t('notify.attempts.one') : t('notify.attempts', { n: formatNumber(locale, m.attempts) })}`
          : null}
      </div>
      {m.reason ? (
        <div className={`msg-reason small tone-${m.status}`} data-testid="message-reason">
          <strong>{t('notify.reason')}:</strong> {m.reason}
        </div>
      ) : null}
      <details className="msg-preview" data-testid="message-preview">
        <summary>{t('notify.preview')}</summary>
        {m.subject || m.preview ? (
          <div className="msg-preview-body">
            {m.subject ? (
              <div className="msg-subject" data-testid="message-subject">
                {m.subject}
              </div>
            ) : null}
            {m.preview ? (
              <pre className="msg-text" data-testid="message-text">
                {m.preview}
              </pre>
            ) : null}
          </div>
        ) : (
          <p className="muted small">{t('notify.preview.empty')}</p>
        )}
      </details>
      {mayResendIt ? (
        <ResendControl busy={busy} error={error} onResend={(reason) => useCustomerMessagesStore.getState().resendRequested(m.id, reason)} />
      ) : null}
    </article>
  );
}
