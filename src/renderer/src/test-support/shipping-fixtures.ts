import type {
  CarrierAccount,
  LateBoard,
  Manifest,
  RateOption,
  Shipment,
  ShipmentAlert,
  ShippingDecision,
  TrackingEvent,
} from '../../../shared';

/**
 * Contract-shaped answers of the shipping and carriers endpoints for store tests: each builder gives
 * a plausible value, `over` changes what a test is about. Ids that the contract checks as UUIDs are
 * UUIDs here too.
 */

export const SHIPMENT_1 = '11111111-1111-4111-8111-111111111111';
export const SHIPMENT_2 = '22222222-2222-4222-8222-222222222222';
export const ALERT_1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const ALERT_2 = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

export const aTrackingEvent = (over: Partial<TrackingEvent> = {}): TrackingEvent => ({
  id: 'ev-1',
  status: 'in_transit',
  reason: null,
  carrierCode: 'EN_TRANSITO',
  carrierText: 'En tránsito a sucursal de destino',
  occurredAt: '2026-01-02T10:00:00Z',
  receivedAt: '2026-01-02T10:00:05Z',
  source: 'poll',
  applied: true,
  location: 'Rosario',
  ...over,
});

export const aShipment = (over: Partial<Shipment> = {}): Shipment => ({
  id: SHIPMENT_1,
  orderId: 'o1',
  orderNumber: 7,
  parcelId: 'parcel-1',
  parcelCode: 'AT7-1',
  locationId: 'loc-1',
  carrierAccountId: 'andreani-ar',
  carrier: 'andreani',
  carrierName: 'Andreani',
  service: 'standard',
  status: 'ready',
  trackingNumber: '360000012345',
  trackingUrl: null,
  labelFormat: 'zpl',
  promisedAt: '2026-01-05T21:00:00Z',
  etaAt: '2026-01-04T21:00:00Z',
  lastEventAt: null,
  lastError: null,
  createdAt: '2026-01-01T12:00:00Z',
  events: [],
  ...over,
});

export const aRateOption = (over: Partial<RateOption> = {}): RateOption => ({
  carrierAccountId: 'andreani-ar',
  carrier: 'andreani',
  carrierName: 'Andreani',
  service: 'standard',
  serviceName: 'Estándar',
  price: { amount: 4200, currency: 'ARS' },
  transitDays: 3,
  etaAt: '2026-01-04T21:00:00Z',
  meetsPromise: true,
  onTimeRate: 0.94,
  score: 4200,
  excluded: null,
  ...over,
});

export const aDecision = (over: Partial<ShippingDecision> = {}): ShippingDecision => ({
  id: 'd1',
  orderId: 'o1',
  locationId: 'loc-1',
  carrierAccountId: 'andreani-ar',
  service: 'standard',
  options: [
    aRateOption(),
    aRateOption({
      carrierAccountId: 'oca-ar',
      carrier: 'oca',
      carrierName: 'OCA',
      service: 'pp',
      serviceName: 'Puerta a puerta',
      price: { amount: 3900, currency: 'ARS' },
      transitDays: 5,
      etaAt: '2026-01-07T21:00:00Z',
      meetsPromise: false,
      onTimeRate: 0.81,
      score: 5900,
    }),
    aRateOption({
      carrierAccountId: 'envia-mx',
      carrier: 'envia',
      carrierName: 'Envia',
      service: 'ground',
      serviceName: 'Ground',
      price: null,
      transitDays: null,
      etaAt: null,
      meetsPromise: null,
      onTimeRate: null,
      score: null,
      excluded: 'does not carry to AR',
    }),
  ],
  explanation: 'Andreani Estándar: arrives by the promise for ARS 4,200; OCA is ARS 300 cheaper but 2 days late.',
  promisedAt: '2026-01-05T21:00:00Z',
  cutoffAt: '2026-01-01T16:00:00Z',
  decidedBy: 'engine',
  decidedAt: '2026-01-01T12:00:00Z',
  overridden: false,
  reason: null,
  ...over,
});

export const anAlert = (over: Partial<ShipmentAlert> = {}): ShipmentAlert => ({
  id: ALERT_1,
  shipmentId: SHIPMENT_1,
  orderId: 'o1',
  orderNumber: 7,
  locationId: 'loc-1',
  carrier: 'andreani',
  carrierName: 'Andreani',
  trackingNumber: '360000012345',
  reason: 'no_first_scan',
  detail: 'No carrier scan since the label was made (cut-off 16:00 + 1 business day).',
  status: 'open',
  raisedAt: '2026-01-03T09:00:00Z',
  resolvedAt: null,
  resolvedBy: null,
  promisedAt: '2026-01-05T21:00:00Z',
  region: 'Santa Fe',
  ...over,
});

export const aLateBoard = (over: Partial<LateBoard> = {}): LateBoard => ({
  groups: [
    { reason: 'no_first_scan', carrier: 'andreani', carrierName: 'Andreani', count: 2, oldestRaisedAt: '2026-01-03T09:00:00Z' },
    { reason: 'stalled', carrier: 'oca', carrierName: 'OCA', count: 1, oldestRaisedAt: '2026-01-04T09:00:00Z' },
  ],
  alerts: [anAlert(), anAlert({ id: ALERT_2, reason: 'stalled', carrier: 'oca', carrierName: 'OCA', raisedAt: '2026-01-04T09:00:00Z' })],
  onTime: [
    { carrier: 'andreani', region: 'Santa Fe', delivered: 40, onTime: 38, rate: 0.95 },
    { carrier: 'oca', region: 'Santa Fe', delivered: 20, onTime: 14, rate: 0.7 },
    { carrier: 'andreani', region: 'Córdoba', delivered: 10, onTime: 9, rate: 0.9 },
  ],
  ...over,
});

export const aCarrierAccount = (over: Partial<CarrierAccount> = {}): CarrierAccount => ({
  id: 'andreani-ar',
  kind: 'andreani',
  name: 'Andreani AR',
  enabled: true,
  settings: { baseUrl: 'https://apis.andreani.com', contract: '400006709' },
  secretsSet: ['password', 'username'],
  capabilities: {
    quote: true,
    label: 'async',
    labelFormats: ['zpl', 'pdf'],
    cancel: true,
    manifest: false,
    pickupBooking: false,
    branches: true,
    webhook: true,
    polling: true,
  },
  webhookPath: '/api/v1/carriers/andreani-ar/webhook',
  circuit: 'closed',
  updatedAt: '2026-01-01T10:00:00Z',
  ...over,
});

export const aManifest = (over: Partial<Manifest> = {}): Manifest => ({
  id: 'm1',
  carrierAccountId: 'andreani-ar',
  locationId: 'loc-1',
  externalId: 'MAN-1',
  shipments: 2,
  pickupConfirmation: null,
  createdBy: 'Ana',
  createdAt: '2026-01-01T17:00:00Z',
  ...over,
});
