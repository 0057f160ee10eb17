import { AppError } from '../../../shared';
import type { ModuleContext } from '../../kernel/context';
import { CarrierError, type CarrierLabel, type CarrierTrackingEvent, type CreateResult } from '../../ports/carrier.port';
import { carrierFor } from './carrier-runtime';
import { destinationAddress, originAddress } from './label-policy';

/**
 * Parcels coming back (published for the returns module): a return label bought from a carrier
 * account — from the customer's address to the location that receives it — and tracking for those
 * parcels. The carrier port is the same as for outbound shipments; what differs is the direction.
 */

type Ctx = Pick<ModuleContext, 'ds' | 'config'>;

export interface ReturnParcelRequest {
  accountId: string;
  service: string;
  /** The return's code (R-1042): the idempotency key at the carrier, so a retry never buys twice. */
  reference: string;
  orderNumber: number;
  customer: { name: string; phone?: string; email?: string };
  shipTo: { line1: string; city: string; region?: string; postalCode?: string; country?: string; lat?: number; lng?: number };
  location: { name: string; city: string; lat?: number; lng?: number };
  country: string;
  weightGrams: number;
  declaredValue: { amount: number; currency: string };
}

export interface BoughtReturnLabel {
  externalId: string;
  trackingNumber: string;
  trackingUrl: string | null;
  carrierName: string;
  label: CarrierLabel;
}

/**
 * Buys the return label (PDF: the customer prints it at home). Throws CarrierError as the carrier
 * said (`transient` ones are retried by the caller), or AppError for an account that cannot be used.
 * A carrier that only accepts the request for later (`pending`) is a transient failure here: asked
 * again, the same reference answers the shipment it made.
 */
export async function buyReturnLabel(ctx: Ctx, req: ReturnParcelRequest): Promise<BoughtReturnLabel> {
  const { adapter, account, io, enabled } = await carrierFor(ctx, req.accountId);
  if (!enabled)
    throw new AppError('VALIDATION_FAILED', `Carrier account ${account.name} is disabled: enable it, or choose another for return labels`);
  const result: CreateResult = await adapter.createShipment(
    account,
    {
      reference: req.reference,
      orderNumber: req.orderNumber,
      service: req.service,
      from: destinationAddress(req.customer, req.shipTo, req.country),
      to: originAddress(req.location, req.country),
      parcel: { weightGrams: Math.max(1, req.weightGrams) },
      declaredValue: req.declaredValue,
      labelFormat: 'pdf',
    },
    io,
  );
  if (result.state === 'pending')
    throw new CarrierError(`${account.name} has not made the label of ${req.reference} yet`, 'unavailable', result.retryAfterMs);
  if (result.state === 'rejected')
    throw new CarrierError(`${account.name} refused the return label of ${req.reference}: ${result.reason}`, 'invalid');
  if (result.noLabel) throw new CarrierError(`${account.name} makes no label for ${req.reference}`, 'invalid');
  const label = result.label ?? (await adapter.label(account, result.externalId, 'pdf', io));
  return {
    externalId: result.externalId,
    trackingNumber: result.trackingNumber,
    trackingUrl: result.trackingUrl ?? adapter.trackingUrl?.(result.trackingNumber) ?? null,
    carrierName: adapter.displayName,
    label,
  };
}

/** The carrier's tracking events for parcels coming back (unknown ones are left out). */
export async function trackReturnParcels(ctx: Ctx, accountId: string, trackingNumbers: readonly string[]): Promise<CarrierTrackingEvent[]> {
  if (!trackingNumbers.length) return [];
  const { adapter, account, io } = await carrierFor(ctx, accountId);
  return adapter.track(account, trackingNumbers, io);
}

/**
 * Books the carrier's pickup of a return at the customer's address on `date` (YYYY-MM-DD). Null
 * when the carrier books no pickups (the customer drops the parcel off instead).
 */
export async function bookReturnPickup(
  ctx: Ctx,
  req: Pick<ReturnParcelRequest, 'accountId' | 'customer' | 'shipTo' | 'country'> & { date: string; externalId: string },
): Promise<{ confirmation: string } | null> {
  const { adapter, account, io } = await carrierFor(ctx, req.accountId);
  if (!adapter.capabilities.pickupBooking || !adapter.bookPickup) return null;
  return adapter.bookPickup(
    account,
    { from: destinationAddress(req.customer, req.shipTo, req.country), date: req.date, parcels: 1, externalIds: [req.externalId] },
    io,
  );
}
