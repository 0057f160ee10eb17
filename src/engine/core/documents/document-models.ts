import type { DocLocale, DocType } from '../../../shared';

/**
 * What each printed document says, as data: the module that owns the work builds the model (the
 * floor its pick list, packing slip and labels; returns its return label), the print job keeps it,
 * and the printing module renders it to PDF or ZPL for the printer it reaches. A reprint renders the
 * same model again, so it prints the same document.
 */

export interface Address {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
  phone?: string | null;
}

export interface PickListModel {
  kind: 'pick_list';
  waveCode: string;
  locationName: string;
  groupedBy: string;
  cutoffAt: string | null;
  releasedAt: string;
  releasedBy: string;
  /** Orders of the wave and their sort slot. */
  orders: { slot: string; orderNumber: number; customerName: string; units: number }[];
  /** The walk, in bin order: one row per SKU with the units for each slot. */
  lines: {
    seq: number;
    bin: string | null;
    sku: string;
    ean: string | null;
    productName: string | null;
    quantity: number;
    slots: { slot: string; quantity: number }[];
  }[];
}

export interface PackingSlipModel {
  kind: 'packing_slip';
  orderNumber: number;
  externalNumber: string | null;
  channel: string;
  orderedAt: string;
  shipFrom: Address;
  shipTo: Address;
  deliveryType: 'home_delivery' | 'store_pickup';
  parcels: { code: string; seq: number; of: number; weightGrams: number }[];
  lines: { sku: string; productName: string | null; quantity: number; parcelSeq: number | null }[];
  notes: string | null;
}

export interface ShippingLabelModel {
  kind: 'shipping_label';
  orderNumber: number;
  /** The parcel code (Code128 on the label) — the tracking reference until a carrier gives one. */
  parcelCode: string;
  trackingNumber: string | null;
  carrier: string | null;
  service: string | null;
  seq: number;
  of: number;
  weightGrams: number;
  shipFrom: Address;
  shipTo: Address;
  promisedAt: string | null;
}

export interface PickupLabelModel {
  kind: 'pickup_label';
  orderNumber: number;
  customerName: string;
  locationName: string;
  /** What the QR and the barcode on the bag carry: the order reference, never the pickup code. */
  reference: string;
  readyAt: string;
  expiresAt: string;
  units: number;
}

export interface ReturnLabelModel {
  kind: 'return_label';
  returnCode: string;
  orderNumber: number;
  from: Address;
  to: Address;
  carrier: string | null;
  trackingNumber: string | null;
  expiresAt: string | null;
}

/** A label a carrier supplied as ZPL: printed as it came, never re-encoded. */
export interface CarrierZplModel {
  kind: 'carrier_zpl';
  docType: Extract<DocType, 'shipping_label' | 'return_label'>;
  zpl: string;
}

/** A label a carrier supplied as PDF: printed as it came (the bytes, base64 in the job), never redrawn. */
export interface CarrierPdfModel {
  kind: 'carrier_pdf';
  docType: Extract<DocType, 'shipping_label' | 'return_label'>;
  pdfBase64: string;
}

export type DocumentModel =
  PickListModel | PackingSlipModel | ShippingLabelModel | PickupLabelModel | ReturnLabelModel | CarrierZplModel | CarrierPdfModel;

/** What a print request names: a document, what it is about, where and in which language it prints. */
export interface PrintRequest {
  docType: DocType;
  /** One first print per key (e.g. `pick_list:<waveId>`, `shipping_label:<parcelId>`). */
  docKey: string;
  title: string;
  ref: { orderId?: string; waveId?: string; parcelId?: string; returnId?: string };
  model: DocumentModel;
  locale: DocLocale;
  /** Absent = this engine's station. */
  stationId?: string;
}
