import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../i18n/locale.store';
import '../override/override.css';
import { RateOptionsTable } from './rate-options-table';
import { choosable } from './shipment-view';
import { useShippingStore } from './shipping.store';

/**
 * The supervisor's "Change carrier" dialog: live quotes for what the order packed at a location,
 * one option picked (preset to the current choice), a mandatory reason, then `shipping.choose`.
 * On the body: the detail panel clips what is inside it.
 */
export function ChangeCarrierDialog({ number }: { number: number }) {
  const change = useShippingStore((s) => s.change);
  if (!change) return null;
  return createPortal(<Dialog number={number} />, document.body);
}

function Dialog({ number }: { number: number }) {
  const { t } = useT();
  const change = useShippingStore((s) => s.change)!;
  const busy = useShippingStore((s) => !!s.busy.choose);
  const error = useShippingStore((s) => s.changeError);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const store = useShippingStore.getState();
  const options = change.options ?? [];
  const pickedOk = options.some((o) => o.excluded === null && `${o.carrierAccountId}/${o.service}` === change.picked);
  const short = reason.trim().length < 3;
  const title = t('shipping.change.title', { number: `#${number}` });
  return (
    <div className="override-backdrop" role="presentation" onClick={(e) => e.target === e.currentTarget && !busy && store.changeClosed()}>
      <form
        className="override-dialog change-carrier"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid="change-carrier-dialog"
        onKeyDown={(e) => e.key === 'Escape' && !busy && store.changeClosed()}
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!short && pickedOk) void store.carrierChosen(reason);
        }}
      >
        <h3>{title}</h3>
        <p className="muted small">{t('shipping.change.hint')}</p>
        {change.loading ? (
          <p className="muted" data-testid="change-carrier-loading">
            <span className="spinner" aria-hidden="true" /> {t('shipping.change.loading')}
          </p>
        ) : null}
        {change.error ? (
          <div className="banner error" role="alert" data-testid="change-carrier-quote-error">
            {change.error}
            <button type="button" onClick={() => void store.changeOpened(change.locationId)}>
              {t('shipping.change.retry')}
            </button>
          </div>
        ) : null}
        {change.options && choosable(options).length === 0 && !change.error ? <p className="muted">{t('shipping.change.none')}</p> : null}
        {options.length ? (
          <RateOptionsTable options={options} picked={change.picked} onPick={(k) => store.optionPicked(k)} disabled={busy} />
        ) : null}
        {touched && !pickedOk ? <div className="field-error">{t('shipping.change.pick')}</div> : null}
        <label htmlFor="change-carrier-reason">{t('shipping.change.reason')}</label>
        <textarea
          id="change-carrier-reason"
          data-testid="change-carrier-reason"
          value={reason}
          maxLength={500}
          rows={2}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={touched && short}
        />
        {touched && short ? <div className="field-error">{t('shipping.change.required')}</div> : null}
        {error ? (
          <div className="banner error" role="alert" data-testid="change-carrier-error">
            {error}
          </div>
        ) : null}
        <div className="action-row">
          <button type="submit" className="primary" data-testid="change-carrier-confirm" disabled={busy || change.loading}>
            {busy ? t('shipping.working') : t('shipping.change.confirm')}
          </button>
          <button type="button" className="ghost" disabled={busy} onClick={() => store.changeClosed()}>
            {t('shipping.change.back')}
          </button>
        </div>
      </form>
    </div>
  );
}
