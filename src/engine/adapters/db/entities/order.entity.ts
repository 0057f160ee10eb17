import { EntitySchema } from 'typeorm';
import type { OrderStatus } from '../../../../shared';

/** The order header. Hot paths (intake, sourcing, the queue) use SQL in order.repository.ts. */
export interface OrderRow {
  id: string;
  number: string;
  channel: string;
  externalId: string;
  status: OrderStatus;
  customer: unknown;
  shipTo: unknown;
  currency: string;
  totalUnits: number;
  totalAmount: string | null;
  locationId: string | null;
  unfillableReason: string | null;
  notes: string | null;
  raw: unknown;
  payloadHash: string;
  createdAt: Date;
  updatedAt: Date;
}

export const OrderEntity = new EntitySchema<OrderRow>({
  name: 'Order',
  tableName: 'orders',
  columns: {
    id: { type: 'uuid', primary: true },
    number: { type: 'bigint', generated: 'increment', unique: true, insert: false, update: false },
    channel: { type: 'text' },
    externalId: { type: 'text', name: 'external_id' },
    status: { type: 'text' },
    customer: { type: 'jsonb' },
    shipTo: { type: 'jsonb', name: 'ship_to' },
    currency: { type: 'char', length: 3 },
    totalUnits: { type: 'integer', name: 'total_units' },
    totalAmount: { type: 'numeric', precision: 16, scale: 2, name: 'total_amount', nullable: true },
    locationId: { type: 'text', name: 'location_id', nullable: true },
    unfillableReason: { type: 'text', name: 'unfillable_reason', nullable: true },
    notes: { type: 'text', nullable: true },
    raw: { type: 'jsonb' },
    payloadHash: { type: 'text', name: 'payload_hash' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
  },
  // Identity is UNIQUE (channel_key, external_id), channel_key generated from channel_id/channel (migration 0011).
});

export interface OrderLineRow {
  orderId: string;
  lineNo: number;
  sku: string;
  quantity: number;
  unitPrice: string | null;
}

export const OrderLineEntity = new EntitySchema<OrderLineRow>({
  name: 'OrderLine',
  tableName: 'order_lines',
  columns: {
    orderId: { type: 'uuid', primary: true, name: 'order_id' },
    lineNo: { type: 'integer', primary: true, name: 'line_no' },
    sku: { type: 'text' },
    quantity: { type: 'integer' },
    unitPrice: { type: 'numeric', precision: 14, scale: 2, name: 'unit_price', nullable: true },
  },
});

/** One step on an order's timeline: append-only (a trigger refuses UPDATE and DELETE). */
export interface OrderEventRow {
  id: string;
  orderId: string;
  type: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  actorId: string;
  actorName: string;
  reason: string | null;
  data: Record<string, unknown> | null;
  at: Date;
}

export const OrderEventEntity = new EntitySchema<OrderEventRow>({
  name: 'OrderEvent',
  tableName: 'order_events',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    orderId: { type: 'uuid', name: 'order_id' },
    type: { type: 'text' },
    fromStatus: { type: 'text', name: 'from_status', nullable: true },
    toStatus: { type: 'text', name: 'to_status', nullable: true },
    actorId: { type: 'text', name: 'actor_id' },
    actorName: { type: 'text', name: 'actor_name' },
    reason: { type: 'text', nullable: true },
    data: { type: 'jsonb', nullable: true },
    at: { type: 'timestamptz' },
  },
});
