import type { Tx } from '../../db/data-source';
import { ORDER_TYPES, type OrderType } from '../../../shared';
import type { Placement } from '../../core/sourcing/assignment-cost';
import type { OrderLineToSource } from '../../core/sourcing/types';
import { exclusionsSql } from './sourcing-ops.store';

/** An order of the unreleased backlog as the joint re-optimisation reads it. */
export interface BacklogRow {
  id: string;
  number: number;
  channel: string;
  orderType: OrderType;
  shipTo: { lat: number; lng: number };
  lines: OrderLineToSource[];
  parts: Placement[];
  exclusions: Map<string, string>;
  focus: boolean;
  /** Its reservations as read (see {@link lockForMove}): a move goes ahead only if they are the same when it is applied. */
  fingerprint: string;
}

const fingerprint = (held: readonly { loc: string; sku: string; qty: number }[]) =>
  held
    .map((h) => `${h.loc}\u0000${h.sku}\u0000${h.qty}`)
    .sort()
    .join('\u0001');

/**
 * Movable: sourced, nothing picked (every fulfilment order still assigned), decided by the engine
 * alone (no person touched it since intake), and unchanged for at least the minimum age.
 */
const MOVABLE = (o: string) => `${o}.status = 'sourced'
  AND NOT EXISTS (SELECT 1 FROM fulfilment_orders f WHERE f.order_id = ${o}.id AND f.status NOT IN ('assigned', 'cancelled'))
  AND NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = ${o}.id AND e.actor_id <> 'system' AND e.type <> 'order.received')`;

/**
 * Takes the next `limit` sourced orders for a re-optimisation pass and marks them examined, in one
 * statement: first those never examined, then those examined longest ago (`reopt_examined_at`),
 * so successive passes walk the whole backlog — whatever its size, an order is reached within
 * ⌈sourced orders / limit⌉ passes. Rows another node's pass is taking are skipped (SKIP LOCKED),
 * so concurrent passes take disjoint batches. Every order taken is marked, movable or not, so one
 * that may not move never blocks the head of the line; returned are those re-optimisation may
 * move: nothing picked yet (every fulfilment order still assigned) and decided by the engine alone
 * — an order a person has touched since intake (an override, a note on the floor) is left as it
 * is. Least recently changed first.
 */
export async function takeReoptimisable(m: Tx, limit: number, minAgeMs: number): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `WITH pick AS (
       SELECT o.id FROM orders o
       WHERE o.status = 'sourced' AND o.updated_at < now() - make_interval(secs => $2::double precision / 1000)
       ORDER BY o.reopt_examined_at ASC NULLS FIRST, o.updated_at, o.id
       LIMIT $1
       FOR NO KEY UPDATE SKIP LOCKED),
     marked AS (
       UPDATE orders o SET reopt_examined_at = now() FROM pick WHERE o.id = pick.id RETURNING o.id, o.status, o.updated_at)
     SELECT k.id FROM marked k WHERE ${MOVABLE('k')}
     ORDER BY k.updated_at, k.id`,
    [limit, minAgeMs],
  );
  return rows.map((r) => r.id);
}

/**
 * The orders a pass examines (`focus`) and, beside them, up to `partners` other movable orders
 * holding units of the same SKUs — those that may give way so a focus order ships whole — each
 * with its open lines, its reservations by location and its exclusions, in one statement.
 */
export async function loadBacklog(m: Tx, focusIds: readonly string[], partners: number, minAgeMs: number): Promise<BacklogRow[]> {
  if (!focusIds.length) return [];
  const rows: {
    id: string;
    number: string | number;
    channel: string;
    order_type: string | null;
    ship_to: { lat: number; lng: number };
    focus: boolean;
    lines: { sku: string; quantity: number; unitPrice: number | string | null; weightGrams: number }[] | null;
    held: { loc: string; sku: string; qty: number }[] | null;
    excl: [string, string][] | null;
  }[] = await m.query(
    `WITH focus AS (SELECT o.id FROM orders o WHERE o.id = ANY($1::uuid[]) AND ${MOVABLE('o')}),
     skus AS (SELECT DISTINCT l.sku FROM order_lines l JOIN focus f ON f.id = l.order_id WHERE l.open_quantity > 0),
     partner AS (
       SELECT DISTINCT r.order_id AS id FROM reservations r JOIN skus k ON k.sku = r.sku JOIN orders o ON o.id = r.order_id
       WHERE r.status = 'reserved' AND NOT (r.order_id = ANY($1::uuid[]))
         AND o.updated_at < now() - make_interval(secs => $3::double precision / 1000) AND ${MOVABLE('o')}
       LIMIT $2),
     chosen AS (SELECT id, true AS focus FROM focus UNION ALL SELECT id, false FROM partner)
     SELECT o.id, o.number, o.channel, o.raw->>'orderType' AS order_type, o.ship_to, c.focus,
       (SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.open_quantity, 'unitPrice', l.unit_price, 'weightGrams', coalesce(p.weight_grams, 0)) ORDER BY l.line_no)
          FROM order_lines l LEFT JOIN products p ON p.sku = l.sku WHERE l.order_id = o.id AND l.open_quantity > 0) AS lines,
       (SELECT json_agg(json_build_object('loc', r.location_id, 'sku', r.sku, 'qty', r.quantity) ORDER BY r.location_id, r.sku)
          FROM reservations r WHERE r.order_id = o.id AND r.status = 'reserved') AS held,
       (SELECT json_agg(json_build_array(x.location_id, x.reason) ORDER BY x.rank) FROM (${exclusionsSql('o.id')}) x) AS excl
     FROM chosen c JOIN orders o ON o.id = c.id
     ORDER BY c.focus DESC, o.updated_at, o.id`,
    [focusIds, partners, minAgeMs],
  );
  return rows
    .filter((r) => r.lines?.length && r.held?.length)
    .map((r) => {
      const parts = new Map<string, { sku: string; quantity: number }[]>();
      for (const h of r.held!) {
        const list = parts.get(h.loc) ?? [];
        const same = list.find((l) => l.sku === h.sku);
        if (same) same.quantity += h.qty;
        else list.push({ sku: h.sku, quantity: h.qty });
        parts.set(h.loc, list);
      }
      const exclusions = new Map<string, string>();
      for (const [loc, reason] of r.excl ?? []) if (!exclusions.has(loc)) exclusions.set(loc, reason);
      return {
        id: r.id,
        number: Number(r.number),
        channel: r.channel,
        orderType: ORDER_TYPES.includes(r.order_type as OrderType) ? (r.order_type as OrderType) : 'delivery',
        shipTo: r.ship_to,
        lines: r.lines!.map((l) => ({
          sku: l.sku,
          quantity: l.quantity,
          unitPrice: l.unitPrice === null ? null : Number(l.unitPrice),
          weightGrams: l.weightGrams,
        })),
        parts: [...parts.entries()].map(([locationId, lines]) => ({ locationId, lines })),
        exclusions,
        focus: r.focus,
        fingerprint: fingerprint(r.held!),
      };
    });
}

/**
 * Units no order holds, per location and SKU: on hand − reserved − safety stock − every ring-fenced
 * unit (the pool of any channel; a fenced channel's own fenced units are left out, so a planned move
 * never counts on units the reservation guard would refuse). Only positive rows.
 */
export async function loadFreePool(m: Tx, skus: readonly string[]): Promise<{ location_id: string; sku: string; free: number }[]> {
  return m.query(
    `SELECT location_id, sku, on_hand - reserved - safety_stock - ring_fenced AS free
     FROM stock WHERE sku = ANY($1::text[]) AND on_hand - reserved - safety_stock - ring_fenced > 0`,
    [[...new Set(skus)]],
  );
}

/** Locks the orders of a planned move (in id order: two passes never wait on each other crosswise) and reads their reservations. */
export async function lockForMove(m: Tx, ids: readonly string[]): Promise<Map<string, string> | null> {
  const sorted = [...ids].sort();
  const locked: { id: string }[] = await m.query(
    `SELECT o.id FROM orders o WHERE o.id = ANY($1::uuid[]) AND ${MOVABLE('o')} ORDER BY o.id FOR UPDATE`,
    [sorted],
  );
  if (locked.length !== sorted.length) return null;
  const held: { order_id: string; loc: string; sku: string; qty: number }[] = await m.query(
    `SELECT order_id, location_id AS loc, sku, quantity AS qty FROM reservations WHERE order_id = ANY($1::uuid[]) AND status = 'reserved'
     ORDER BY order_id, location_id, sku`,
    [sorted],
  );
  const out = new Map<string, string>();
  for (const id of sorted) out.set(id, fingerprint(held.filter((h) => h.order_id === id)));
  return out;
}
