import { SHIPMENT_STATUSES, type ShipmentStatus } from '../../../../shared';
import { shipmentTone, type ShipmentTone } from './shipment-view';

/**
 * Reads the shipping events of an order's timeline (`shipment.<status>`, `shipment.delayed`,
 * `shipping.rated`, `shipping.chosen`, `order.promised`) from their free-form `data`, defensively:
 * the contract types it as an open record, and an engine newer than the desk may add fields.
 */
export type ShippingTimelineFact =
  | {
      kind: 'shipment';
      /** The status it moved to; `delayed` an alert raised, `alert_resolved` one a person dealt with. */
      status: ShipmentStatus | 'delayed' | 'alert_resolved';
      carrier: string | null;
      trackingNumber: string | null;
      parcelCode: string | null;
      /** The carrier's own words, the raw layer of the event. */
      carrierCode: string | null;
      carrierText: string | null;
      location: string | null;
      /** For `shipment.delayed` and `shipment.alert_resolved`: the delay reason code. */
      delayReason: string | null;
    }
  | {
      kind: 'rated';
      carrier: string | null;
      service: string | null;
      explanation: string | null;
      price: { amount: number; currency: string } | null;
      etaAt: string | null;
    }
  | { kind: 'promised'; promisedAt: string };

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function readPrice(v: unknown): { amount: number; currency: string } | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const amount = num(o.amount);
  const currency = str(o.currency);
  return amount !== null && currency ? { amount, currency } : null;
}

const isStatus = (s: string): s is ShipmentStatus => (SHIPMENT_STATUSES as readonly string[]).includes(s);

/** The shipping facts an event carries, or undefined when it is not a shipping event. */
export function readShippingFact(type: string, data: Record<string, unknown> | null): ShippingTimelineFact | undefined {
  const d = data ?? {};
  if (type.startsWith('shipment.')) {
    const status = type.slice('shipment.'.length);
    if (status !== 'delayed' && status !== 'alert_resolved' && !isStatus(status)) return undefined;
    return {
      kind: 'shipment',
      status,
      carrier: str(d.carrierName) ?? str(d.carrier),
      trackingNumber: str(d.trackingNumber),
      parcelCode: str(d.parcelCode),
      carrierCode: str(d.carrierCode),
      carrierText: str(d.carrierText),
      location: str(d.location),
      delayReason: status === 'delayed' ? str(d.reason) : status === 'alert_resolved' ? str(d.alert) : null,
    };
  }
  if (type === 'shipping.rated' || type === 'shipping.chosen') {
    return {
      kind: 'rated',
      carrier: str(d.carrierName) ?? str(d.carrier) ?? str(d.carrierAccountId),
      service: str(d.serviceName) ?? str(d.service),
      explanation: str(d.explanation),
      price: readPrice(d.price),
      etaAt: str(d.etaAt),
    };
  }
  if (type === 'order.promised') {
    const promisedAt = str(d.promisedAt) ?? str(d.at);
    return promisedAt ? { kind: 'promised', promisedAt } : undefined;
  }
  return undefined;
}

/** The tone of a shipping event's dot in the timeline (as the shipment chip). */
export function timelineTone(type: string): ShipmentTone | null {
  if (type === 'shipment.delayed') return 'bad';
  if (type === 'shipment.alert_resolved') return 'ok';
  const status = type.startsWith('shipment.') ? type.slice('shipment.'.length) : '';
  if (isStatus(status)) return shipmentTone(status);
  if (type === 'shipping.rated' || type === 'shipping.chosen' || type === 'order.promised') return 'waiting';
  return null;
}
