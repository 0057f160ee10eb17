import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import type { SourcingDecision } from './sourcing-decision';

/** The ranked candidates the engine considered, the chosen one marked, and why the others were left out. */
export function SourcingDecisionView({ decision }: { decision: SourcingDecision }) {
  const { t, locale } = useT();
  return (
    <div className="decision" data-testid="sourcing-decision">
      {decision.candidates.length ? (
        <>
          <div className="decision-title">{t('detail.decision.candidates', { strategy: decision.strategy ?? '—' })}</div>
          <ol>
            {decision.candidates.map((c) => (
              <li key={c.locationId || c.locationName} className={c.locationId && c.locationId === decision.chosen ? 'chosen' : ''}>
                <span>{c.locationName}</span>
                <span className="muted">{Number.isFinite(c.distanceKm) ? `${formatNumber(locale, c.distanceKm, { maximumFractionDigits: 1 })} km` : ''}</span>
                {c.locationId && c.locationId === decision.chosen ? <span className="chosen-tag">{t('detail.decision.chosen')}</span> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {decision.excluded.length ? (
        <details>
          <summary>{t('detail.decision.excluded', { n: formatNumber(locale, decision.excludedCount) })}</summary>
          <ul>
            {decision.excluded.map((e) => (
              <li key={e.locationId || e.locationName}>
                <strong>{e.locationName}</strong>: {e.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
