import { useT } from '../../i18n/locale.store';
import { etaVsPromise } from './shipment-view';
import { formatDay } from './shipping-format';

/** "Thu 4 Jan · on time" / "Sat 7 Jan · 2 d late": an ETA read against the promise. */
export function EtaPromise({ etaAt, promisedAt }: { etaAt: string | null; promisedAt: string | null }) {
  const { t, locale } = useT();
  const vs = etaVsPromise(etaAt, promisedAt);
  if (!etaAt) return <span className="muted">{t('shipping.eta.unknown')}</span>;
  return (
    <span data-testid="eta" data-vs={vs.kind}>
      {formatDay(locale, etaAt)}
      {vs.kind === 'on_time' ? <span className="eta-tag ok"> {t('shipping.eta.onTime')}</span> : null}
      {vs.kind === 'late' ? <span className="eta-tag late"> {t('shipping.eta.late', { n: vs.days })}</span> : null}
    </span>
  );
}
