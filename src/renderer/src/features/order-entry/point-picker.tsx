import 'leaflet/dist/leaflet.css';
import { CircleMarker, MapContainer, useMapEvents } from 'react-leaflet';
import { BaseMapLayer } from '../map/base-map-layer';
import { useSystemStore } from '../header/system.store';

function ClickToPick({ onPick }: { onPick(lat: number, lng: number): void }) {
  useMapEvents({ click: (e) => onPick(e.latlng.lat, e.latlng.lng) });
  return null;
}

/** A small offline map: a click sets the delivery point. */
export function PointPicker({ point, onPick }: { point: { lat: number; lng: number } | null; onPick(lat: number, lng: number): void }) {
  const tileUrl = useSystemStore((s) => s.settings?.tileUrl ?? null);
  return (
    <div className="entry-map" data-testid="entry-map">
      <MapContainer center={[-36, -62]} zoom={4} minZoom={2} maxZoom={16} className="map" attributionControl={!!tileUrl}>
        <BaseMapLayer tileUrl={tileUrl} />
        <ClickToPick onPick={onPick} />
        {point ? <CircleMarker center={[point.lat, point.lng]} radius={7} pathOptions={{ color: '#2563eb', fillOpacity: 0.8 }} /> : null}
      </MapContainer>
    </div>
  );
}
