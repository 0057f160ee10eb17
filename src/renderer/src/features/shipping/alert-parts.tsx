import { useState } from 'react';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useNow } from '../../lib/use-now';
import { useNavStore } from '../../app/nav.store';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { alertAge, hoursOpen } from './shipment-view';

/** How long an alert has been open, coloured against the desk's service level (fresh, due, overdue). */
export function AlertAgeChip({ raisedAt }: { raisedAt: string }) {
  const { t, locale } = useT();
  const now = useNow(60_000);
  const h = hoursOpen(raisedAt, now);
  const age = alertAge(raisedAt, now);
  return (
    <span className={`age-chip age-${age}`} data-testid="alert-age" data-age={age} title={t(`alerts.age.${age}`)}>
      {h < 48 ? t('alerts.hours', { n: formatNumber(locale, h) }) : t('alerts.days', { n: formatNumber(locale, Math.floor(h / 24)) })}
    </span>
  );
}

/** The order an alert is about, as a link that opens it in the tower's detail panel. */
export function OrderLink({ orderId, number }: { orderId: string; number: number }) {
  const { t } = useT();
  return (
    <button
      type="button"
      className="link"
      data-testid="alert-order"
      title={t('alerts.openOrder')}
      onClick={() => {
        useNavStore.getState().opened('tower');
        useOrderDetailStore.getState().orderSelected(orderId);
      }}
    >
      #{number}
    </button>
  );
}

/** Resolve in one click, or with a note ("called the customer") after a second one. */
export function ResolveAlert({ busy, error, onResolve }: { busy: boolean; error?: string; onResolve(note?: string): Promise<unknown> }) {
  const { t } = useT();
  const [noting, setNoting] = useState(false);
  const [note, setNote] = useState('');
  return (
    <div className="resolve-alert">
      {noting ? (
        <form
          className="resolve-note"
          onSubmit={(e) => {
            e.preventDefault();
            void onResolve(note).then(() => setNoting(false));
          }}
        >
          <input
            data-testid="alert-note"
            aria-label={t('alerts.note')}
            placeholder={t('alerts.note')}
            maxLength={500}
            autoFocus
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" className="primary" data-testid="alert-resolve-noted" disabled={busy}>
            {t('alerts.resolve')}
          </button>
          <button type="button" className="ghost" disabled={busy} onClick={() => setNoting(false)}>
            ✕
          </button>
        </form>
      ) : (
        <>
          <button type="button" className="ghost" data-testid="alert-resolve" disabled={busy} onClick={() => void onResolve()}>
            {busy ? t('shipping.working') : t('alerts.resolve')}
          </button>
          <button
            type="button"
            className="ghost"
            data-testid="alert-add-note"
            disabled={busy}
            title={t('alerts.withNote')}
            onClick={() => setNoting(true)}
          >
            ✎
          </button>
        </>
      )}
      {error ? (
        <div className="field-error" role="alert" data-testid="alert-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}
