import { memo } from 'react';
import { CircleMarker, Polyline } from 'react-leaflet';
import type { OrderStatus } from '../../../../shared';
import { DOT_COLOUR, type Flight } from './flights';

/**
 * Order destinations as small dots, with a thin line to the location fulfilling them. Each order's
 * marks are their own memoised component with plain values for props: a live refetch hands over new
 * arrays and objects for orders that did not change, and react-leaflet would restyle and redraw every
 * dot and line for them (each one an SVG repaint) on every event.
 */
export function OrdersInFlight({ flights, onSelect }: { flights: Flight[]; onSelect(id: string): void }) {
  return (
    <>
      {flights.map((f) => (
        <FlightMarks
          key={f.id}
          id={f.id}
          toLat={f.to[0]}
          toLng={f.to[1]}
          fromLat={f.from?.[0]}
          fromLng={f.from?.[1]}
          status={f.status}
          selected={f.selected}
          onSelect={onSelect}
        />
      ))}
    </>
  );
}

interface FlightProps {
  id: string;
  toLat: number;
  toLng: number;
  fromLat: number | undefined;
  fromLng: number | undefined;
  status: OrderStatus;
  selected: boolean;
  onSelect(id: string): void;
}

const FlightMarks = memo(function FlightMarks({ id, toLat, toLng, fromLat, fromLng, status, selected, onSelect }: FlightProps) {
  return (
    <>
      {fromLat !== undefined && fromLng !== undefined ? (
        <Polyline
          positions={[
            [fromLat, fromLng],
            [toLat, toLng],
          ]}
          interactive={false}
          className="atalaya-route"
          pathOptions={{
            color: selected ? '#f59e0b' : DOT_COLOUR[status],
            weight: selected ? 3 : 1,
            opacity: selected ? 0.95 : 0.45,
            dashArray: status === 'shipped' ? undefined : '3 4',
          }}
        />
      ) : null}
      <CircleMarker
        center={[toLat, toLng]}
        radius={selected ? 6 : 3}
        eventHandlers={{ click: () => onSelect(id) }}
        className="atalaya-order"
        pathOptions={{
          color: selected ? '#f59e0b' : '#ffffff',
          weight: selected ? 2 : 0.8,
          fillColor: DOT_COLOUR[status],
          fillOpacity: 0.95,
        }}
      />
    </>
  );
});
