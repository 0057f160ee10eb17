import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { LocationHealth } from '../../../../shared';
import { boundsOf } from './location-health';

/** Room for the zoom buttons at the top left and the legend along the bottom. */
const PADDING_TOP_LEFT: [number, number] = [56, 24];
const PADDING_BOTTOM_RIGHT: [number, number] = [24, 64];

/** Frames the network once, when its locations first arrive; later refreshes leave the planner's view alone. */
export function FitToLocations({ locations, refit }: { locations: LocationHealth[]; refit: number }) {
  const map = useMap();
  const fitted = useRef(-1);
  useEffect(() => {
    if (fitted.current === refit) return;
    const b = boundsOf(locations);
    if (!b) return;
    fitted.current = refit;
    map.fitBounds(b, { paddingTopLeft: PADDING_TOP_LEFT, paddingBottomRight: PADDING_BOTTOM_RIGHT, maxZoom: 11 });
  }, [map, locations, refit]);
  return null;
}
