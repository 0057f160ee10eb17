import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { costOverChosen, type DecisionPart, type SourcingDecision } from './sourcing-decision';

const TERMS = ['shipping', 'distance', 'labour', 'stockBalance', 'capacityUse'] as const;

function PartCost({ part }: { part: DecisionPart }) {
  const { t, locale } = useT();
  if (!part.cost) return null;
  const cost = part.cost;
  return (
    <div className="muted small" data-testid="decision-part">
      {part.locationName}: {part.lines.map((l) => `${l.sku}×${l.quantity}`).join(', ')} —{' '}
      {TERMS.filter((k) => cost[k] !== 0)
        .map((k) => `${t(`decision.term.${k}`)} ${formatNumber(locale, cost[k], { maximumFractionDigits: 0 })}`)
        .join(' · ')}
    </div>
  );
}

/** The ranked options the engine considered with their costs, the chosen one marked, and why every other location was left out. */
export function SourcingDecisionView({ decision }: { decision: SourcingDecision }) {
  const { t, locale } = useT();
  const n = (x: number) => formatNumber(locale, x, { maximumFractionDigits: 0 });
  return (
    <div className="decision" data-testid="sourcing-decision">
      {decision.profile ? (
        <div className="muted small" data-testid="decision-profile">
          {t('decision.profile', {
            profile: decision.profile,
            strategy: decision.strategy ?? '—',
            method: decision.method === 'heuristic' ? t('decision.method.heuristic') : t('decision.method.exact'),
          })}
        </div>
      ) : null}
      {decision.candidates.length ? (
        <>
          <div className="decision-title">{t('detail.decision.candidates', { strategy: decision.strategy ?? '—' })}</div>
          <ol>
            {decision.candidates.map((c) => {
              const chosen = c.locationId !== '' && c.locationId === decision.chosen;
              const delta = chosen ? null : costOverChosen(decision, c.locationId);
              return (
                <li key={c.locationId || c.locationName} className={chosen ? 'chosen' : ''} data-testid="decision-candidate">
                  <span>{c.locationName}</span>
                  <span className="muted">
                    {Number.isFinite(c.distanceKm) ? `${formatNumber(locale, c.distanceKm, { maximumFractionDigits: 1 })} km` : ''}
                  </span>
                  {c.total !== null ? <span className="muted"> · {t('decision.cost', { total: n(c.total) })}</span> : null}
                  {delta === 0 ? (
                    <span className="muted" data-testid="decision-tie">
                      {' '}
                      ({t('decision.sameAsChosen')})
                    </span>
                  ) : delta !== null ? (
                    <span className="muted"> ({t('decision.moreThanChosen', { delta: n(delta) })})</span>
                  ) : null}
                  {c.parts.length > 1 ? (
                    <span className="muted">
                      {' '}
                      · {t('decision.split', { n: c.parts.length })}, {t('decision.splitPenalty', { n: n(c.splitPenalty) })}
                    </span>
                  ) : null}
                  {c.lineSplits.length ? (
                    <span className="muted"> · {t('decision.lineSplitPenalty', { n: n(c.lineSplitPenalty) })}</span>
                  ) : null}
                  {chosen ? <span className="chosen-tag">{t('detail.decision.chosen')}</span> : null}
                  {c.lineSplits.map((s) => (
                    <div key={s.sku} className="small" data-testid="decision-line-split">
                      {t('reason.sourcing.line_split', {
                        quantity: formatNumber(locale, s.quantity),
                        sku: s.sku,
                        parts: s.from
                          .map((f) => t('decision.lineSplitFrom', { quantity: formatNumber(locale, f.quantity), location: f.locationName }))
                          .join(', '),
                      })}
                    </div>
                  ))}
                  {c.parts.map((p) => (
                    <PartCost key={p.locationId} part={p} />
                  ))}
                </li>
              );
            })}
          </ol>
        </>
      ) : null}
      {decision.excluded.length ? (
        <details>
          <summary>{t('detail.decision.excluded', { n: formatNumber(locale, decision.excludedCount) })}</summary>
          <ul>
            {decision.excluded.map((e) => (
              <li key={e.locationId || e.locationName} data-testid="decision-excluded">
                <strong>{e.locationName}</strong>: {e.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
