import type { LocationHealth, Order, OrderStatus } from '../../../../shared';

/** Statuses with goods on the way or about to be: drawn with a line from their location. */
const MOVING: readonly OrderStatus[] = ['sourced', 'picked', 'packed', 'shipped'];

export const DOT_COLOUR: Partial<Record<OrderStatus, string>> = {
  received: '#64748b',
  unfillable: '#dc2626',
  sourced: '#2563eb',
  picked: '#7c3aed',
  packed: '#c026d3',
  shipped: '#0891b2',
  delivered: '#16a34a',
  cancelled: '#94a3b8',
};

export interface Flight {
  id: string;
  to: [number, number];
  from?: [number, number];
  status: OrderStatus;
  selected: boolean;
}

/** Where the current page's orders go, and from which location, when the order has one and is moving. */
export function flightsOf(
  orders: readonly Order[],
  byId: ReadonlyMap<string, Pick<LocationHealth, 'lat' | 'lng'>>,
  selectedId: string | null,
): Flight[] {
  return orders.map((o) => {
    const loc = o.locationId ? byId.get(o.locationId) : undefined;
    return {
      id: o.id,
      to: [o.shipTo.lat, o.shipTo.lng],
      from: loc && (MOVING.includes(o.status) || o.id === selectedId) ? [loc.lat, loc.lng] : undefined,
      status: o.status,
      selected: o.id === selectedId,
    };
  });
}
