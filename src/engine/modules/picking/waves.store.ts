import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';
import { AppError, type PickCandidate } from '../../../shared';
import { tierPriority, type WaveCandidate } from '../../core/picking/wave-grouping';

/**
 * Pick waves in SQL: the fulfilment orders a location waits to pick, waves with their orders
 * (sort slots) and lines (the walk), scans counted with a guard, and the `floor.changed` event
 * every change writes to the outbox in its transaction.
 */

export interface FloorLocation {
  id: string;
  name: string;
  city: string;
  carrierCutoff: string | null;
}

/** A location as the floor needs it; NOT_FOUND naming the field when it does not exist. */
export async function floorLocation(m: Tx, locationId: string): Promise<FloorLocation> {
  const rows: { id: string; name: string; city: string; carrier_cutoff: string | null }[] = await m.query(
    `SELECT id, name, city, carrier_cutoff FROM locations WHERE id = $1`,
    [locationId],
  );
  if (!rows[0]) {
    throw new AppError('NOT_FOUND', `No location with id ${locationId}`, [
      { path: 'locationId', message: 'use the id of a store or warehouse from locations.list' },
    ]);
  }
  return { id: rows[0].id, name: rows[0].name, city: rows[0].city, carrierCutoff: rows[0].carrier_cutoff };
}

/** A fulfilment order waiting to be picked: what the wave grouping reads, and what people see of it. */
export interface Candidate extends WaveCandidate {
  orderId: string;
  number: number;
  customerName: string;
  lines: number;
}

/** A waiting order as the contract shows it, with the cut-off its wave makes. */
export function toPickCandidate(c: Candidate, cutoffAt: Date | null): PickCandidate {
  return {
    fulfilmentOrderId: c.fulfilmentOrderId,
    orderId: c.orderId,
    number: c.number,
    customerName: c.customerName,
    deliveryType: c.deliveryType,
    cutoffAt: c.deliveryType === 'home_delivery' ? (cutoffAt?.toISOString() ?? null) : null,
    promisedAt: c.promisedAt?.toISOString() ?? null,
    priority: c.priority,
    units: c.units,
    lines: c.lines,
    assignedAt: c.assignedAt.toISOString(),
  };
}

/**
 * The fulfilment orders at a location still to pick (assigned, their order sourced) and in no open
 * wave, with the units they hold there (open reservations). `ids` narrows to those.
 */
export async function waitingToPick(m: Tx, locationId: string, ids?: readonly string[]): Promise<Candidate[]> {
  const rows: {
    id: string;
    order_id: string;
    number: string;
    customer_name: string;
    delivery_type: 'home_delivery' | 'store_pickup';
    promised_at: Date | null;
    customer_tier: string | null;
    created_at: Date;
    units: number;
    lines: number;
  }[] = await m.query(
    `SELECT f.id, f.order_id, o.number, o.customer->>'name' AS customer_name, o.delivery_type, o.promised_at,
            coalesce(o.customer_tier, o.customer->>'tier') AS customer_tier, f.created_at, r.units, r.lines
     FROM fulfilment_orders f
     JOIN orders o ON o.id = f.order_id AND o.status = 'sourced'
     JOIN LATERAL (SELECT sum(quantity)::int AS units, count(DISTINCT sku)::int AS lines FROM reservations
                   WHERE fulfilment_order_id = f.id AND status = 'reserved') r ON r.units > 0
     WHERE f.location_id = $1 AND f.status = 'assigned' AND ($2::uuid[] IS NULL OR f.id = ANY($2))
       AND NOT EXISTS (SELECT 1 FROM pick_wave_orders w WHERE w.fulfilment_order_id = f.id AND w.open)
     ORDER BY f.created_at, f.id`,
    [locationId, ids ?? null],
  );
  return rows.map((r) => ({
    fulfilmentOrderId: r.id,
    orderId: r.order_id,
    number: Number(r.number),
    customerName: r.customer_name,
    deliveryType: r.delivery_type,
    promisedAt: r.promised_at,
    priority: tierPriority(r.customer_tier),
    units: r.units,
    lines: r.lines,
    assignedAt: r.created_at,
  }));
}

/** What the open reservations of these fulfilment orders need, per order and SKU, with the SKU's bin here. */
export async function reservedLines(
  m: Tx,
  locationId: string,
  fulfilmentOrderIds: readonly string[],
): Promise<{ fulfilmentOrderId: string; sku: string; quantity: number; bin: string | null }[]> {
  const rows: { fulfilment_order_id: string; sku: string; quantity: number; bin: string | null }[] = await m.query(
    `SELECT r.fulfilment_order_id, r.sku, sum(r.quantity)::int AS quantity, s.bin
     FROM reservations r LEFT JOIN stock s ON s.location_id = $1 AND s.sku = r.sku
     WHERE r.fulfilment_order_id = ANY($2) AND r.status = 'reserved'
     GROUP BY r.fulfilment_order_id, r.sku, s.bin`,
    [locationId, fulfilmentOrderIds],
  );
  return rows.map((r) => ({ fulfilmentOrderId: r.fulfilment_order_id, sku: r.sku, quantity: r.quantity, bin: r.bin }));
}

/** Writes a released wave, its orders (slots) and lines (walk seq). A fulfilment order already in an open wave → ILLEGAL_TRANSITION. */
export async function insertWave(
  m: Tx,
  w: {
    id: string;
    locationId: string;
    groupedBy: string;
    cutoffAt: Date | null;
    releasedBy: string;
    orders: { fulfilmentOrderId: string; slot: string }[];
    lines: { fulfilmentOrderId: string; sku: string; seq: number; bin: string | null; quantity: number }[];
  },
): Promise<string> {
  const head: { code: string }[] = await m.query(
    `INSERT INTO pick_waves (id, code, location_id, status, grouped_by, cutoff_at, released_by)
     VALUES ($1, 'W-' || nextval('pick_wave_code_seq'), $2, 'released', $3, $4, $5) RETURNING code`,
    [w.id, w.locationId, w.groupedBy, w.cutoffAt, w.releasedBy],
  );
  // Racing releases queue on the orders' rows; the later one then sees the earlier one's wave and is refused
  // (the unique open-wave index stays the guard, caught below for whatever slips past).
  const ids = w.orders.map((o) => o.fulfilmentOrderId);
  await m.query(`SELECT id FROM fulfilment_orders WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`, [ids]);
  await refuseTaken(m, ids);
  try {
    await m.query(`SAVEPOINT wave_orders`);
    await m.query(`INSERT INTO pick_wave_orders (wave_id, fulfilment_order_id, slot) SELECT $1, * FROM unnest($2::uuid[], $3::text[])`, [
      w.id,
      w.orders.map((o) => o.fulfilmentOrderId),
      w.orders.map((o) => o.slot),
    ]);
    await m.query(`RELEASE SAVEPOINT wave_orders`);
  } catch (e) {
    const err = e as { code?: string; driverError?: { code?: string; detail?: string } };
    if ((err.driverError?.code ?? err.code) !== '23505') throw e;
    await m.query(`ROLLBACK TO SAVEPOINT wave_orders`);
    await refuseTaken(m, ids);
    throw e;
  }
  await m.query(
    `INSERT INTO pick_wave_lines (wave_id, fulfilment_order_id, sku, seq, bin, quantity)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::int[], $5::text[], $6::int[])`,
    [
      w.id,
      w.lines.map((l) => l.fulfilmentOrderId),
      w.lines.map((l) => l.sku),
      w.lines.map((l) => l.seq),
      w.lines.map((l) => l.bin),
      w.lines.map((l) => l.quantity),
    ],
  );
  return head[0]!.code;
}

/** ILLEGAL_TRANSITION naming the wave when any of these fulfilment orders is in an open wave already. */
async function refuseTaken(m: Tx, ids: readonly string[]): Promise<void> {
  const taken: { fulfilment_order_id: string; code: string }[] = await m.query(
    `SELECT o.fulfilment_order_id, w.code FROM pick_wave_orders o JOIN pick_waves w ON w.id = o.wave_id
     WHERE o.open AND o.fulfilment_order_id = ANY($1) ORDER BY w.code`,
    [ids],
  );
  if (!taken.length) return;
  throw new AppError(
    'ILLEGAL_TRANSITION',
    `Someone released ${taken.length === 1 ? 'one of these orders' : 'these orders'} in wave ${[...new Set(taken.map((t) => t.code))].join(', ')} just now; refresh the pick work and release again`,
    [{ path: 'fulfilmentOrderIds', message: 'a fulfilment order is in one open wave at most' }],
  );
}

/** Adds scanned units to one order's line of a wave; false when the guard refused (it would go over). */
export async function addPicked(m: Tx, waveId: string, fulfilmentOrderId: string, sku: string, units: number): Promise<boolean> {
  const rows = await returningRows<{ sku: string }>(
    m,
    `UPDATE pick_wave_lines SET picked = picked + $4
     WHERE wave_id = $1 AND fulfilment_order_id = $2 AND sku = $3 AND picked + $4 <= quantity RETURNING sku`,
    [waveId, fulfilmentOrderId, sku, units],
  );
  return rows.length === 1;
}

/** One order of a wave is done with (reported, or gone): it leaves the open wave and may be waved again if it comes back. */
export async function closeWaveOrder(m: Tx, waveId: string, fulfilmentOrderId: string): Promise<void> {
  await m.query(`UPDATE pick_wave_orders SET open = false WHERE wave_id = $1 AND fulfilment_order_id = $2`, [waveId, fulfilmentOrderId]);
}

/** Ends a released wave (completed or cancelled), closing every order still open in it; false if it was not released. */
export async function endWave(m: Tx, waveId: string, status: 'completed' | 'cancelled'): Promise<boolean> {
  const rows = await returningRows<{ id: string }>(
    m,
    `UPDATE pick_waves SET status = $2, completed_at = now() WHERE id = $1 AND status = 'released' RETURNING id`,
    [waveId, status],
  );
  await m.query(`UPDATE pick_wave_orders SET open = false WHERE wave_id = $1 AND open`, [waveId]);
  return rows.length === 1;
}

/** Tells the location's desks (through the outbox, in the caller's transaction) that its floor work changed. */
export async function floorChanged(m: Tx, locationId: string, kind: 'wave' | 'pack', refId: string): Promise<void> {
  await m.query(
    `INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'floor.changed', 'locationId', $1::text, 'kind', $2::text,
       'refId', $3::text, 'at', atalaya_iso(clock_timestamp())))`,
    [locationId, kind, refId],
  );
}
