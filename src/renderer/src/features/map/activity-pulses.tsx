import { CircleMarker } from 'react-leaflet';
import type { LocationHealth } from '../../../../shared';
import { useNow } from '../../lib/use-now';
import { markerSize } from './location-health';

export const PULSE_MS = 2500;

/** A ring that ripples out of a location when the desk hears of new work there (a CSS animation, remounted per event). */
export function ActivityPulses({ locations, activityAt }: { locations: LocationHealth[]; activityAt: Record<string, number> }) {
  const now = useNow(1000);
  return (
    <>
      {locations.map((l) => {
        const at = activityAt[l.id];
        if (at === undefined || now - at > PULSE_MS) return null;
        return (
          <CircleMarker
            key={`${l.id}-${at}`}
            center={[l.lat, l.lng]}
            radius={markerSize(l) / 2 + 3}
            interactive={false}
            className="atalaya-pulse"
            pathOptions={{ color: '#f59e0b', weight: 2, fill: false }}
          />
        );
      })}
    </>
  );
}
