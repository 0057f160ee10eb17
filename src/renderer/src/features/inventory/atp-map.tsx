import 'leaflet/dist/leaflet.css';
import { useEffect } from 'react';
import { CircleMarker, MapContainer, Tooltip, useMap } from 'react-leaflet';
import type { AtpAnswerDto } from '../../../../shared';
import { useSystemStore } from '../header/system.store';
import { BaseMapLayer } from '../map/base-map-layer';
import { atpTone } from './atp-tone';

type Loc = AtpAnswerDto['locations'][number];

const COLOR = { ok: '#16a34a', short: '#d97706', none: '#94a3b8' } as const;

function FitTo({ locations }: { locations: Loc[] }) {
  const map = useMap();
  useEffect(() => {
    if (!locations.length) return;
    const lats = locations.map((l) => l.lat);
    const lngs = locations.map((l) => l.lng);
    // No animation: the view may be left (unmounted) at any moment.
    map.fitBounds(
      [
        [Math.min(...lats), Math.min(...lngs)],
        [Math.max(...lats), Math.max(...lngs)],
      ],
      { padding: [24, 24], maxZoom: 10, animate: false },
    );
  }, [map, locations]);
  return null;
}

/** Where the SKU can be promised: one circle per location, sized by ATP, coloured by whether it covers the quantity. */
export function AtpMap({ atp, selected, onSelect }: { atp: AtpAnswerDto; selected: string | null; onSelect(id: string): void }) {
  const tileUrl = useSystemStore((s) => s.settings?.tileUrl ?? null);
  return (
    <div className="inv-map" data-testid="inventory-map">
      <MapContainer
        center={[-38.5, -63.5]}
        zoom={4}
        minZoom={2}
        maxZoom={14}
        className="map"
        attributionControl={!!tileUrl}
        fadeAnimation={false}
        zoomAnimation={false}
      >
        <BaseMapLayer tileUrl={tileUrl} />
        <FitTo locations={atp.locations} />
        {atp.locations.map((l) => (
          <CircleMarker
            key={l.locationId}
            center={[l.lat, l.lng]}
            radius={5 + Math.min(14, Math.sqrt(l.atp))}
            pathOptions={{
              color: l.locationId === selected ? '#1d4ed8' : '#ffffff',
              weight: l.locationId === selected ? 3 : 1,
              fillColor: COLOR[atpTone(l, atp.quantity)],
              fillOpacity: 0.9,
            }}
            eventHandlers={{ click: () => onSelect(l.locationId) }}
          >
            <Tooltip>
              {l.name}: {l.atp}
            </Tooltip>
          </CircleMarker>
        ))}
      </MapContainer>
    </div>
  );
}
