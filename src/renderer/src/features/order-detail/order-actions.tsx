import { useState } from 'react';
import { mayCall } from '../../../../shared';
import { useT } from '../../i18n/locale.store';
import { OrderFloorActions } from '../floor/order-floor-actions';
import { DETAIL_KEYS, useDetailCommand } from '../palette/detail-commands.store';
import { KeyHint } from '../palette/kbd';
import { OverrideControl } from '../override/override-dialog';
import { useOrdersStore } from '../orders/orders.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { selectCanCancel, selectNextStep, useOrderDetailStore } from './order-detail.store';

/** The planner's two moves on an order: the next floor step, and cancellation with a mandatory reason — each only for a role that may. */
export function OrderActions() {
  const { t, locale } = useT();
  const role = useSessionStore(selectRole);
  const detail = useOrderDetailStore((s) => s.detail);
  const busy = useOrderDetailStore((s) => s.busy);
  const actionError = useOrderDetailStore((s) => s.actionError);
  const next = mayCall(role, 'orders.advance') ? selectNextStep({ detail }) : null;
  const canCancel = selectCanCancel({ detail }) && mayCall(role, 'orders.cancel');
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);

  const afterAction = (ok: boolean) => {
    // Events refresh the queue too; this covers a desk whose event stream is reconnecting.
    if (ok) useOrdersStore.getState().refreshRequested();
    return ok;
  };
  const advance = async () => afterAction(await useOrderDetailStore.getState().advanceRequested());
  // The keys (and the palette) reach exactly the buttons on screen: none while busy or writing a reason.
  useDetailCommand('advance', detail && next && !busy && !cancelling ? () => void advance() : null);
  useDetailCommand('cancel', detail && canCancel && !busy && !cancelling ? () => setCancelling(true) : null);
  if (!detail) return null;
  const cancel = async () => {
    setTouched(true);
    if (!reason.trim()) return;
    if (afterAction(await useOrderDetailStore.getState().cancelRequested(reason))) {
      setCancelling(false);
      setReason('');
      setTouched(false);
    }
  };

  return (
    <div className="actions">
      {!cancelling ? (
        <div className="action-row">
          {next ? (
            <button
              type="button"
              className="primary"
              data-testid="advance-button"
              data-to-status={next}
              disabled={busy}
              aria-keyshortcuts={DETAIL_KEYS.advance.toUpperCase()}
              onClick={() => void advance()}
            >
              {busy ? t('detail.working') : t(`advance.${next}`)}
              <KeyHint k={DETAIL_KEYS.advance} />
            </button>
          ) : (
            <span className="muted small">
              {detail.status === 'received'
                ? t('detail.waitingSourcing')
                : !canCancel
                  ? t('detail.final', { status: t(`status.${detail.status}`).toLocaleLowerCase(locale) })
                  : null}
            </span>
          )}
          <OverrideControl />
          <OrderFloorActions />
          {canCancel ? (
            <button
              type="button"
              className="danger ghost"
              data-testid="cancel-button"
              disabled={busy}
              aria-keyshortcuts={DETAIL_KEYS.cancel.toUpperCase()}
              onClick={() => setCancelling(true)}
            >
              {t('detail.cancel')}
              <KeyHint k={DETAIL_KEYS.cancel} />
            </button>
          ) : null}
        </div>
      ) : (
        <form
          className="cancel-form"
          data-testid="cancel-form"
          onSubmit={(e) => {
            e.preventDefault();
            void cancel();
          }}
        >
          <label htmlFor="cancel-reason">{t('detail.cancel.reason')}</label>
          <textarea
            id="cancel-reason"
            data-testid="cancel-reason"
            value={reason}
            maxLength={500}
            rows={2}
            autoFocus
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={touched && !reason.trim()}
          />
          {touched && !reason.trim() ? <div className="field-error">{t('detail.cancel.required')}</div> : null}
          <div className="action-row">
            <button type="submit" className="danger" data-testid="cancel-confirm" disabled={busy}>
              {busy ? t('detail.working') : t('detail.cancel.confirm')}
            </button>
            <button
              type="button"
              className="ghost"
              disabled={busy}
              onClick={() => {
                setCancelling(false);
                setTouched(false);
              }}
            >
              {t('detail.cancel.back')}
            </button>
          </div>
        </form>
      )}
      {actionError ? (
        <div className="banner error" role="alert" data-testid="action-error">
          {actionError}
        </div>
      ) : null}
    </div>
  );
}
