import { LOCATION_KINDS, type LocationHealth } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { KIND_COLOUR, networkTotals } from './location-health';

/** The network's numbers above the map. */
export function MapKpis({ locations }: { locations: LocationHealth[] }) {
  const { t, locale } = useT();
  const n = (x: number) => formatNumber(locale, x);
  const totals = networkTotals(locations);
  const load = totals.capacity ? Math.round((totals.assignedToday / totals.capacity) * 100) : 0;
  return (
    <div className="kpis" data-testid="network-kpis">
      <div className="kpi">
        <span className="kpi-value">{n(totals.locations)}</span>
        <span className="kpi-label">{t('map.kpi.locations')}</span>
      </div>
      <div className="kpi">
        <span className="kpi-value">{n(totals.backlog)}</span>
        <span className="kpi-label">{t('map.kpi.backlog')}</span>
      </div>
      <div className="kpi">
        <span className="kpi-value">
          {n(totals.assignedToday)}
          <small> / {n(totals.capacity)}</small>
        </span>
        <span className="kpi-label">
          {t('map.kpi.assigned')} · {n(load)} %
        </span>
        <span className="kpi-bar">
          <span style={{ width: `${Math.min(100, load)}%` }} />
        </span>
      </div>
      <div className={`kpi${totals.stockOuts ? ' warn' : ''}`}>
        <span className="kpi-value">{n(totals.stockOuts)}</span>
        <span className="kpi-label">{t('map.kpi.stockOuts')}</span>
      </div>
      <div className={`kpi${totals.critical ? ' bad' : ''}`} data-testid="kpi-critical">
        <span className="kpi-value">{n(totals.critical)}</span>
        <span className="kpi-label">{t('map.kpi.critical')}</span>
      </div>
    </div>
  );
}

/** What the colours mean. */
export function MapLegend() {
  const { t } = useT();
  return (
    <div className="map-legend">
      {LOCATION_KINDS.map((k) => (
        <span key={k} className="legend-item">
          <span className="legend-dot" style={{ background: KIND_COLOUR[k] }} />
          {t(`kind.${k}`)}
        </span>
      ))}
      <span className="legend-item">
        <span className="legend-dot ring-critical" />
        {t('map.legend.health')}
      </span>
      <span className="legend-item">
        <span className="legend-dot small" />
        {t('map.legend.inFlight')}
      </span>
    </div>
  );
}
