import type { Tx } from '../../db/data-source';
import { ORDER_TYPES, type OrderInput, type OrderStatus, type OrderType } from '../../../shared';
import { preparedRows } from '../../db/sql';
import { exclusionsFrom, exclusionsSql, type Exclusions } from './sourcing-ops.store';
import type { OrderFacts } from './sourcing.store';
import { availableSql } from '../inventory/stock.store';

/*
 * What sourcing reads about one order waiting for it — the claim, read with or without a lock, or
 * returned by the order's own insert — and the writes that go with reading it (the row lock, the
 * count of attempts that left it unfillable).
 */

export interface SourcingClaim {
  status: 'received' | 'unfillable';
  /** The order row's version as read (its xmin): a write to the order since the read changes it. */
  version: string;
  number: number;
  shipTo: { lat: number; lng: number };
  lines: { sku: string; quantity: number }[];
  unknownSkus: string[];
  /** Available to promise of the order's SKUs per location (only positive amounts). */
  atp: Map<string, Map<string, number>>;
  /** What the decision needs beyond the lines: channel, order type, line prices and weights. */
  facts: OrderFacts;
  /** Locations this order must not go to, with the reason (see `loadExclusions`). */
  exclusions: Exclusions;
  /**
   * When the stock above was read (the database's clock). An attempt that leaves the order
   * unfillable is dated from the read, not from the later write, so stock that arrives in between
   * still counts as news for the unroutable queue ({@link noteSourcingAttempt}).
   */
  readAt: Date;
}

/**
 * What sourcing needs about an order waiting for it, in one round trip: lines, unknown SKUs, the
 * ATP of its SKUs everywhere, the order's facts and its exclusions (each separate read was a
 * round trip per order). Null when the order is not waiting for sourcing (already sourced,
 * cancelled, or unknown).
 *
 * `lock: true` (inside a transaction) also locks the row — FOR NO KEY UPDATE, as an UPDATE would,
 * so foreign-key checks on the order do not wait — until the transaction ends. `lock: false` is a
 * plain read for the one-statement path ({@link assignIfWaiting}), whose statement re-checks that
 * the order is still waiting. Attempts are counted only when the order stays unfillable
 * ({@link noteSourcingAttempt}).
 */
export async function claimForSourcing(m: Tx, id: string, opts: { lock: boolean } = { lock: true }): Promise<SourcingClaim | null> {
  const rows = await preparedRows<{
    status: SourcingClaim['status'];
    version: string;
    number: string;
    ship_to: SourcingClaim['shipTo'];
    channel: string;
    order_type: string | null;
    created_at: Date;
    lines: { sku: string; quantity: number; unitPrice: number | string | null; weightGrams: number }[];
    unknown: string[];
    atp: [string, string, number][];
    exclusions: [string, string][];
    read_at: Date;
  }>(
    m,
    opts.lock ? 'atalaya_claim_v7' : 'atalaya_sourcing_read_v3',
    `SELECT o.status, o.xmin::text AS version, statement_timestamp() AS read_at, o.number, o.ship_to, o.channel, o.raw->>'orderType' AS order_type, o.created_at,
       -- A sourcing decision lost in a crash is re-made (the order is still 'received' and the sweeper
       -- re-enqueues it; its reservation was lost with it), so its commit need not wait for the WAL
       -- flush. Intake, whose answer promises durability, keeps synchronous commit.
       set_config('synchronous_commit', 'off', true) AS async_commit,
       (SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.open_quantity, 'unitPrice', l.unit_price, 'weightGrams', coalesce(p.weight_grams, 0)) ORDER BY l.line_no)
          FROM order_lines l LEFT JOIN products p ON p.sku = l.sku WHERE l.order_id = o.id AND l.open_quantity > 0) AS lines,
       (SELECT coalesce(array_agg(l.sku ORDER BY l.line_no), '{}') FROM order_lines l WHERE l.order_id = o.id AND l.open_quantity > 0 AND NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = l.sku)) AS unknown,
       -- What this order's channel may promise: the same expression as the reservation guard.
       (SELECT coalesce(json_agg(json_build_array(s.location_id, s.sku, ${availableSql('s', 'o.channel')})), '[]')
          FROM order_lines l JOIN stock s ON s.sku = l.sku
          WHERE l.order_id = o.id AND ${availableSql('s', 'o.channel')} > 0) AS atp,
       (SELECT coalesce(json_agg(json_build_array(x.location_id, x.reason) ORDER BY x.rank), '[]') FROM (${exclusionsSql('o.id')}) x) AS exclusions
     FROM orders o WHERE o.id = $1 AND o.status IN ('received', 'unfillable')${opts.lock ? '\n     FOR NO KEY UPDATE OF o' : ''}`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  const atp = atpMap(r.atp);
  const lines = r.lines ?? [];
  return {
    status: r.status,
    version: r.version,
    number: Number(r.number),
    shipTo: r.ship_to,
    lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    unknownSkus: r.unknown,
    atp,
    facts: {
      channel: r.channel,
      orderType: ORDER_TYPES.includes(r.order_type as OrderType) ? (r.order_type as OrderType) : 'delivery',
      createdAt: r.created_at,
      lines: lines.map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        unitPrice: l.unitPrice === null ? null : Number(l.unitPrice),
        weightGrams: l.weightGrams,
      })),
    },
    exclusions: exclusionsFrom(r.exclusions),
    readAt: r.read_at,
  };
}

/**
 * How far before its read an attempt is dated. A stock change is stamped when its transaction
 * starts and seen only once it commits: a receipt stamped just before the read but committed just
 * after it was not seen, and must still look newer than the attempt.
 */
export const ATTEMPT_READ_SLACK_MS = 2_000;

/** The time an unfillable attempt is recorded at: its read, less {@link ATTEMPT_READ_SLACK_MS}. */
export function attemptTime(claim: Pick<SourcingClaim, 'readAt'>): Date {
  return new Date(claim.readAt.getTime() - ATTEMPT_READ_SLACK_MS);
}

/**
 * Counts a sourcing attempt that left the order unfillable: the unroutable queue backs off by the
 * count and retries when stock changed after the last attempt — dated from the attempt's read
 * ({@link attemptTime}), since the decision was made on what that read saw. (A sourced order
 * needs no count.)
 */
export async function noteSourcingAttempt(m: Tx, orderId: string, at: Date): Promise<void> {
  await m.query('UPDATE orders SET sourcing_attempts = sourcing_attempts + 1, sourcing_attempted_at = $2 WHERE id = $1', [orderId, at]);
}

/** Locks the order for sourcing (as the sourcing claim does) and returns its status and row version. */
export async function lockForSourcing(m: Tx, id: string): Promise<{ status: OrderStatus; version: string } | null> {
  const rows: { status: OrderStatus; version: string }[] = await m.query(
    'SELECT status, xmin::text AS version FROM orders WHERE id = $1 FOR NO KEY UPDATE',
    [id],
  );
  return rows[0] ?? null;
}

/** The sourcing claim of an order just inserted, from its input and what the insert read (as claimForSourcing would return it). */
export function newOrderClaim(
  input: OrderInput,
  number: number,
  version: string,
  createdAt: Date,
  atpRows: [string, string, number][],
  weights: Record<string, number>,
  exclusions: [string, string][],
): SourcingClaim {
  const orderType = (input as { orderType?: unknown }).orderType;
  return {
    status: 'received',
    version,
    number,
    shipTo: input.shipTo,
    lines: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    unknownSkus: input.lines.filter((l) => !(l.sku in weights)).map((l) => l.sku),
    atp: atpMap(atpRows),
    facts: {
      channel: input.channel,
      orderType: ORDER_TYPES.includes(orderType as OrderType) ? (orderType as OrderType) : 'delivery',
      createdAt,
      // Prices as stored (numeric(14,2)), so the decision is the one a re-read would make.
      lines: input.lines.map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        unitPrice: l.unitPrice === undefined ? null : asNumeric2(l.unitPrice),
        weightGrams: weights[l.sku] ?? 0,
      })),
    },
    exclusions: exclusionsFrom(exclusions),
    // The insert read the stock in its own transaction, which began at created_at.
    readAt: createdAt,
  };
}

/** A number as Postgres stores it in numeric(…, 2): rounded half away from zero on its decimal digits (10.005 → 10.01), not on its binary value. */
export function asNumeric2(n: number): number {
  const r = Math.sign(n) * Number(`${Math.round(Number(`${Math.abs(n)}e2`))}e-2`);
  return Number.isFinite(r) ? r : Math.round(n * 100) / 100;
}

function atpMap(rows: readonly [string, string, number][]): Map<string, Map<string, number>> {
  const atp = new Map<string, Map<string, number>>();
  for (const [loc, sku, qty] of rows) {
    let bySku = atp.get(loc);
    if (!bySku) atp.set(loc, (bySku = new Map()));
    bySku.set(sku, qty);
  }
  return atp;
}
