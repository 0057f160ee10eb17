import type { Order, OrderDetail, Parcel, Pickup, PrintJob, Printer, Station, WaveDetail, WaveLine } from '../../../shared';

/**
 * Contract-shaped answers of the floor and printing endpoints for store tests (picking, packing,
 * pickup, printing): each builder gives a plausible value, `over` changes what a test is about.
 */

export const aWaveLine = (over: Partial<WaveLine> = {}): WaveLine => ({
  seq: 1,
  sku: 'SKU-A',
  ean: '7790000000011',
  productName: 'Yerba 1 kg',
  bin: 'A01-01-1',
  quantity: 2,
  picked: 0,
  orders: [{ fulfilmentOrderId: 'fo-1', orderNumber: 1043, slot: 'A', quantity: 2, picked: 0 }],
  ...over,
});

export const aWave = (over: Partial<WaveDetail> = {}): WaveDetail => ({
  id: 'w1',
  code: 'W-1',
  locationId: 'loc-1',
  status: 'released',
  groupedBy: 'cut-off 16:00',
  cutoffAt: null,
  orders: [{ fulfilmentOrderId: 'fo-1', orderId: 'o1', orderNumber: 1043, slot: 'A', customerName: 'Ana', units: 2, picked: 0 }],
  units: 2,
  picked: 0,
  releasedBy: 'Paula',
  releasedAt: '2026-01-01T10:00:00Z',
  completedAt: null,
  lines: [aWaveLine()],
  ...over,
});

export const aPrinterOf = (over: Partial<Printer> = {}): Printer => ({
  id: 'p1',
  stationId: 'st-1',
  name: 'Laser',
  transport: 'ipp',
  address: 'ipp://127.0.0.1:631/printers/atalaya-pdf',
  language: 'pdf',
  dpi: null,
  paper: 'A4',
  active: true,
  health: { state: 'ready', detail: null, checkedAt: null },
  ...over,
});

export const aStation = (over: Partial<Station> = {}): Station => ({
  id: 'st-1',
  name: 'Depósito',
  current: true,
  lastSeenAt: null,
  printers: [aPrinterOf()],
  routes: [],
  ...over,
});

export const aPrintJob = (over: Partial<PrintJob> = {}): PrintJob => ({
  id: 'j1',
  stationId: 'st-1',
  docType: 'pick_list',
  title: 'Pick list W-1',
  ref: { waveId: 'w1' },
  printerId: 'p1',
  printerName: 'Laser',
  routedFrom: null,
  format: 'pdf',
  status: 'done',
  attempts: 1,
  nextAttemptAt: null,
  lastError: null,
  reprintOf: null,
  reason: null,
  requestedBy: 'Paula',
  createdAt: '2026-01-01T10:00:00Z',
  doneAt: '2026-01-01T10:00:01Z',
  ...over,
});

export const aParcel = (over: Partial<Parcel> = {}): Parcel => ({
  id: 'pa1',
  code: 'AT1043-1',
  orderId: 'o1',
  orderNumber: 1043,
  locationId: 'loc-1',
  seq: 1,
  of: 1,
  weightGrams: 1200,
  lengthMm: null,
  widthMm: null,
  heightMm: null,
  lines: [{ sku: 'SKU-A', quantity: 2 }],
  status: 'ready_to_ship',
  carrier: null,
  trackingNumber: null,
  createdAt: '2026-01-01T10:00:00Z',
  ...over,
});

export const aPickup = (over: Partial<Pickup> = {}): Pickup => ({
  orderId: 'o1',
  orderNumber: 1043,
  locationId: 'loc-1',
  customerName: 'Ana',
  status: 'ready',
  code: null,
  qrSvg: null,
  readyAt: '2026-01-01T10:00:00Z',
  expiresAt: '2026-01-03T10:00:00Z',
  wrongCodes: 0,
  locked: false,
  lines: [{ sku: 'SKU-A', productName: 'Yerba 1 kg', quantity: 2, collected: 0 }],
  collectedAt: null,
  ...over,
});

/** An order's detail as orders.get answers it: a store-pickup order at `pickupLocationId` unless told otherwise. */
export const anOrderDetail = (order: Order, intake: Partial<OrderDetail['intake']> = {}): OrderDetail => ({
  ...order,
  lines: [],
  intake: {
    channelId: null,
    channelName: null,
    externalNumber: null,
    deliveryType: 'store_pickup',
    pickupLocationId: order.locationId,
    pickupLocationName: null,
    paymentStatus: 'unknown',
    promisedAt: null,
    shippingMethod: null,
    shippingAmount: null,
    taxTotal: null,
    discountTotal: null,
    tags: [],
    billTo: null,
    geocodeSource: null,
    ...intake,
  },
  parts: [],
  backorderOf: null,
  backorders: [],
  timeline: [],
});
