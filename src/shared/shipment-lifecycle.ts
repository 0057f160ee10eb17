/**
 * The shipment lifecycle as a transition table (validated when the engine starts): which status may
 * follow which, which count as with the carrier, which end tracking. The shipping contract and the
 * engine's shipping module read it.
 */

/** The shipment lifecycle. `draft`: planned, no label yet; `label_pending`: asked for, the carrier creates it later. */
export const SHIPMENT_STATUSES = [
  'draft',
  'label_pending',
  'ready',
  'manifested',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'at_branch',
  'attempt_failed',
  'returning',
  'returned',
  'lost',
  'cancelled',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/**
 * Which status may follow which. Tracking never moves a shipment backwards: the only way back is a
 * failed delivery attempt going out for delivery again (and an exception clearing as the carrier
 * moves the parcel on). `label_pending → draft` is a label the carrier rejected (choose again).
 */
export const SHIPMENT_TRANSITIONS: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  draft: ['label_pending', 'ready', 'cancelled'],
  label_pending: ['ready', 'draft', 'cancelled'],
  ready: ['manifested', 'in_transit', 'out_for_delivery', 'at_branch', 'exception', 'delivered', 'lost', 'cancelled'],
  manifested: ['in_transit', 'out_for_delivery', 'at_branch', 'exception', 'attempt_failed', 'delivered', 'returning', 'lost', 'cancelled'],
  in_transit: ['out_for_delivery', 'at_branch', 'exception', 'attempt_failed', 'delivered', 'returning', 'returned', 'lost'],
  exception: ['in_transit', 'out_for_delivery', 'at_branch', 'attempt_failed', 'delivered', 'returning', 'returned', 'lost'],
  out_for_delivery: ['delivered', 'attempt_failed', 'exception', 'at_branch', 'returning', 'returned', 'lost'],
  attempt_failed: ['out_for_delivery', 'at_branch', 'exception', 'delivered', 'returning', 'returned', 'lost'],
  at_branch: ['out_for_delivery', 'delivered', 'exception', 'returning', 'returned', 'lost'],
  returning: ['returned', 'exception', 'lost'],
  delivered: [],
  returned: [],
  lost: [],
  cancelled: [],
};

/** Statuses in which the parcel is with the carrier (the order counts as shipped once all its shipments are here or delivered). */
export const WITH_CARRIER: readonly ShipmentStatus[] = [
  'in_transit',
  'out_for_delivery',
  'exception',
  'at_branch',
  'attempt_failed',
  'returning',
  'returned',
  'lost',
];

/** Statuses that end tracking. */
export const SHIPMENT_FINAL: readonly ShipmentStatus[] = ['delivered', 'returned', 'lost', 'cancelled'];
