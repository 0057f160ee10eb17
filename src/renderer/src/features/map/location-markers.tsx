import { useMemo, useState } from 'react';
import type { Map as LeafletMap } from 'leaflet';
import { CircleMarker, Tooltip, useMap, useMapEvent } from 'react-leaflet';
import type { LocationHealth } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { locationHealth, markerRadius, markerStyle, stockOutNorms, zoomScale, type StockOutNorms } from './location-health';

function LocationTooltip({ l, norms }: { l: LocationHealth; norms: StockOutNorms }) {
  const { t, locale } = useT();
  const n = (x: number) => formatNumber(locale, x);
  const health = locationHealth(l, norms);
  return (
    <div className="loc-tip">
      <div className="loc-tip-head">
        <strong>{l.name}</strong>
        <span className={`health-tag health-${health}`}>{health === 'paused' ? '—' : t(`health.${health}`)}</span>
      </div>
      <div className="muted">
        {t(`kind.${l.kind}`)} · {l.code} · {l.city}
      </div>
      <table>
        <tbody>
          <tr>
            <th>{t('map.tooltip.backlog')}</th>
            <td>{n(l.backlog)}</td>
          </tr>
          <tr>
            <th>{t('map.tooltip.assigned')}</th>
            <td>
              {n(l.assignedToday)} / {n(l.dailyCapacity)}
            </td>
          </tr>
          <tr>
            <th>{t('map.tooltip.stockOuts')}</th>
            <td>{n(l.stockOuts)}</td>
          </tr>
        </tbody>
      </table>
      <div className="muted small">{t('map.tooltip.click')}</div>
    </div>
  );
}

/**
 * Every location as a circle: fill by kind, size by backlog, ring by health. Each path carries the
 * class `atalaya-location` — as a layer option, not in `pathOptions`: Leaflet applies a path's class
 * only at creation, while `pathOptions` (colours) are re-applied live with setStyle.
 */
export function LocationMarkers({
  locations,
  selectedId,
  onSelect,
}: {
  locations: LocationHealth[];
  selectedId: string | null;
  onSelect(id: string | null): void;
}) {
  const map = useMap();
  const [zoom, setZoom] = useState(() => map.getZoom());
  useMapEvent('zoomend', (e) => setZoom((e.target as LeafletMap).getZoom()));
  const scale = zoomScale(zoom);
  const norms = useMemo(() => stockOutNorms(locations), [locations]);
  // Big markers first, so smaller ones nearby are drawn on top and stay clickable.
  const ordered = useMemo(() => [...locations].sort((a, b) => markerRadius(b) - markerRadius(a)), [locations]);
  return (
    <>
      {ordered.map((l) => (
        <CircleMarker
          key={l.id}
          center={[l.lat, l.lng]}
          radius={markerRadius(l, scale)}
          className={`atalaya-location atalaya-location-${l.kind}`}
          pathOptions={markerStyle(l, l.id === selectedId, norms)}
          eventHandlers={{ click: () => onSelect(l.id === selectedId ? null : l.id) }}
          bubblingMouseEvents={false}
        >
          <Tooltip direction="top" offset={[0, -6]} opacity={1} className="atalaya-tooltip">
            <LocationTooltip l={l} norms={norms} />
          </Tooltip>
        </CircleMarker>
      ))}
    </>
  );
}
