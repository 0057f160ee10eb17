import type { ShippingDecision } from '../../../../shared';
import { RelativeTime } from '../../components/relative-time';
import { formatHourMinute, formatMoney } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { EtaPromise } from './eta-promise';
import { RateOptionsTable } from './rate-options-table';
import { formatDay } from './shipping-format';
import { chosenOption, optionKey } from './shipment-view';

/**
 * The rate shop's decision for what the order packed at one location, like the sourcing decision:
 * the chosen carrier and service with its price and ETA against the promise, the engine's sentence
 * on why, a supervisor's change with their reason, and every option weighed.
 */
export function ShippingDecisionView({
  decision,
  locationName,
  onChange,
}: {
  decision: ShippingDecision;
  locationName: string;
  /** Present for a role that may change the carrier. */
  onChange?: () => void;
}) {
  const { t, locale } = useT();
  const chosen = chosenOption(decision);
  return (
    <div className="decision ship-decision" data-testid="shipping-decision" data-location-id={decision.locationId}>
      <div className="ship-decision-head">
        <span className="decision-title">{t('shipping.decision.title', { location: locationName })}</span>
        {onChange ? (
          <button type="button" className="ghost small-button" data-testid="change-carrier" onClick={onChange}>
            {t('shipping.change')}
          </button>
        ) : null}
      </div>
      <div className="ship-decision-choice" data-testid="shipping-chosen">
        <strong>
          {t('shipping.decision.chosen', {
            carrier: chosen?.carrierName ?? decision.carrierAccountId,
            service: chosen?.serviceName ?? decision.service,
          })}
        </strong>
        {chosen?.price ? <span> · {formatMoney(locale, chosen.price.amount, chosen.price.currency)}</span> : null}
        <span> · </span>
        <EtaPromise etaAt={chosen?.etaAt ?? null} promisedAt={decision.promisedAt} />
      </div>
      <p className="ship-explanation" data-testid="shipping-explanation">
        {decision.explanation}
      </p>
      <div className="muted small">
        {decision.promisedAt ? t('shipping.decision.promise', { date: formatDay(locale, decision.promisedAt) }) : null}
        {decision.cutoffAt
          ? ` · ${t('shipping.decision.cutoff', { time: `${formatDay(locale, decision.cutoffAt)} ${formatHourMinute(locale, decision.cutoffAt)}` })}`
          : null}
        {' · '}
        {t('shipping.decision.by', { who: decision.decidedBy })} <RelativeTime iso={decision.decidedAt} />
      </div>
      {decision.overridden ? (
        <div className="timeline-reason" data-testid="shipping-overridden">
          {t('shipping.decision.overridden', { reason: decision.reason ?? '—' })}
        </div>
      ) : null}
      <details open>
        <summary>{t('shipping.options', { n: decision.options.length })}</summary>
        <RateOptionsTable
          options={decision.options}
          chosen={optionKey({ carrierAccountId: decision.carrierAccountId, service: decision.service })}
        />
      </details>
    </div>
  );
}
