import { useEffect } from 'react';
import { ITEM_CONDITIONS, RESOLUTIONS, RETURN_METHODS, type ItemCondition, type Resolution, type ReturnMethod } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useLocationsStore } from '../map/locations.store';
import { useOrderReturnsStore } from './order-returns.store';
import { withLine, type ReturnForm } from './return-form';

/**
 * The call centre's return request: which items and how many, why (the settings' reasons) and in
 * what condition, how the parcel comes back, what the customer gets and where it is received.
 * Sized for the detail panel (about 480 px): each item is a small block, the rest a two-column grid.
 */
export function ReturnRequestForm() {
  const { t, locale } = useT();
  const form = useOrderReturnsStore((s) => s.form);
  const settings = useOrderReturnsStore((s) => s.settings);
  const problems = useOrderReturnsStore((s) => s.problems);
  const submitting = useOrderReturnsStore((s) => s.submitting);
  const submitError = useOrderReturnsStore((s) => s.submitError);
  const locations = useLocationsStore((s) => s.locations);
  useEffect(() => {
    if (!useLocationsStore.getState().loaded) void useLocationsStore.getState().refreshRequested();
  }, []);
  if (!form) return null;
  const store = useOrderReturnsStore.getState();
  const change = (next: ReturnForm) => store.formChanged(next);
  return (
    <form
      className="return-request"
      data-testid="return-request-form"
      aria-label={t('returns.order.requestTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void store.submitted();
      }}
    >
      <div className="return-request-title">{t('returns.order.requestTitle')}</div>
      <fieldset className="return-request-lines">
        <legend>{t('returns.form.lines')}</legend>
        {form.lines.map((l) => (
          <div
            key={l.sku}
            className={l.chosen ? 'return-request-line chosen' : 'return-request-line'}
            data-testid="return-request-line"
            data-sku={l.sku}
          >
            <label className="return-request-item">
              <input
                type="checkbox"
                data-testid="return-request-choose"
                checked={l.chosen}
                disabled={l.returnable < 1}
                aria-label={t('returns.form.item', { sku: l.sku })}
                onChange={(e) => change(withLine(form, l.sku, { chosen: e.target.checked }))}
              />
              <span className="mono">{l.sku}</span>
              <span className="ellipsis">{l.productName ?? ''}</span>
            </label>
            {l.chosen ? (
              <div className="return-request-line-fields">
                <label>
                  <span className="muted small">{t('returns.form.quantity')}</span>
                  <span className="qty">
                    <input
                      type="number"
                      min={1}
                      max={l.returnable}
                      className="num-input"
                      data-testid="return-request-quantity"
                      aria-label={t('returns.form.quantityOf', { sku: l.sku })}
                      value={l.quantity}
                      onChange={(e) => change(withLine(form, l.sku, { quantity: Math.floor(Number(e.target.value)) || 0 }))}
                    />
                    <span className="muted small">{t('returns.form.of', { n: formatNumber(locale, l.returnable) })}</span>
                  </span>
                </label>
                <label>
                  <span className="muted small">{t('returns.form.reason')}</span>
                  <select
                    data-testid="return-request-reason"
                    aria-label={t('returns.form.reasonOf', { sku: l.sku })}
                    value={l.reason}
                    aria-invalid={problems.includes('returns.form.problem.reason') && !l.reason}
                    onChange={(e) => change(withLine(form, l.sku, { reason: e.target.value }))}
                  >
                    <option value="">{t('returns.form.chooseReason')}</option>
                    {(settings?.reasons ?? []).map((r) => (
                      <option key={r.code} value={r.code}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <span className="muted small">{t('returns.form.condition')}</span>
                  <select
                    data-testid="return-request-condition"
                    aria-label={t('returns.form.conditionOf', { sku: l.sku })}
                    value={l.condition}
                    onChange={(e) => change(withLine(form, l.sku, { condition: e.target.value as ItemCondition }))}
                  >
                    {ITEM_CONDITIONS.map((c) => (
                      <option key={c} value={c}>
                        {t(`returns.condition.${c}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            ) : null}
          </div>
        ))}
      </fieldset>
      <div className="return-request-grid">
        <label>
          <span className="muted small">{t('returns.form.method')}</span>
          <select
            data-testid="return-request-method"
            value={form.method}
            onChange={(e) => change({ ...form, method: e.target.value as ReturnMethod })}
          >
            {RETURN_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`returns.method.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="muted small">{t('returns.form.resolution')}</span>
          <select
            data-testid="return-request-resolution"
            value={form.resolution}
            onChange={(e) => change({ ...form, resolution: e.target.value as Resolution })}
          >
            {RESOLUTIONS.map((r) => (
              <option key={r} value={r}>
                {t(`returns.resolution.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          <span className="muted small">{t('returns.form.location')}</span>
          <select
            data-testid="return-request-location"
            value={form.locationId}
            onChange={(e) => change({ ...form, locationId: e.target.value })}
          >
            <option value="">{t('returns.form.noLocation')}</option>
            {locations
              .filter((l) => l.active || l.id === form.locationId)
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} · {l.city}
                </option>
              ))}
          </select>
        </label>
        <label className="wide">
          <span className="muted small">{t('returns.form.notes')}</span>
          <textarea
            rows={2}
            maxLength={2000}
            value={form.notes}
            data-testid="return-request-notes"
            onChange={(e) => change({ ...form, notes: e.target.value })}
          />
        </label>
      </div>
      {problems.length ? (
        <ul className="field-error return-request-problems" role="alert" data-testid="return-request-problems">
          {problems.map((p) => (
            <li key={p}>{t(p)}</li>
          ))}
        </ul>
      ) : null}
      {submitError ? (
        <div className="banner error" role="alert" data-testid="return-request-error">
          {submitError}
        </div>
      ) : null}
      <div className="action-row">
        <button type="submit" className="primary" data-testid="return-request-submit" disabled={submitting}>
          {submitting ? t('returns.form.submitting') : t('returns.form.submit')}
        </button>
        <button type="button" className="ghost" disabled={submitting} onClick={() => store.formClosed()}>
          {t('returns.form.cancel')}
        </button>
      </div>
    </form>
  );
}
