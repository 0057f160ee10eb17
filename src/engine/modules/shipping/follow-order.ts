import { WITH_CARRIER, type OrderStatus } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { SYSTEM_ACTOR } from '../../kernel/context';
import { advanceOrdersIn } from '../orders/transition-order';
import { orderShipmentFacts } from './tracking.store';

/**
 * Orders follow their shipments: a packed order whose every live (not cancelled) shipment is with
 * the carrier or delivered — and nothing of it is still to pack, nor a parcel without a shipment —
 * is `shipped` (which commits its reservations); a shipped order whose every live shipment is
 * delivered is `delivered`. Both happen in the caller's transaction, so a parcel that jumps straight
 * to delivered takes the order through both at once.
 *
 * `locked`: the orders, locked by the caller (tracking of two parcels of one order, applied at the
 * same time, is serialised by that lock), with the status read under it. What the shipments say is
 * read for all of them in one statement, and the orders that move do so together
 * (`advanceOrdersIn`). Answers each order's status afterwards.
 */
export async function followOrders(m: Tx, locked: ReadonlyMap<string, OrderStatus>): Promise<Map<string, OrderStatus>> {
  const out = new Map(locked);
  const moving = [...locked].filter(([, s]) => s === 'packed' || s === 'shipped').map(([id]) => id);
  const facts = await orderShipmentFacts(m, moving);
  const withCarrier = (id: string) => {
    const f = facts.get(id);
    return (
      !!f?.live.length &&
      f.unpackedParts === 0 &&
      f.parcelsWithoutShipment === 0 &&
      f.live.every((s) => s === 'delivered' || WITH_CARRIER.includes(s))
    );
  };
  const allDelivered = (id: string) => !!facts.get(id)?.live.length && facts.get(id)!.live.every((s) => s === 'delivered');
  const ship = moving.filter((id) => out.get(id) === 'packed' && withCarrier(id));
  await advanceOrdersIn(
    m,
    ship.map((id) => ({ id, from: 'packed' })),
    'shipped',
    SYSTEM_ACTOR,
    'every parcel is with the carrier',
  );
  for (const id of ship) out.set(id, 'shipped');
  const deliver = moving.filter((id) => out.get(id) === 'shipped' && allDelivered(id));
  await advanceOrdersIn(
    m,
    deliver.map((id) => ({ id, from: 'shipped' })),
    'delivered',
    SYSTEM_ACTOR,
    'the carrier delivered every parcel',
  );
  for (const id of deliver) out.set(id, 'delivered');
  return out;
}
