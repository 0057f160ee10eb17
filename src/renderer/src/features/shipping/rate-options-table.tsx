import type { RateOption } from '../../../../shared';
import { formatMoney, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { formatDay, formatRate } from './shipping-format';
import { optionKey } from './shipment-view';

/**
 * The options the rate shop weighed, ranked: carrier and service, price, transit days, ETA (and
 * whether it meets the promise), the carrier's measured on-time rate in the region, and the score —
 * or why the option was left out. With `onPick` each choosable row gets a radio (the supervisor's dialog).
 */
export function RateOptionsTable({
  options,
  chosen,
  picked,
  onPick,
  disabled,
}: {
  options: readonly RateOption[];
  /** `optionKey` of the option the decision chose (tagged). */
  chosen?: string | null;
  picked?: string | null;
  onPick?(key: string): void;
  disabled?: boolean;
}) {
  const { t, locale } = useT();
  return (
    <table className="rate-options" data-testid="rate-options">
      <thead>
        <tr>
          {onPick ? <th /> : null}
          <th>{t('shipping.col.carrier')}</th>
          <th className="num">{t('shipping.col.price')}</th>
          <th className="num">{t('shipping.col.days')}</th>
          <th>{t('shipping.col.eta')}</th>
          <th className="num">{t('shipping.col.onTime')}</th>
          <th className="num">{t('shipping.col.score')}</th>
        </tr>
      </thead>
      <tbody>
        {options.map((o) => {
          const key = optionKey(o);
          const isChosen = key === chosen;
          return (
            <tr
              key={key}
              className={[o.excluded ? 'excluded' : '', isChosen ? 'chosen' : ''].join(' ').trim() || undefined}
              data-testid="rate-option"
              data-option={key}
              data-excluded={o.excluded ? 'true' : 'false'}
            >
              {onPick ? (
                <td>
                  <input
                    type="radio"
                    name="rate-option"
                    aria-label={`${o.carrierName} · ${o.serviceName}`}
                    data-testid="rate-option-pick"
                    value={key}
                    checked={picked === key}
                    disabled={disabled || o.excluded !== null}
                    onChange={() => onPick(key)}
                  />
                </td>
              ) : null}
              <td>
                <strong>{o.carrierName}</strong>
                {isChosen ? <span className="chosen-tag">{t('shipping.chosenTag')}</span> : null}
                <div className="muted">{o.serviceName}</div>
                {o.excluded ? (
                  <div className="why small" data-testid="rate-option-excluded">
                    {o.excluded}
                  </div>
                ) : null}
              </td>
              <td className="num">{o.price ? formatMoney(locale, o.price.amount, o.price.currency) : '—'}</td>
              <td className="num">{o.transitDays ?? '—'}</td>
              <td className={o.meetsPromise === false ? 'eta late' : 'eta'}>
                {formatDay(locale, o.etaAt)}
                {o.meetsPromise === false ? ' ⚠' : ''}
              </td>
              <td className="num">
                {o.onTimeRate === null ? (
                  <span className="muted" title={t('shipping.onTime.none')}>
                    —
                  </span>
                ) : (
                  formatRate(locale, o.onTimeRate)
                )}
              </td>
              <td className="num muted">{o.score !== null ? formatNumber(locale, o.score, { maximumFractionDigits: 0 }) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
