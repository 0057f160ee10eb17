import { PICKUP_MAX_WRONG_CODES, type Actor, type Pickup } from '../../../shared';
import { pickupQrSvg } from './pickup-code';
import type { PickupRow } from './pickup.store';

/**
 * Who may read a pickup's code on a screen: supervisors. The person who makes a pickup ready reads
 * it once, in that answer; an associate at the counter must not be able to read it off the screen
 * (the customer brings it).
 */
export const seesPickupCode = (actor: Actor): boolean => actor.role === 'supervisor';

/** A pickup as the contract shows it; the code and its QR only when `showCode`. */
export function toPickup(r: PickupRow, showCode: boolean): Pickup {
  return {
    orderId: r.order_id,
    orderNumber: Number(r.order_number),
    locationId: r.location_id,
    customerName: r.customer_name ?? '',
    status: r.status,
    code: showCode ? r.code : null,
    qrSvg: showCode ? pickupQrSvg(r.code) : null,
    readyAt: r.ready_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    wrongCodes: r.wrong_codes,
    locked: r.wrong_codes >= PICKUP_MAX_WRONG_CODES,
    lines: Object.keys(r.lines)
      .sort()
      .map((sku) => ({ sku, productName: r.names[sku] ?? null, quantity: r.lines[sku] ?? 0, collected: r.collected[sku] ?? 0 })),
    collectedAt: r.collected_at ? r.collected_at.toISOString() : null,
  };
}
