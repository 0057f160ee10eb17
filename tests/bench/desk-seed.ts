import type pg from 'pg';

/** Columns of `table` other than `skip`, as they are now (other migrations add columns with defaults). */
async function columnsOf(pool: pg.Pool, table: string, skip: string[]): Promise<string[]> {
  const r = await pool.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
       AND is_generated = 'NEVER' AND identity_generation IS NULL ORDER BY ordinal_position`,
    [table],
  );
  return r.rows.map((c) => c.column_name).filter((c) => !skip.includes(c));
}

/** Locations up to `total` in the network (fixture ones count), spread over Argentina's mainland. */
export async function seedLocations(pool: pg.Pool, total: number): Promise<number> {
  const have = Number((await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM locations`)).rows[0]!.n);
  const more = Math.max(0, total - have);
  await pool.query(
    `INSERT INTO locations (id, code, name, kind, city, lat, lng, daily_capacity)
     SELECT 'bench-loc-' || g, 'BL' || g, 'Sucursal ' || g, (ARRAY['store','store','store','dc','dark_store'])[1 + g % 5],
            'Ciudad ' || (g % 300), -22 - random() * 30, -68 + random() * 10, 200 + g % 800
     FROM generate_series(1, $1::int) g`,
    [more],
  );
  return have + more;
}

/**
 * `n` orders cloned from a real one (taken through orders.create, so every column the engine reads is
 * as it writes it), with their lines: statuses mixed, spread over the last weeks and the locations.
 */
export async function cloneOrders(pool: pg.Pool, templateId: string, n: number): Promise<void> {
  const fixed = ['id', 'number', 'external_id', 'status', 'location_id', 'created_at', 'updated_at'];
  const copied = await columnsOf(pool, 'orders', fixed);
  const lineCols = await columnsOf(pool, 'order_lines', ['order_id']);
  await pool.query(`CREATE TEMP TABLE IF NOT EXISTS bench_locs AS SELECT id, row_number() OVER (ORDER BY id) AS k FROM locations`);
  const chunk = 20_000;
  for (let from = 1; from <= n; from += chunk) {
    const to = Math.min(n, from + chunk - 1);
    await pool.query(
      `WITH made AS (
         INSERT INTO orders (id, external_id, status, location_id, created_at, updated_at, ${copied.join(', ')})
         SELECT gen_random_uuid(), 'bench-' || g,
                (ARRAY['received','sourced','sourced','picked','packed','shipped','delivered','cancelled'])[1 + g % 8],
                (SELECT id FROM bench_locs WHERE k = 1 + g % (SELECT count(*) FROM bench_locs)),
                now() - make_interval(secs => ($3::int - g) * 20), now() - make_interval(secs => ($3::int - g) * 20),
                ${copied.map((c) => `t.${c}`).join(', ')}
         FROM orders t, generate_series($1::int, $2::int) g WHERE t.id = $4
         RETURNING id)
       INSERT INTO order_lines (order_id, ${lineCols.join(', ')})
       SELECT made.id, ${lineCols.map((c) => `l.${c}`).join(', ')} FROM made, order_lines l WHERE l.order_id = $4`,
      [from, to, n, templateId],
    );
  }
  await pool.query(`ANALYZE orders; ANALYZE order_lines`);
}

/**
 * The SQL of one live order, as intake writes it: the order (cloned from the template) and its
 * `order.changed` event in the outbox, in one transaction. Parameters: $1 the template id, $2 a unique key.
 */
export async function liveOrderSql(pool: pg.Pool): Promise<string> {
  const fixed = ['id', 'number', 'external_id', 'status', 'location_id', 'created_at', 'updated_at'];
  const copied = await columnsOf(pool, 'orders', fixed);
  return `WITH made AS (
      INSERT INTO orders (id, external_id, status, location_id, ${copied.join(', ')})
      SELECT gen_random_uuid(), 'live-' || $2::text, 'received', t.location_id, ${copied.map((c) => `t.${c}`).join(', ')}
      FROM orders t WHERE t.id = $1
      RETURNING id, number, location_id, created_at)
    INSERT INTO engine_events (payload)
    SELECT atalaya_order_changed(id, number, 'received', NULL, location_id, created_at) FROM made`;
}
