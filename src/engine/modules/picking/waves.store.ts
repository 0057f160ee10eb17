import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';
import { AppError, type PickCandidate, type Wave, type WaveDetail } from '../../../shared';
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

interface WaveHeadRow {
  id: string;
  code: string;
  location_id: string;
  status: Wave['status'];
  grouped_by: string;
  cutoff_at: Date | null;
  released_by: string;
  released_at: Date;
  completed_at: Date | null;
  orders: Wave['orders'] | null;
}

const WAVE_HEAD = `
  SELECT w.id, w.code, w.location_id, w.status, w.grouped_by, w.cutoff_at, w.released_by, w.released_at, w.completed_at,
    (SELECT json_agg(json_build_object('fulfilmentOrderId', wo.fulfilment_order_id, 'orderId', f.order_id, 'orderNumber', o.number,
              'slot', wo.slot, 'customerName', o.customer->>'name',
              'units', (SELECT coalesce(sum(quantity), 0) FROM pick_wave_lines l WHERE l.wave_id = w.id AND l.fulfilment_order_id = wo.fulfilment_order_id),
              'picked', (SELECT coalesce(sum(picked), 0) FROM pick_wave_lines l WHERE l.wave_id = w.id AND l.fulfilment_order_id = wo.fulfilment_order_id))
            ORDER BY length(wo.slot), wo.slot)
       FROM pick_wave_orders wo JOIN fulfilment_orders f ON f.id = wo.fulfilment_order_id JOIN orders o ON o.id = f.order_id
       WHERE wo.wave_id = w.id) AS orders
  FROM pick_waves w`;

function toWave(r: WaveHeadRow): Wave {
  const orders = (r.orders ?? []).map((o) => ({
    ...o,
    orderNumber: Number(o.orderNumber),
    units: Number(o.units),
    picked: Number(o.picked),
  }));
  return {
    id: r.id,
    code: r.code,
    locationId: r.location_id,
    status: r.status,
    groupedBy: r.grouped_by,
    cutoffAt: r.cutoff_at?.toISOString() ?? null,
    orders,
    units: orders.reduce((n, o) => n + o.units, 0),
    picked: orders.reduce((n, o) => n + o.picked, 0),
    releasedBy: r.released_by,
    releasedAt: r.released_at.toISOString(),
    completedAt: r.completed_at?.toISOString() ?? null,
  };
}

/** The open (released) waves of a location, oldest first. */
export async function openWaves(m: Tx, locationId: string): Promise<Wave[]> {
  const rows: WaveHeadRow[] = await m.query(
    `${WAVE_HEAD} WHERE w.location_id = $1 AND w.status = 'released' ORDER BY w.released_at, w.code`,
    [locationId],
  );
  return rows.map(toWave);
}

/** One wave's head; NOT_FOUND naming the field when unknown. `lock` holds the row until commit (scans on one wave queue up). */
export async function waveHead(m: Tx, waveId: string, lock = false): Promise<Wave> {
  if (lock) {
    const ok: { id: string }[] = await m.query(`SELECT id FROM pick_waves WHERE id::text = $1 FOR UPDATE`, [waveId]);
    if (!ok[0])
      throw new AppError('NOT_FOUND', `No pick wave with id ${waveId}`, [{ path: 'waveId', message: 'use a wave id from picking.work' }]);
  }
  const rows: WaveHeadRow[] = await m.query(`${WAVE_HEAD} WHERE w.id::text = $1`, [waveId]);
  if (!rows[0])
    throw new AppError('NOT_FOUND', `No pick wave with id ${waveId}`, [{ path: 'waveId', message: 'use a wave id from picking.work' }]);
  return toWave(rows[0]);
}

/** A wave with its walk: one line per SKU in seq order, product name and EAN, and the units of each slot. */
export async function waveDetail(m: Tx, waveId: string, lock = false): Promise<WaveDetail> {
  const head = await waveHead(m, waveId, lock);
  const rows: {
    seq: number;
    sku: string;
    ean: string | null;
    name: string | null;
    bin: string | null;
    orders: WaveDetail['lines'][number]['orders'];
  }[] = await m.query(
    `SELECT l.seq, l.sku, p.ean, p.name, min(l.bin) AS bin,
         json_agg(json_build_object('fulfilmentOrderId', l.fulfilment_order_id, 'orderNumber', o.number, 'slot', wo.slot,
                  'quantity', l.quantity, 'picked', l.picked) ORDER BY length(wo.slot), wo.slot) AS orders
       FROM pick_wave_lines l
       JOIN pick_wave_orders wo ON wo.wave_id = l.wave_id AND wo.fulfilment_order_id = l.fulfilment_order_id
       JOIN fulfilment_orders f ON f.id = l.fulfilment_order_id JOIN orders o ON o.id = f.order_id
       LEFT JOIN products p ON p.sku = l.sku
       WHERE l.wave_id = $1 GROUP BY l.seq, l.sku, p.ean, p.name ORDER BY l.seq`,
    [head.id],
  );
  const lines = rows.map((r) => {
    const orders = r.orders.map((o) => ({ ...o, orderNumber: Number(o.orderNumber) }));
    return {
      seq: r.seq,
      sku: r.sku,
      ean: r.ean,
      productName: r.name,
      bin: r.bin,
      quantity: orders.reduce((n, o) => n + o.quantity, 0),
      picked: orders.reduce((n, o) => n + o.picked, 0),
      orders,
    };
  });
  return { ...head, lines };
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

/** The wave's orders not reported yet (open), in slot order, with what was scanned for each SKU. */
export async function openWaveOrders(
  m: Tx,
  waveId: string,
): Promise<
  { fulfilmentOrderId: string; orderId: string; orderNumber: number; foStatus: string; picked: { sku: string; quantity: number }[] }[]
> {
  const rows: {
    fulfilment_order_id: string;
    order_id: string;
    number: string;
    status: string;
    picked: { sku: string; quantity: number }[];
  }[] = await m.query(
    `SELECT wo.fulfilment_order_id, f.order_id, o.number, f.status,
         (SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.picked) ORDER BY l.sku) FROM pick_wave_lines l
          WHERE l.wave_id = wo.wave_id AND l.fulfilment_order_id = wo.fulfilment_order_id) AS picked
       FROM pick_wave_orders wo JOIN fulfilment_orders f ON f.id = wo.fulfilment_order_id JOIN orders o ON o.id = f.order_id
       WHERE wo.wave_id = $1 AND wo.open ORDER BY length(wo.slot), wo.slot`,
    [waveId],
  );
  return rows.map((r) => ({
    fulfilmentOrderId: r.fulfilment_order_id,
    orderId: r.order_id,
    orderNumber: Number(r.number),
    foStatus: r.status,
    picked: r.picked ?? [],
  }));
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
