import { EntitySchema } from 'typeorm';

/** The part of an order assigned to one location. */
export interface FulfilmentOrderRow {
  id: string;
  orderId: string;
  locationId: string;
  status: 'assigned' | 'picked' | 'packed' | 'shipped' | 'delivered' | 'cancelled';
  createdAt: Date;
  updatedAt: Date;
}

export const FulfilmentOrderEntity = new EntitySchema<FulfilmentOrderRow>({
  name: 'FulfilmentOrder',
  tableName: 'fulfilment_orders',
  columns: {
    id: { type: 'uuid', primary: true },
    orderId: { type: 'uuid', name: 'order_id' },
    locationId: { type: 'text', name: 'location_id' },
    status: { type: 'text' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
  },
});

export interface ReservationRow {
  id: string;
  orderId: string;
  fulfilmentOrderId: string;
  locationId: string;
  sku: string;
  quantity: number;
  status: 'reserved' | 'committed' | 'released';
  createdAt: Date;
  updatedAt: Date;
}

export const ReservationEntity = new EntitySchema<ReservationRow>({
  name: 'Reservation',
  tableName: 'reservations',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    orderId: { type: 'uuid', name: 'order_id' },
    fulfilmentOrderId: { type: 'uuid', name: 'fulfilment_order_id' },
    locationId: { type: 'text', name: 'location_id' },
    sku: { type: 'text' },
    quantity: { type: 'integer' },
    status: { type: 'text' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
  },
});

export interface ShipmentRow {
  id: string;
  fulfilmentOrderId: string;
  carrier: string;
  trackingNumber: string | null;
  status: 'shipped' | 'delivered';
  shippedAt: Date;
  deliveredAt: Date | null;
}

export const ShipmentEntity = new EntitySchema<ShipmentRow>({
  name: 'Shipment',
  tableName: 'shipments',
  columns: {
    id: { type: 'uuid', primary: true },
    fulfilmentOrderId: { type: 'uuid', name: 'fulfilment_order_id' },
    carrier: { type: 'text' },
    trackingNumber: { type: 'text', name: 'tracking_number', nullable: true },
    status: { type: 'text' },
    shippedAt: { type: 'timestamptz', name: 'shipped_at' },
    deliveredAt: { type: 'timestamptz', name: 'delivered_at', nullable: true },
  },
});
