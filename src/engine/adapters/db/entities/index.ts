import { ProductEntity, StockEntity } from './catalog.entity';
import { FulfilmentOrderEntity, ReservationEntity, ShipmentEntity } from './fulfilment.entity';
import { LocationEntity } from './location.entity';
import { OrderEntity, OrderEventEntity, OrderLineEntity } from './order.entity';
import { UserEntity } from './user.entity';

export const entities = [
  UserEntity,
  LocationEntity,
  ProductEntity,
  StockEntity,
  OrderEntity,
  OrderLineEntity,
  OrderEventEntity,
  FulfilmentOrderEntity,
  ReservationEntity,
  ShipmentEntity,
];
