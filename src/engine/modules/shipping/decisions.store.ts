import { randomUUID } from 'node:crypto';
import type { RateOption, ShippingDecision } from '../../../shared';
import type { Tx } from '../../db/data-source';

/**
 * The rate shop's decisions (table `shipping_decisions`): one current per order and packing
 * location, with every option weighed and a sentence of why. A supervisor's choice supersedes the
 * engine's (the old one stays, not current).
 */

interface Row {
  id: string;
  order_id: string;
  location_id: string;
  carrier_account_id: string;
  service: string;
  options: RateOption[];
  explanation: string;
  promised_at: Date | null;
  cutoff_at: Date | null;
  decided_by: string;
  overridden: boolean;
  reason: string | null;
  created_at: Date;
}

const COLS = `id, order_id, location_id, carrier_account_id, service, options, explanation, promised_at, cutoff_at, decided_by, overridden,
  reason, created_at`;

const toDecision = (r: Row): ShippingDecision => ({
  id: r.id,
  orderId: r.order_id,
  locationId: r.location_id,
  carrierAccountId: r.carrier_account_id,
  service: r.service,
  options: r.options,
  explanation: r.explanation,
  promisedAt: r.promised_at?.toISOString() ?? null,
  cutoffAt: r.cutoff_at?.toISOString() ?? null,
  decidedBy: r.decided_by,
  decidedAt: r.created_at.toISOString(),
  overridden: r.overridden,
  reason: r.reason,
});

/** The current decision for what an order packed at a location, or null. */
export async function currentDecision(m: Tx, orderId: string, locationId: string): Promise<ShippingDecision | null> {
  const rows: Row[] = await m.query(`SELECT ${COLS} FROM shipping_decisions WHERE order_id = $1 AND location_id = $2 AND current`, [
    orderId,
    locationId,
  ]);
  return rows[0] ? toDecision(rows[0]) : null;
}

/** An order's current decisions, one per packing location. */
export async function orderDecisions(m: Tx, orderId: string): Promise<ShippingDecision[]> {
  const rows: Row[] = await m.query(
    `SELECT ${COLS} FROM shipping_decisions WHERE order_id = $1 AND current ORDER BY created_at, location_id`,
    [orderId],
  );
  return rows.map(toDecision);
}

export interface NewDecision {
  orderId: string;
  locationId: string;
  carrierAccountId: string;
  service: string;
  options: RateOption[];
  explanation: string;
  promisedAt: Date | null;
  cutoffAt: Date | null;
  decidedBy: string;
  overridden: boolean;
  reason: string | null;
}

/**
 * Records the engine's decision unless a current one exists (another node's rate shop won the
 * race): answers the current decision either way, and whether it is this one.
 */
export async function recordDecision(m: Tx, d: NewDecision): Promise<{ decision: ShippingDecision; mine: boolean }> {
  const rows: Row[] = await m.query(
    `INSERT INTO shipping_decisions (id, order_id, location_id, carrier_account_id, service, options, explanation, promised_at, cutoff_at,
       decided_by, overridden, reason)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (order_id, location_id) WHERE current DO NOTHING RETURNING ${COLS}`,
    [
      randomUUID(),
      d.orderId,
      d.locationId,
      d.carrierAccountId,
      d.service,
      JSON.stringify(d.options),
      d.explanation,
      d.promisedAt,
      d.cutoffAt,
      d.decidedBy,
      d.overridden,
      d.reason,
    ],
  );
  if (rows[0]) return { decision: toDecision(rows[0]), mine: true };
  return { decision: (await currentDecision(m, d.orderId, d.locationId))!, mine: false };
}

/** A supervisor's decision replaces the current one (kept as history). */
export async function replaceDecision(m: Tx, d: NewDecision): Promise<ShippingDecision> {
  await m.query(`UPDATE shipping_decisions SET current = false WHERE order_id = $1 AND location_id = $2 AND current`, [
    d.orderId,
    d.locationId,
  ]);
  const { decision } = await recordDecision(m, d);
  return decision;
}
