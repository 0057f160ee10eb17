import { useState } from 'react';
import { mayCall, type ExceptionItem } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { useNavStore } from '../../app/nav.store';
import { formatDateTime } from '../../i18n/format';
import { translateOr } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';
import { describeReasonCodes } from '../../i18n/reasons';
import { MessageStatusChip, MessageWhat, ResendControl } from '../notifications/message-parts';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { selectRole, selectUser, useSessionStore } from '../session/session.store';
import { ResolveAlert } from '../shipping/alert-parts';
import { useUnroutableStore } from '../unroutable/unroutable.store';
import { itemKey, useExceptionInboxStore } from './exception-inbox.store';
import { useExceptionsStore } from './exceptions.store';
import { useFailedMessagesStore } from './failed-messages.store';
import { useShippingAlertsStore } from './shipping-alerts.store';

/** Opens an order in the tower's detail panel. */
export function openOrder(orderId: string) {
  useNavStore.getState().opened('tower');
  useOrderDetailStore.getState().orderSelected(orderId);
}

/** The order an item is about, as "#1042" that opens it; never its id. */
export function ItemOrderLink({ item, testId }: { item: ExceptionItem; testId: string }) {
  const { t } = useT();
  if (!item.orderId || item.orderNumber === null) return <span className="muted">{t('xinbox.noOrder')}</span>;
  return (
    <button
      type="button"
      className="link"
      data-testid={testId}
      title={t('xinbox.orderLink', { number: item.orderNumber })}
      onClick={() => openOrder(item.orderId!)}
    >
      #{item.orderNumber}
    </button>
  );
}

/** Why an item waits, in the desk's language (its parameters that are times in local time). */
export function ItemReason({ item }: { item: ExceptionItem }) {
  const { locale } = useT();
  const message = useFailedMessagesStore((s) =>
    item.kind === 'failed_notification' ? s.messages.find((x) => x.id === item.refId) : undefined,
  );
  const codes = item.reasonCodes.map((c) => ({
    code: c.code,
    params: Object.fromEntries(
      Object.entries(c.params).map(([k, v]) => [k, /At$/.test(k) && /^\d{4}-\d\d-\d\dT/.test(v) ? formatDateTime(locale, v) : v]),
    ),
  }));
  const m = message;
  if (m) {
    return (
      <div className="msg-why">
        <MessageWhat message={m} />
        <MessageStatusChip message={m} />
        {m.reason ? (
          <div className="small" data-testid="message-reason">
            {m.reason}
          </div>
        ) : null}
      </div>
    );
  }
  const text = describeReasonCodes(locale, codes, item.reason, ['intake', 'sourcing', 'exception']);
  return (
    <span className="xinbox-reason" title={text}>
      {item.kind === 'carrier_exception' && item.detail.alert ? (
        <strong>{translateOr(locale, `delay.${item.detail.alert}`, String(item.detail.alert))} · </strong>
      ) : null}
      {item.kind === 'carrier_exception' ? String(item.reasonCodes[0]?.params.detail ?? item.reason) : text}
      {item.kind === 'carrier_exception' && item.detail.carrierName ? (
        <span className="muted small"> · {String(item.detail.carrierName)}</span>
      ) : null}
    </span>
  );
}

/** Who holds an item, and "take it" / "release" (a supervisor may take it over from someone else). */
export function OwnerControls({ item }: { item: ExceptionItem }) {
  const { t, locale } = useT();
  const user = useSessionStore(selectUser);
  const role = useSessionStore(selectRole);
  const key = itemKey(item);
  const busy = useExceptionInboxStore((s) => !!s.busy[key]);
  const error = useExceptionInboxStore((s) => s.errors[key]);
  const store = useExceptionInboxStore.getState();
  const mine = !!item.owner && item.owner.userId === user?.id;
  return (
    <div className="xinbox-owner">
      {item.owner ? (
        <span
          className={mine ? 'owner-chip mine' : 'owner-chip'}
          data-testid="exception-owner"
          title={t('xinbox.takenAt', { at: formatDateTime(locale, item.owner.takenAt) })}
        >
          {mine ? t('xinbox.you') : item.owner.name}
        </span>
      ) : (
        <span className="owner-chip none" data-testid="exception-owner">
          {t('xinbox.nobody')}
        </span>
      )}
      {!item.owner && mayCall(role, 'exceptions.take') ? (
        <button
          type="button"
          className="small-btn"
          data-testid="exception-take"
          disabled={busy}
          onClick={() => void store.takeRequested(item)}
        >
          {t('xinbox.take')}
        </button>
      ) : null}
      {mine || (item.owner && role === 'supervisor') ? (
        <button
          type="button"
          className="small-btn ghost"
          data-testid="exception-release"
          disabled={busy}
          onClick={() => void store.releaseRequested(item)}
        >
          {t('xinbox.release')}
        </button>
      ) : null}
      {item.owner && !mine && role === 'supervisor' ? (
        <button
          type="button"
          className="small-btn ghost"
          data-testid="exception-steal"
          disabled={busy}
          onClick={() => void store.takeRequested(item, true)}
        >
          {t('xinbox.steal')}
        </button>
      ) : null}
      {error ? (
        <div className="field-error" role="alert" data-testid="exception-claim-error">
          {error.code === 'ALREADY_TAKEN' ? t('xinbox.alreadyTaken', { message: error.message }) : error.message}
        </div>
      ) : null}
    </div>
  );
}

/** An item's own one-click action, as its module offers it: open, retry, resolve, resend, review, print again. */
export function ItemActions({ item }: { item: ExceptionItem }) {
  const { t } = useT();
  const role = useSessionStore(selectRole);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const alertBusy = useShippingAlertsStore((s) => !!s.busy[item.refId]);
  const alertError = useShippingAlertsStore((s) => s.errors[item.refId]);
  const done = () => useExceptionInboxStore.getState().itemActedOn();
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      done();
    }
  };
  let action: React.ReactNode = null;
  switch (item.kind) {
    case 'intake_quarantine':
      action = (
        <button
          type="button"
          className="small-btn"
          data-testid="exception-open"
          onClick={() => useExceptionsStore.getState().rowSelected(item.refId)}
        >
          {t('xinbox.open')}
        </button>
      );
      break;
    case 'unroutable':
    case 'store_rejection':
      if (item.detail.status === 'unfillable' && mayCall(role, 'unroutable.retry'))
        action = (
          <button
            type="button"
            className="small-btn"
            data-testid="exception-retry"
            disabled={busy}
            onClick={() => void run(() => useUnroutableStore.getState().retryRequested(item.orderId!))}
          >
            {t('xinbox.retry')}
          </button>
        );
      break;
    case 'carrier_exception':
      action = (
        <ResolveAlert
          busy={alertBusy}
          error={alertError}
          onResolve={(note) => useShippingAlertsStore.getState().alertResolved(item.refId, note).finally(done)}
        />
      );
      break;
    case 'failed_notification':
      if (mayCall(role, 'notifications.resend'))
        action = (
          <ResendControl
            busy={busy}
            error={error ?? undefined}
            onResend={async (reason) => {
              const ok = await useFailedMessagesStore.getState().resendRequested(item.refId, reason);
              done();
              return ok;
            }}
          />
        );
      return action;
    case 'return_review':
      action = (
        <button type="button" className="small-btn" data-testid="exception-review" onClick={() => useNavStore.getState().opened('returns')}>
          {t('xinbox.review')}
        </button>
      );
      break;
    case 'print_failure':
      if (mayCall(role, 'printing.retry'))
        action = (
          <button
            type="button"
            className="small-btn"
            data-testid="exception-reprint"
            disabled={busy}
            onClick={() => void run(() => desk.call('printing.retry', { jobId: item.refId }))}
          >
            {t('xinbox.reprint')}
          </button>
        );
      break;
    case 'late_order':
      break;
  }
  return (
    <>
      {action}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </>
  );
}
