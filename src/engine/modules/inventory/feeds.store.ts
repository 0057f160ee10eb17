import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db, Tx } from '../../db/data-source';
import { AppError } from '../../../shared';
import type { Actor } from '../../../shared';

export interface SnapshotSummary {
  snapshotId: string;
  rows: number;
  locations: number;
  changed: number;
  unchanged: number;
  zeroed: number;
  unitsAdded: number;
  unitsRemoved: number;
  shortfalls: number;
  /** Locations skipped because this source already sent a newer sequence for them. */
  staleLocations: string[];
}

/**
 * Applies a full stock snapshot from a POS/WMS/ERP: CSV text (header `location_id,sku,on_hand`,
 * optionally `,bin`: where the SKU sits there; an empty bin leaves the stored one as it is)
 * streamed with COPY into a temporary staging table, checked, then applied set-based in one
 * statement — every correction written to the ledger (which moves on hand) and to the
 * reconciliation report. The snapshot covers the locations it names: SKUs of those locations it
 * does not list are counted as zero. On hand never drops below what is reserved (the difference is
 * reported as a shortfall). All or nothing: any bad row rejects the whole snapshot.
 */
export async function applySnapshot(
  ds: Db,
  input: { source: string; csv: AsyncIterable<string | Buffer> | Iterable<string>; seq?: number; withBin?: boolean },
  actor: Actor,
): Promise<SnapshotSummary> {
  const pool = (ds.driver as unknown as { master: pg.Pool }).master;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL statement_timeout = '600s'`);
    await client.query(`CREATE TEMP TABLE snap_rows (location_id text, sku text, on_hand integer, bin text) ON COMMIT DROP`);
    const columns = input.withBin ? 'location_id, sku, on_hand, bin' : 'location_id, sku, on_hand';
    try {
      await pipeline(Readable.from(input.csv), client.query(copyFrom(`COPY snap_rows (${columns}) FROM STDIN (FORMAT csv, HEADER true)`)));
    } catch (e) {
      const pe = e as { message?: string; where?: string };
      throw new AppError(
        'VALIDATION_FAILED',
        `Snapshot rejected, nothing applied: ${pe.message ?? String(e)}${pe.where ? ` (${pe.where})` : ''}. Each row must be location_id,sku,on_hand${input.withBin ? ',bin' : ''} with a whole number on_hand`,
        [{ path: 'snapshot', message: pe.where ?? pe.message ?? 'unreadable CSV' }],
      );
    }
    await client.query('ANALYZE snap_rows');
    await rejectBadRows(client);
    await client.query(
      `INSERT INTO stock (location_id, sku) SELECT t.location_id, t.sku FROM snap_rows t
       WHERE NOT EXISTS (SELECT 1 FROM stock s WHERE s.location_id = t.location_id AND s.sku = t.sku) ON CONFLICT DO NOTHING`,
    );
    // The locations this snapshot covers. With a sequence, only those this source has not sent a newer
    // sequence (snapshot or delta) for: the cursor row stays locked until commit, so deltas wait.
    await client.query(`CREATE TEMP TABLE snap_scope (location_id text PRIMARY KEY) ON COMMIT DROP`);
    if (input.seq === undefined) {
      await client.query(`INSERT INTO snap_scope SELECT DISTINCT location_id FROM snap_rows`);
    } else {
      await client.query(
        `WITH fresh AS (
           INSERT INTO inventory_feed_cursors (source, location_id, last_seq) SELECT DISTINCT $1::text, location_id, $2::bigint FROM snap_rows ORDER BY 2
           ON CONFLICT (source, location_id) DO UPDATE SET last_seq = EXCLUDED.last_seq, updated_at = now()
           WHERE inventory_feed_cursors.last_seq < EXCLUDED.last_seq RETURNING location_id)
         INSERT INTO snap_scope SELECT location_id FROM fresh`,
        [input.source, input.seq],
      );
    }
    const stale = await client.query(
      `SELECT DISTINCT t.location_id FROM snap_rows t WHERE NOT EXISTS (SELECT 1 FROM snap_scope c WHERE c.location_id = t.location_id) ORDER BY 1`,
    );
    const res = await client.query(
      `WITH scope AS (SELECT location_id FROM snap_scope),
       -- Rows to correct: listed with another count, or in scope and not listed (counted as zero).
       -- Locked in one pass in key order (no deadlock between two snapshots); values re-read after the lock.
       locked AS (
         SELECT s.location_id, s.sku, s.on_hand, s.reserved, coalesce(t.on_hand, 0) AS reported, t.sku IS NOT NULL AS in_snapshot
         FROM stock s JOIN scope USING (location_id)
         LEFT JOIN snap_rows t ON t.location_id = s.location_id AND t.sku = s.sku
         WHERE (t.sku IS NULL AND s.on_hand > 0) OR s.on_hand <> t.on_hand
         ORDER BY s.location_id, s.sku FOR UPDATE OF s),
       corr AS (SELECT location_id, sku, on_hand AS before, reported, greatest(reported, reserved) AS after, in_snapshot FROM locked),
       snap AS (
         INSERT INTO inventory_snapshots (source, actor, rows, locations, changed, unchanged, units_added, units_removed, shortfalls)
         SELECT $1, $2, (SELECT count(*) FROM snap_rows), (SELECT count(*) FROM scope),
           count(*) FILTER (WHERE after <> before), (SELECT count(*) FROM snap_rows JOIN scope USING (location_id)) - count(*) FILTER (WHERE in_snapshot AND after <> before),
           coalesce(sum(greatest(after - before, 0)), 0), coalesce(sum(greatest(before - after, 0)), 0), count(*) FILTER (WHERE after > reported)
         FROM corr RETURNING id),
       led AS (
         INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor, source, reference)
         SELECT corr.location_id, corr.sku, corr.after - corr.before, 'snapshot', $2, $1, 'snapshot ' || snap.id FROM corr, snap WHERE corr.after <> corr.before),
       rec AS (
         INSERT INTO inventory_snapshot_corrections (snapshot_id, location_id, sku, before, reported, after)
         SELECT snap.id, corr.location_id, corr.sku, corr.before, corr.reported, corr.after FROM corr, snap)
       SELECT (SELECT id::text FROM snap) AS id, (SELECT count(*) FROM corr WHERE NOT in_snapshot)::int AS zeroed`,
      [input.source, actor.id],
    );
    // Bins given move (in the locations this snapshot covers); a row without one keeps the stored bin.
    if (input.withBin) {
      await client.query(
        `UPDATE stock s SET bin = t.bin FROM snap_rows t JOIN snap_scope c USING (location_id)
         WHERE s.location_id = t.location_id AND s.sku = t.sku AND t.bin IS NOT NULL AND s.bin IS DISTINCT FROM t.bin`,
      );
    }
    const head = await client.query(`SELECT * FROM inventory_snapshots WHERE id = $1`, [res.rows[0].id]);
    await client.query(
      `INSERT INTO engine_events (payload)
       SELECT jsonb_build_object('type', 'inventory.changed', 'cause', 'snapshot', 'skus', coalesce(jsonb_agg(sku) FILTER (WHERE n <= 100), '[]'), 'more', count(*) > 100,
                                 'snapshotId', $1::text, 'at', atalaya_iso(clock_timestamp()))
       FROM (SELECT sku, row_number() OVER (ORDER BY sku) AS n FROM inventory_snapshot_corrections WHERE snapshot_id = $1 AND after <> before GROUP BY sku) c`,
      [res.rows[0].id],
    );
    await client.query('COMMIT');
    const h = head.rows[0];
    return {
      snapshotId: String(h.id),
      rows: h.rows,
      locations: h.locations,
      changed: h.changed,
      unchanged: h.unchanged,
      zeroed: res.rows[0].zeroed,
      unitsAdded: Number(h.units_added),
      unitsRemoved: Number(h.units_removed),
      shortfalls: h.shortfalls,
      staleLocations: stale.rows.map((r: { location_id: string }) => r.location_id),
    };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

async function rejectBadRows(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query(
    `SELECT 'on_hand' AS field, location_id, sku, 'on_hand must be a whole number ≥ 0' AS problem FROM snap_rows WHERE on_hand IS NULL OR on_hand < 0
     UNION ALL SELECT 'location_id', location_id, sku, 'unknown location (add it to the network first)' FROM snap_rows t WHERE NOT EXISTS (SELECT 1 FROM locations l WHERE l.id = t.location_id)
     UNION ALL SELECT 'sku', location_id, sku, 'unknown SKU (add it to the catalog first)' FROM snap_rows t WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = t.sku)
     UNION ALL (SELECT 'sku', location_id, sku, 'listed more than once for this location' FROM snap_rows GROUP BY location_id, sku HAVING count(*) > 1)
     UNION ALL SELECT 'bin', location_id, sku, 'bin must be 1 to 32 characters (e.g. A03-12-2), or empty to keep the bin as it is' FROM snap_rows WHERE bin IS NOT NULL AND (length(btrim(bin)) = 0 OR length(bin) > 32 OR bin <> btrim(bin))
     LIMIT 20`,
  );
  if (rows.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Snapshot rejected, nothing applied: ${rows.map((r) => `${r.location_id ?? '(empty)'}/${r.sku ?? '(empty)'}: ${r.problem}`).join('; ')}`,
      rows.map((r) => ({ path: `snapshot.${r.location_id}.${r.sku}.${r.field}`, message: r.problem })),
    );
  }
}

/** Quotes one CSV field. */
const q = (s: string | number) => `"${String(s).replace(/"/g, '""')}"`;

/**
 * JSON snapshot rows as the CSV that COPY reads, generated lazily. `withBin` adds the bin column
 * (a row without a bin gets an unquoted empty field: NULL, the stored bin kept).
 */
export function* snapshotRowsAsCsv(
  rows: Iterable<{ locationId: string; sku: string; onHand: number; bin?: string }>,
  opts: { withBin?: boolean } = {},
): Generator<string> {
  yield opts.withBin ? 'location_id,sku,on_hand,bin\n' : 'location_id,sku,on_hand\n';
  let chunk = '';
  for (const r of rows) {
    chunk += `${q(r.locationId)},${q(r.sku)},${r.onHand}${opts.withBin ? `,${r.bin === undefined ? '' : q(r.bin)}` : ''}\n`;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export interface DeltaEvent {
  locationId: string;
  sku: string;
  /** Per source and location, increasing: an event at or below the last applied one is stale. */
  seq: number;
  /** The count the source now has (absolute) … */
  onHand?: number;
  /** … or a change to apply (relative). Exactly one of the two. */
  adjust?: number;
  reason?: string;
  /** Where the SKU sits at the location now; absent = unchanged. */
  bin?: string;
}

export type DeltaResult = { locationId: string; sku: string; seq: number } & (
  { status: 'applied'; applied: number; shortfall: number } | { status: 'stale' }
);

/**
 * Applies delta events from one source in per-location sequence order. Each event is one guarded
 * statement: the cursor advances only if the event is newer than the last applied for its location
 * (a stale or replayed event changes nothing), and the stock row is locked while the delta is
 * computed and written to the ledger. Call inside a transaction: the batch is all or nothing.
 */
export async function applyDeltas(m: Tx, source: string, events: readonly DeltaEvent[], actor: Actor): Promise<DeltaResult[]> {
  const bad: { location_id: string | null; sku: string | null }[] = await m.query(
    `SELECT CASE WHEN l.id IS NULL THEN e.loc END AS location_id, CASE WHEN p.sku IS NULL THEN e.sku END AS sku
     FROM unnest($1::text[], $2::text[]) AS e(loc, sku) LEFT JOIN locations l ON l.id = e.loc LEFT JOIN products p ON p.sku = e.sku
     WHERE l.id IS NULL OR p.sku IS NULL LIMIT 10`,
    [events.map((e) => e.locationId), events.map((e) => e.sku)],
  );
  if (bad.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Deltas rejected, nothing applied: ${bad.map((b) => (b.location_id ? `unknown location ${b.location_id}` : `unknown SKU ${b.sku}`)).join('; ')}`,
      bad.map((b) => ({
        path: b.location_id ? 'events.locationId' : 'events.sku',
        message: b.location_id ? `unknown location ${b.location_id}` : `unknown SKU ${b.sku} (add it to the catalog first)`,
      })),
    );
  }
  const ordered = [...events].sort((a, b) => (a.locationId === b.locationId ? a.seq - b.seq : a.locationId < b.locationId ? -1 : 1));
  const out: DeltaResult[] = [];
  for (const e of ordered) {
    await m.query(`INSERT INTO stock (location_id, sku) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [e.locationId, e.sku]);
    const rows: { fresh: number; applied: number | null; shortfall: number | null }[] = await m.query(
      `WITH cur AS (
         INSERT INTO inventory_feed_cursors (source, location_id, last_seq) VALUES ($1, $2, $3)
         ON CONFLICT (source, location_id) DO UPDATE SET last_seq = EXCLUDED.last_seq, updated_at = now()
         WHERE inventory_feed_cursors.last_seq < EXCLUDED.last_seq RETURNING 1),
       s AS (SELECT on_hand, reserved, coalesce($5::int, on_hand + $6::int) AS target FROM stock WHERE location_id = $2 AND sku = $4 AND EXISTS (SELECT 1 FROM cur) FOR UPDATE),
       calc AS (SELECT greatest(target, reserved) - on_hand AS applied, greatest(0, reserved - target) AS shortfall FROM s),
       led AS (
         INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor, source, reference)
         SELECT $2, $4, calc.applied, $7, $8, $1, 'seq ' || $3 FROM calc WHERE calc.applied <> 0)
       SELECT (SELECT count(*) FROM cur)::int AS fresh, (SELECT applied FROM calc)::int AS applied, (SELECT shortfall FROM calc)::int AS shortfall`,
      [source, e.locationId, e.seq, e.sku, e.onHand ?? null, e.adjust ?? null, e.reason ?? 'delta', actor.id],
    );
    const r = rows[0]!;
    // A fresh event may move the SKU's bin; a stale one changes nothing.
    if (r.fresh && e.bin !== undefined) {
      await m.query(`UPDATE stock SET bin = $3 WHERE location_id = $1 AND sku = $2 AND bin IS DISTINCT FROM $3`, [
        e.locationId,
        e.sku,
        e.bin,
      ]);
    }
    out.push(
      r.fresh
        ? { locationId: e.locationId, sku: e.sku, seq: e.seq, status: 'applied', applied: r.applied ?? 0, shortfall: r.shortfall ?? 0 }
        : { locationId: e.locationId, sku: e.sku, seq: e.seq, status: 'stale' },
    );
  }
  const skus = [...new Set(out.filter((r) => r.status === 'applied' && r.applied !== 0).map((r) => r.sku))];
  if (skus.length) await announce(m, 'delta', skus);
  return out;
}

/** Tells every desk (through the outbox, in the caller's transaction) which SKUs' stock changed. */
export async function announce(m: Tx, cause: 'delta' | 'receipt', skus: string[]): Promise<void> {
  await m.query(
    `INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'inventory.changed', 'cause', $1::text, 'skus', $2::jsonb, 'more', $3::boolean, 'at', atalaya_iso(clock_timestamp())))`,
    [cause, JSON.stringify(skus.slice(0, 100)), skus.length > 100],
  );
}
