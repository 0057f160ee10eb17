import { useState } from 'react';
import type { NotificationMessage } from '../../../../shared';
import { formatDateTime, formatHourMinute } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useNow } from '../../lib/use-now';
import { messageTone, sameDay } from './message-view';
import '../shipping/shipping.css';
import './notify.css';

/** A message's status as a coloured chip (the raw status in `data-status`); a retry says when it is tried next. */
export function MessageStatusChip({ message: m }: { message: Pick<NotificationMessage, 'status' | 'nextAttemptAt'> }) {
  const { t, locale } = useT();
  const now = useNow(60_000);
  const next = m.status === 'retrying' && m.nextAttemptAt ? m.nextAttemptAt : null;
  return (
    <span className="msg-status">
      <span className={`ship-chip tone-${messageTone(m.status)}`} data-status={m.status} data-testid="message-status">
        {t(`notify.status.${m.status}`)}
      </span>
      {next ? (
        <span className="muted small" data-testid="message-next-try" title={formatDateTime(locale, next)}>
          {t('notify.retryAt', { time: sameDay(next, now) ? formatHourMinute(locale, next) : formatDateTime(locale, next) })}
        </span>
      ) : null}
    </span>
  );
}

/** The event in words and the channel with its recipient ("Pedido despachado · Correo · ana@…"). */
export function MessageWhat({ message: m }: { message: Pick<NotificationMessage, 'event' | 'channel' | 'recipient'> }) {
  const { t } = useT();
  return (
    <>
      <strong data-testid="message-event">{t(`notify.event.${m.event}`)}</strong>
      <span className="msg-channel small">
        {t(`notify.channel.${m.channel}`)} ·{' '}
        {m.recipient ? (
          <span className="mono" data-testid="message-recipient">
            {m.recipient}
          </span>
        ) : (
          <span className="muted">{t('notify.noRecipient')}</span>
        )}
      </span>
    </>
  );
}

/**
 * Resend in two steps: the button opens a short form with an optional reason for the message's log
 * ("the customer called with a new address"), and the confirmation sends it.
 */
export function ResendControl({ busy, error, onResend }: { busy: boolean; error?: string; onResend(reason?: string): Promise<boolean> }) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <div className="msg-resend">
      {asking ? (
        <form
          className="msg-resend-form"
          data-testid="resend-form"
          onSubmit={(e) => {
            e.preventDefault();
            void onResend(reason).then((ok) => {
              if (ok) {
                setAsking(false);
                setReason('');
              }
            });
          }}
        >
          <input
            data-testid="resend-reason"
            aria-label={t('notify.resend.reason')}
            placeholder={t('notify.resend.reason')}
            maxLength={500}
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" className="primary" data-testid="resend-confirm" disabled={busy}>
            {busy ? t('notify.working') : t('notify.resend.confirm')}
          </button>
          <button type="button" className="ghost" disabled={busy} onClick={() => setAsking(false)}>
            {t('notify.resend.back')}
          </button>
        </form>
      ) : (
        <button type="button" className="ghost" data-testid="message-resend" disabled={busy} onClick={() => setAsking(true)}>
          {busy ? t('notify.working') : t('notify.resend')}
        </button>
      )}
      {error ? (
        <div className="field-error" role="alert" data-testid="resend-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}
