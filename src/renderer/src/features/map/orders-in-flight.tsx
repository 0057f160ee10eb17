import { CircleMarker, Polyline } from 'react-leaflet';
import { DOT_COLOUR, type Flight } from './flights';

/** Order destinations as small dots, with a thin line to the location fulfilling them. */
export function OrdersInFlight({ flights, onSelect }: { flights: Flight[]; onSelect(id: string): void }) {
  return (
    <>
      {flights.map((f) =>
        f.from ? (
          <Polyline
            key={`r-${f.id}`}
            positions={[f.from, f.to]}
            interactive={false}
            className="atalaya-route"
            pathOptions={{
              color: f.selected ? '#f59e0b' : DOT_COLOUR[f.status],
              weight: f.selected ? 3 : 1,
              opacity: f.selected ? 0.95 : 0.45,
              dashArray: f.status === 'shipped' ? undefined : '3 4',
            }}
          />
        ) : null,
      )}
      {flights.map((f) => (
        <CircleMarker
          key={`o-${f.id}`}
          center={f.to}
          radius={f.selected ? 6 : 3}
          eventHandlers={{ click: () => onSelect(f.id) }}
          className="atalaya-order"
          pathOptions={{
            color: f.selected ? '#f59e0b' : '#ffffff',
            weight: f.selected ? 2 : 0.8,
            fillColor: DOT_COLOUR[f.status],
            fillOpacity: 0.95,
          }}
        />
      ))}
    </>
  );
}
