import type { Tx } from '../../db/data-source';
import { AppError, type Wave, type WaveDetail } from '../../../shared';

/** Pick waves as people see them: heads with their orders (slots, units, picked), and the walk. Reads only. */

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
