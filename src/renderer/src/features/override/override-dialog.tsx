import { useState } from 'react';
import { createPortal } from 'react-dom';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { useOrdersStore } from '../orders/orders.store';
import { DETAIL_KEYS, useDetailCommand } from '../palette/detail-commands.store';
import { KeyHint } from '../palette/kbd';
import { selectCanFill, selectCanOverride, useOverrideStore } from './override.store';
import './override.css';

/** The supervisor's "move to another location" button, and its dialog while open. Hidden for other roles. */
export function OverrideControl() {
  const { t } = useT();
  const role = useSessionStore(selectRole);
  const detail = useOrderDetailStore((s) => s.detail);
  const openFor = useOverrideStore((s) => s.orderId);
  const can = !!detail && selectCanOverride(role, detail.status);
  useDetailCommand('move', can && detail && openFor !== detail.id ? () => void useOverrideStore.getState().opened(detail.id) : null);
  if (!detail || !can) return null;
  return (
    <>
      <button
        type="button"
        className="ghost"
        data-testid="override-button"
        aria-keyshortcuts={DETAIL_KEYS.move.toUpperCase()}
        onClick={() => void useOverrideStore.getState().opened(detail.id)}
      >
        {t('override.open')}
        <KeyHint k={DETAIL_KEYS.move} />
      </button>
      {/* On the body: the detail panel clips and contains what is inside it. */}
      {openFor === detail.id
        ? createPortal(<OverrideDialog number={detail.number} skusOfOrder={detail.lines.map((l) => l.sku)} />, document.body)
        : null}
    </>
  );
}

function OverrideDialog({ number, skusOfOrder }: { number: number; skusOfOrder: string[] }) {
  const { t, locale } = useT();
  const options = useOverrideStore((s) => s.options);
  const loading = useOverrideStore((s) => s.loading);
  const error = useOverrideStore((s) => s.error);
  const chosen = useOverrideStore((s) => s.chosen);
  const busy = useOverrideStore((s) => s.busy);
  const skus = useOverrideStore((s) => s.skus);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const store = useOverrideStore.getState();
  const list = options?.options ?? [];

  const submit = async () => {
    setTouched(true);
    if (!reason.trim() || !chosen) return;
    if (await useOverrideStore.getState().confirmed(reason)) {
      // Events refresh both too; this covers a desk whose event stream is reconnecting.
      void useOrderDetailStore.getState().refreshRequested();
      useOrdersStore.getState().refreshRequested();
    }
  };

  return (
    <div className="override-backdrop" role="presentation" onClick={(e) => e.target === e.currentTarget && !busy && store.closed()}>
      <form
        className="override-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t('override.title', { number: `#${number}` })}
        data-testid="override-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h3>{t('override.title', { number: `#${number}` })}</h3>
        {options ? (
          <p className="muted" data-testid="override-engine-choice">
            {options.engineChoice ? t('override.engineChose', { location: options.engineChoice.locationName }) : t('override.engineNone')}
          </p>
        ) : null}
        {skusOfOrder.length > 1 ? (
          <fieldset className="override-lines" data-testid="override-lines">
            <legend>{t('override.lines')}</legend>
            {skusOfOrder.map((sku) => (
              <label key={sku}>
                <input
                  type="checkbox"
                  data-testid="override-line"
                  value={sku}
                  checked={!skus || skus.includes(sku)}
                  disabled={busy}
                  onChange={() => store.lineToggled(sku, skusOfOrder)}
                />{' '}
                <span className="mono">{sku}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        {skus && skus.length === 0 ? <div className="field-error">{t('override.lines.none')}</div> : null}
        {loading ? <p className="muted">{t('override.loading')}</p> : null}
        {options && list.length === 0 ? <p className="muted">{t('override.none')}</p> : null}
        {list.length ? (
          <table className="override-options" data-testid="override-options">
            <thead>
              <tr>
                <th />
                <th>{t('override.col.location')}</th>
                <th className="num">{t('override.col.rank')}</th>
                <th className="num">{t('override.col.distance')}</th>
                <th className="num">{t('override.col.available')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((o) => (
                <tr
                  key={o.locationId}
                  data-testid="override-option"
                  data-location-id={o.locationId}
                  className={selectCanFill(o, skus) ? '' : 'cannot'}
                >
                  <td>
                    <input
                      type="radio"
                      name="override-location"
                      id={`ov-${o.locationId}`}
                      value={o.locationId}
                      disabled={!selectCanFill(o, skus) || busy}
                      checked={chosen === o.locationId}
                      onChange={() => store.locationChosen(o.locationId)}
                    />
                  </td>
                  <td>
                    <label htmlFor={`ov-${o.locationId}`}>{o.locationName}</label>
                    <div className="muted small">
                      {o.city}
                      {o.current ? ` · ${t('override.current')}` : ''}
                      {!selectCanFill(o, skus) && !o.current ? ` · ${t('override.cannotFill')}` : ''}
                      {o.excludedReason ? <span data-testid="override-excluded"> · {o.excludedReason}</span> : null}
                    </div>
                  </td>
                  <td className="num">{o.engineRank ?? '—'}</td>
                  <td className="num">{formatNumber(locale, o.distanceKm, { maximumFractionDigits: 1 })} km</td>
                  <td className="num" title={o.lines.map((l) => `${l.sku}: ${l.available}/${l.needed}`).join('\n')}>
                    {skus && skus.length === 0
                      ? '—'
                      : formatNumber(
                          locale,
                          skus ? Math.min(...o.lines.filter((l) => skus.includes(l.sku)).map((l) => l.available)) : o.available,
                        )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {touched && !chosen && options ? <div className="field-error">{t('override.location.required')}</div> : null}
        <label htmlFor="override-reason">{t('override.reason')}</label>
        <textarea
          id="override-reason"
          data-testid="override-reason"
          value={reason}
          maxLength={500}
          rows={2}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={touched && !reason.trim()}
        />
        {touched && !reason.trim() ? (
          <div className="field-error" data-testid="override-reason-error">
            {t('override.reason.required')}
          </div>
        ) : null}
        {error ? (
          <div className="banner error" role="alert" data-testid="override-error">
            {error}
          </div>
        ) : null}
        <div className="action-row">
          <button type="submit" className="primary" data-testid="override-confirm" disabled={busy || loading}>
            {busy ? t('override.working') : t('override.confirm')}
          </button>
          <button type="button" className="ghost" disabled={busy} onClick={() => store.closed()}>
            {t('override.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
