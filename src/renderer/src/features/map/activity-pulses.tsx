import { CircleMarker, useMap } from 'react-leaflet';
import type { LocationHealth } from '../../../../shared';
import { useNow } from '../../lib/use-now';
import { markerRadius, zoomScale } from './location-health';

export const PULSE_MS = 2500;

/** A ring that ripples out of a location when the desk hears of new work there (a CSS animation, remounted per event). */
export function ActivityPulses({ locations, activityAt }: { locations: LocationHealth[]; activityAt: Record<string, number> }) {
  const now = useNow(1000);
  const scale = zoomScale(useMap().getZoom());
  return (
    <>
      {locations.map((l) => {
        const at = activityAt[l.id];
        if (at === undefined || now - at > PULSE_MS) return null;
        return (
          <CircleMarker
            key={`${l.id}-${at}`}
            center={[l.lat, l.lng]}
            radius={markerRadius(l, scale) + 3}
            interactive={false}
            className="atalaya-pulse"
            pathOptions={{ color: '#f59e0b', weight: 2, fill: false }}
          />
        );
      })}
    </>
  );
}
