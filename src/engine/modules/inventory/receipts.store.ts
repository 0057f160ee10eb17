import type { Tx } from '../../db/data-source';
import { AppError } from '../../../shared';
import type { Actor } from '../../../shared';
import { announce } from './feeds.store';
import { assertLocation, assertSku } from './policy.store';
import { assertWorksAt } from '../../kernel/location-scope';

interface ReceiptRow {
  id: string;
  kind: 'transfer' | 'purchase_order';
  reference: string;
  location_id: string;
  from_location_id: string | null;
  sku: string;
  quantity: number;
  received_quantity: number | null;
  expected_at: Date;
  status: 'expected' | 'received' | 'cancelled';
}

const COLS = `id::text, kind, reference, location_id, from_location_id, sku, quantity, received_quantity, expected_at, status`;
const dto = (r: ReceiptRow) => ({
  id: r.id,
  kind: r.kind,
  reference: r.reference,
  locationId: r.location_id,
  fromLocationId: r.from_location_id,
  sku: r.sku,
  quantity: r.quantity,
  receivedQuantity: r.received_quantity,
  expectedAt: r.expected_at.toISOString(),
  status: r.status,
});

/** Records an inbound receipt (a transfer or a purchase order) expected at a location on a date: ATP promises it from then. */
export async function expectReceipt(
  m: Tx,
  r: {
    kind: 'transfer' | 'purchase_order';
    reference: string;
    locationId: string;
    fromLocationId?: string;
    sku: string;
    quantity: number;
    expectedAt: string;
  },
) {
  await assertSku(m, r.sku);
  await assertLocation(m, r.locationId);
  if (r.fromLocationId) await assertLocation(m, r.fromLocationId, 'fromLocationId');
  const rows: ReceiptRow[] = await m.query(
    `INSERT INTO inventory_receipts (kind, reference, location_id, from_location_id, sku, quantity, expected_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING ${COLS}`,
    [r.kind, r.reference, r.locationId, r.fromLocationId ?? null, r.sku, r.quantity, r.expectedAt],
  );
  return dto(rows[0]!);
}

/**
 * Receives an expected receipt (all of it unless `quantity` says otherwise): in one statement the
 * receipt becomes `received` — only once, whoever races for it — and the units go on hand through the ledger.
 */
export async function receive(m: Tx, receiptId: string, quantity: number | undefined, actor: Actor) {
  const pending: { location_id: string; sku: string }[] = await m.query(`SELECT location_id, sku FROM inventory_receipts WHERE id = $1`, [
    receiptId,
  ]);
  if (!pending[0]) throw new AppError('NOT_FOUND', `No receipt ${receiptId}`);
  // A store associate receives at their own locations only.
  assertWorksAt(actor, pending[0].location_id, 'receiptId');
  await m.query(`INSERT INTO stock (location_id, sku) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [pending[0].location_id, pending[0].sku]);
  const rows: ReceiptRow[] = await m.query(
    `WITH r AS (
       UPDATE inventory_receipts SET status = 'received', received_quantity = coalesce($2::int, quantity), received_at = now()
       WHERE id = $1 AND status = 'expected' RETURNING *),
     led AS (
       INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor, source, reference)
       SELECT location_id, sku, received_quantity, 'receive', $3, kind, reference FROM r WHERE received_quantity > 0)
     SELECT ${COLS} FROM r`,
    [receiptId, quantity ?? null, actor.id],
  );
  if (!rows[0]) throw new AppError('ILLEGAL_TRANSITION', `Receipt ${receiptId} is not expected any more (already received or cancelled)`);
  if ((rows[0].received_quantity ?? 0) > 0) await announce(m, 'receipt', [rows[0].sku]);
  return dto(rows[0]);
}

/** A SKU's receipts, newest expected first; `locations` limits them to a location scope's. */
export async function listReceipts(m: Tx, sku: string, locations?: readonly string[] | null) {
  const rows: ReceiptRow[] = await m.query(
    `SELECT ${COLS} FROM inventory_receipts WHERE sku = $1 AND ($2::text[] IS NULL OR location_id = ANY($2::text[]))
     ORDER BY expected_at DESC LIMIT 200`,
    [sku, locations ?? null],
  );
  return rows.map(dto);
}
