import { useMemo } from 'react';
import { CircleMarker } from 'react-leaflet';
import type { LocationHealth } from '../../../../shared';
import { useNow } from '../../lib/use-now';
import { markerSize } from './location-health';
import { recentPulses } from './locations.store';

/** A ring that ripples out of a location when the desk hears of new work there (a CSS animation, remounted per event). */
export function ActivityPulses({ locations, activityAt }: { locations: LocationHealth[]; activityAt: Record<string, number> }) {
  const now = useNow(1000);
  // Only the locations that heard of work lately are looked at, not the whole network on every event.
  const byId = useMemo(() => new Map(locations.map((l) => [l.id, l])), [locations]);
  return (
    <>
      {recentPulses(activityAt, now).map(([id, at]) => {
        const l = byId.get(id);
        if (!l) return null;
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
