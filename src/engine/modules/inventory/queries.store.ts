import type { Tx } from '../../db/data-source';
import { CHANNELS, type AtpAnswerDto, type LedgerEntry } from '../../../shared';
import { computeAtp, type StockPosition } from '../../core/inventory/atp';

/** Everything ATP needs about one SKU, in one round trip; the maths is in core/inventory/atp. */
export async function readAtp(m: Tx, sku: string, quantity: number, now = new Date()): Promise<AtpAnswerDto> {
  const rows: {
    positions: PositionRow[];
    inbound: { l: string; q: number; at: string }[];
    network: number;
    channels: Record<string, number>;
  }[] = await m.query(
    `SELECT
       (SELECT coalesce(json_agg(json_build_object('l', s.location_id, 'n', l.name, 'k', l.kind, 'lat', l.lat, 'lng', l.lng, 'oh', s.on_hand, 'r', s.reserved, 's', s.safety_stock,
          'f', (SELECT coalesce(json_object_agg(f.channel, f.quantity), '{}') FROM ring_fences f WHERE f.location_id = s.location_id AND f.sku = s.sku)) ORDER BY l.name), '[]')
        FROM stock s JOIN locations l ON l.id = s.location_id WHERE s.sku = $1 AND l.active) AS positions,
       (SELECT coalesce(json_agg(json_build_object('l', r.location_id, 'q', r.quantity, 'at', r.expected_at)), '[]')
        FROM inventory_receipts r WHERE r.sku = $1 AND r.status = 'expected') AS inbound,
       coalesce((SELECT quantity FROM network_safety_stock WHERE sku = $1), 0) AS network,
       (SELECT coalesce(json_object_agg(channel, quantity), '{}') FROM channel_safety_stock WHERE sku = $1) AS channels`,
    [sku],
  );
  const r = rows[0]!;
  const positions: StockPosition[] = r.positions.map((p) => ({ locationId: p.l, onHand: p.oh, reserved: p.r, safety: p.s, fences: p.f }));
  const a = computeAtp(
    positions,
    r.inbound.map((i) => ({ locationId: i.l, quantity: i.q, expectedAt: new Date(i.at) })),
    { networkSafety: r.network, channelSafety: r.channels },
    CHANNELS,
    quantity,
    now,
  );
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    sku,
    quantity,
    at: now.toISOString(),
    locations: a.locations.map((l, i) => ({
      ...l,
      promiseDate: iso(l.promiseDate),
      name: r.positions[i]!.n,
      kind: r.positions[i]!.k,
      lat: r.positions[i]!.lat,
      lng: r.positions[i]!.lng,
    })),
    network: { ...a.network, promiseDate: iso(a.network.promiseDate) },
    channels: a.channels.map((c) => ({ ...c, promiseDate: iso(c.promiseDate) })),
  };
}

interface PositionRow {
  l: string;
  n: string;
  k: string;
  lat: number;
  lng: number;
  oh: number;
  r: number;
  s: number;
  f: Record<string, number>;
}

/** The newest `limit` ledger entries of one location × SKU with the running on-hand balance. */
export async function readLedger(m: Tx, locationId: string, sku: string, limit: number) {
  const head: { on_hand: number; reserved: number }[] = await m.query(
    `SELECT on_hand, reserved FROM stock WHERE location_id = $1 AND sku = $2`,
    [locationId, sku],
  );
  const rows: {
    id: string;
    at: Date;
    on_hand_delta: number;
    reserved_delta: number;
    balance: string;
    total: string;
    reason: string;
    actor: string;
    source: string;
    order_id: string | null;
    reference: string | null;
  }[] = await m.query(
    `SELECT m.id::text AS id, m.at, m.on_hand_delta, m.reserved_delta, m.reason, m.actor, m.source, m.order_id, m.reference,
            sum(m.on_hand_delta) OVER (ORDER BY m.id) AS balance, sum(m.on_hand_delta) OVER () AS total
     FROM stock_movements m WHERE m.location_id = $1 AND m.sku = $2 ORDER BY m.id DESC LIMIT $3`,
    [locationId, sku, limit],
  );
  const entries: LedgerEntry[] = rows.map((x) => ({
    id: x.id,
    at: x.at.toISOString(),
    onHandDelta: x.on_hand_delta,
    reservedDelta: x.reserved_delta,
    balance: Number(x.balance),
    reason: x.reason,
    actor: x.actor,
    source: x.source,
    orderId: x.order_id,
    reference: x.reference,
  }));
  return { onHand: head[0]?.on_hand ?? null, reserved: head[0]?.reserved ?? null, ledgerSum: rows[0] ? Number(rows[0].total) : 0, entries };
}

/** A snapshot's reconciliation report (the latest when no id): its summary and what it corrected. */
export async function readReconciliation(m: Tx, snapshotId: string | undefined, limit: number, locations?: readonly string[] | null) {
  const heads: Record<string, unknown>[] = await m.query(
    snapshotId ? `SELECT * FROM inventory_snapshots WHERE id = $1` : `SELECT * FROM inventory_snapshots ORDER BY id DESC LIMIT 1`,
    snapshotId ? [snapshotId] : [],
  );
  const h = heads[0] as
    | {
        id: string;
        source: string;
        actor: string;
        rows: number;
        locations: number;
        changed: number;
        unchanged: number;
        units_added: string;
        units_removed: string;
        shortfalls: number;
        applied_at: Date;
      }
    | undefined;
  if (!h) return { snapshot: null, corrections: [] };
  const corr: { location_id: string; sku: string; before: number; reported: number; after: number }[] = await m.query(
    `SELECT location_id, sku, before, reported, after FROM inventory_snapshot_corrections
     WHERE snapshot_id = $1 AND ($3::text[] IS NULL OR location_id = ANY($3::text[]))
     ORDER BY abs(after - before) DESC, location_id, sku LIMIT $2`,
    [h.id, limit, locations ?? null],
  );
  const zeroed: { n: number }[] = await m.query(
    `SELECT count(*)::int AS n FROM inventory_snapshot_corrections c WHERE snapshot_id = $1 AND reported = 0 AND before > 0`,
    [h.id],
  );
  return {
    snapshot: {
      snapshotId: String(h.id),
      source: h.source,
      actor: h.actor,
      appliedAt: h.applied_at.toISOString(),
      rows: h.rows,
      locations: h.locations,
      changed: h.changed,
      unchanged: h.unchanged,
      zeroed: zeroed[0]!.n,
      unitsAdded: Number(h.units_added),
      unitsRemoved: Number(h.units_removed),
      shortfalls: h.shortfalls,
    },
    corrections: corr.map((c) => ({ locationId: c.location_id, sku: c.sku, before: c.before, reported: c.reported, after: c.after })),
  };
}
