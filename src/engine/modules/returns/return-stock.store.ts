import type { Actor, Disposition, ReceiptOutcome } from '../../../shared';
import type { ItemVerdict } from '../../core/returns/return-items';
import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';
import { adjustOnHand } from '../inventory/stock.store';

/**
 * A location's non-sellable returns stock (`return_stock`, migration 0028) and its ledger. Units
 * received on a return wait here — never in sellable stock — until inspected; each line's
 * `received` and `disposed` counts (checked `disposed <= received <= quantity`) make a unit enter
 * once and leave once, whatever is retried.
 */

/**
 * Records what arrived of each line and puts the units into the location's returns stock, with a
 * ledger row per SKU. Answers the lines whose counts moved (a line received already is not received again).
 */
export async function receiveLines(
  m: Tx,
  returnId: string,
  locationId: string,
  lines: readonly { lineNo: number; outcome: ReceiptOutcome; quantity: number }[],
  actor: Actor,
): Promise<{ lineNo: number; sku: string; received: number }[]> {
  return returningRows(
    m,
    `WITH x AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(line_no int, outcome text, quantity int)),
     l AS (
       UPDATE return_lines l SET received = CASE WHEN x.outcome = 'missing' THEN 0 ELSE least(x.quantity, l.quantity) END, receipt_outcome = x.outcome
       FROM x WHERE l.return_id = $1 AND l.line_no = x.line_no AND l.receipt_outcome IS NULL
       RETURNING l.line_no, l.sku, l.received, x.outcome),
     kept AS (SELECT sku, sum(received)::int AS units FROM l WHERE received > 0 AND outcome <> 'wrong_item' GROUP BY sku),
     s AS (
       INSERT INTO return_stock AS s (location_id, sku, on_hand) SELECT $3, sku, units FROM kept
       ON CONFLICT (location_id, sku) DO UPDATE SET on_hand = s.on_hand + EXCLUDED.on_hand, updated_at = now()),
     led AS (
       INSERT INTO return_stock_movements (location_id, sku, delta, reason, return_id, actor)
       SELECT $3, sku, units, 'return.received', $1, $4 FROM kept)
     SELECT line_no AS "lineNo", sku, received FROM l ORDER BY line_no`,
    [returnId, JSON.stringify(lines.map((l) => ({ line_no: l.lineNo, outcome: l.outcome, quantity: l.quantity }))), locationId, actor.id],
  );
}

/**
 * Gives each received line its disposition and acceptance: its units leave the returns stock (once: `disposed`
 * goes to `received` only from 0), and a restock puts them into sellable stock through the stock
 * ledger (ATP rises). Answers the lines disposed now, with their units.
 */
export async function disposeLines(
  m: Tx,
  returnId: string,
  locationId: string,
  lines: readonly ItemVerdict[],
  actor: Actor,
): Promise<{ lineNo: number; sku: string; units: number; disposition: Disposition }[]> {
  const done = await returningRows<{ lineNo: number; sku: string; units: number; disposition: Disposition }>(
    m,
    `WITH x AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(line_no int, disposition text, acceptance text, rejection_reason text)),
     l AS (
       UPDATE return_lines l SET disposition = x.disposition, disposed = l.received, acceptance = x.acceptance, rejection_reason = x.rejection_reason
       FROM x WHERE l.return_id = $1 AND l.line_no = x.line_no AND l.disposition IS NULL AND l.receipt_outcome IS NOT NULL
       RETURNING l.line_no, l.sku, l.received AS units, x.disposition, l.receipt_outcome),
     moved AS (SELECT sku, sum(units)::int AS units FROM l WHERE units > 0 AND receipt_outcome <> 'wrong_item' GROUP BY sku),
     s AS (
       UPDATE return_stock s SET on_hand = s.on_hand - moved.units, updated_at = now()
       FROM moved WHERE s.location_id = $3 AND s.sku = moved.sku),
     led AS (
       INSERT INTO return_stock_movements (location_id, sku, delta, reason, return_id, actor)
       SELECT $3, l.sku, -l.units, 'return.' || l.disposition, $1, $4 FROM l WHERE l.units > 0 AND l.receipt_outcome <> 'wrong_item')
     SELECT line_no AS "lineNo", sku, units, disposition FROM l WHERE receipt_outcome <> 'wrong_item' ORDER BY line_no`,
    [
      returnId,
      JSON.stringify(
        lines.map((l) => ({
          line_no: l.lineNo,
          disposition: l.disposition,
          acceptance: l.acceptance,
          rejection_reason: l.rejectionReason,
        })),
      ),
      locationId,
      actor.id,
    ],
  );
  for (const d of done)
    if (d.disposition === 'restock' && d.units > 0)
      await adjustOnHand(
        m,
        { locationId, sku: d.sku, delta: d.units, reason: 'return.restock', source: 'returns', reference: returnId },
        actor,
      );
  return done;
}
