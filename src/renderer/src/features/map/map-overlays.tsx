import {
  BACKLOG_BUSY,
  BACKLOG_CRITICAL,
  LATE_AFTER_HOURS,
  LOCATION_KINDS,
  RECENT_DEMAND_DAYS,
  type LocationHealth,
} from '../../../../shared';
import { formatNumber, formatPercent } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { HEALTH_COLOUR, networkTotals } from './location-health';
import { shapePath } from './location-icons';

/** The network's numbers above the map: what a planner acts on, not raw counts of SKUs at zero. */
export function MapKpis({ locations }: { locations: LocationHealth[] }) {
  const { t, locale } = useT();
  const n = (x: number) => formatNumber(locale, x);
  const totals = networkTotals(locations);
  const load = totals.capacity ? totals.backlog / totals.capacity : 0;
  return (
    <div className="kpis" data-testid="network-kpis">
      <div className="kpi">
        <span className="kpi-value">{n(totals.locations)}</span>
        <span className="kpi-label">
          {t('map.kpi.locations')}
          {totals.paused ? ` · ${t('map.kpi.paused', { n: n(totals.paused) })}` : ''}
        </span>
      </div>
      <div className="kpi" data-testid="kpi-load">
        <span className="kpi-value">
          {n(totals.backlog)}
          <small> / {n(totals.capacity)}</small>
        </span>
        <span className="kpi-label">
          {t('map.kpi.load')} · {formatPercent(locale, load)}
        </span>
        <span className="kpi-bar">
          <span style={{ width: `${Math.min(100, load * 100)}%` }} />
        </span>
      </div>
      <div className={`kpi${totals.late ? ' warn' : ''}`} data-testid="kpi-late" title={t('map.legend.late', { hours: LATE_AFTER_HOURS })}>
        <span className="kpi-value">{n(totals.late)}</span>
        <span className="kpi-label">{t('map.kpi.late')}</span>
      </div>
      <div
        className={`kpi${totals.stockOuts ? ' warn' : ''}`}
        data-testid="kpi-outs"
        title={`${t('map.legend.outs', { days: RECENT_DEMAND_DAYS })} — ${t('map.kpi.outsAt', { n: n(totals.withStockOuts) })}`}
      >
        <span className="kpi-value">{n(totals.stockOuts)}</span>
        <span className="kpi-label">{t('map.kpi.outs')}</span>
      </div>
      <div className={`kpi${totals.critical ? ' bad' : ''}`} data-testid="kpi-critical">
        <span className="kpi-value">{n(totals.critical)}</span>
        <span className="kpi-label">{t('map.kpi.critical')}</span>
      </div>
    </div>
  );
}

function Shape({ kind }: { kind: (typeof LOCATION_KINDS)[number] }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      <path d={shapePath(kind, 14)} fill="#e2e8f0" stroke="#0f172a" strokeWidth="1.5" />
    </svg>
  );
}

function Swatch({ colour }: { colour: string }) {
  return <span className="legend-dot" style={{ background: colour }} />;
}

/** What the shapes and colours mean, with the thresholds the engine grades by. */
export function MapLegend() {
  const { t, locale } = useT();
  const busy = formatPercent(locale, BACKLOG_BUSY);
  const critical = formatPercent(locale, BACKLOG_CRITICAL);
  return (
    <div className="map-legend" data-testid="map-legend" aria-label={t('map.legend.title')}>
      <div className="legend-row">
        {LOCATION_KINDS.map((k) => (
          <span key={k} className="legend-item" data-testid={`legend-${k}`}>
            <Shape kind={k} />
            {t(`kind.${k}`)}
          </span>
        ))}
        <span className="legend-item">
          <span className="legend-cluster">12</span>
          {t('map.legend.cluster')}
        </span>
        <span className="legend-item">
          <span className="legend-dot small" />
          {t('map.legend.inFlight')}
        </span>
      </div>
      <div className="legend-row" title={t('map.legend.colours')}>
        <span className="legend-item">
          <Swatch colour={HEALTH_COLOUR.ok} />
          {t('map.legend.ok', { busy })}
        </span>
        <span className="legend-item">
          <Swatch colour={HEALTH_COLOUR.busy} />
          {t('map.legend.busy', { busy, critical })}
        </span>
        <span className="legend-item" data-testid="legend-critical">
          <Swatch colour={HEALTH_COLOUR.critical} />
          {t('map.legend.critical', { critical })}
        </span>
        <span className="legend-item">
          <Swatch colour={HEALTH_COLOUR.paused} />
          {t('map.legend.paused')}
        </span>
      </div>
    </div>
  );
}
