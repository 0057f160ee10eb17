import { InitialSchema1764057600000 } from './0001-initial-schema';
import { ChannelIntake1764144000000 } from './0002-channel-intake';
import { Imports1764144200000 } from './0004-imports';
import { Inventory1764144300000 } from './0005-inventory';
import { SourcingProfiles1764144400000 } from './0006-sourcing-profiles';
import { SourcingOps1764144500000 } from './0007-sourcing-ops';
import { OrderIdentityPerChannel1764145000011 } from './0011-order-identity-per-channel';
import { Backorders1764145000012 } from './0012-backorders';
import { HotPathTuning1764145000013 } from './0013-hot-path-tuning';
import { SqlFunctions1764145000014 } from './0014-sql-functions';
import { IdempotencyKeyScope1764145000015 } from './0015-idempotency-key-scope';
import { Identity1764145000016 } from './0016-identity';
import { Audit1764145000017 } from './0017-audit';
import { FloorWork1764145000018 } from './0018-floor-work';
import { Printing1764145000019 } from './0019-printing';
import { PickupLines1764145000021 } from './0021-pickup-lines';
import { Shipping1764145000022 } from './0022-shipping';
import { Tracking1764145000023 } from './0023-tracking';
import { Notifications1764145000024 } from './0024-notifications';
import { DeliveryReceipts1764145000025 } from './0025-delivery-receipts';
import { ReoptCoverage1764145000026 } from './0026-reopt-coverage';
import { NotificationEvents1764145000027 } from './0027-notification-events';
import { Returns1764145000028 } from './0028-returns';
import { ReturnItems1764145000029 } from './0029-return-items';
import { QueueUrgency1764145000030 } from './0030-queue-urgency';
import { LocationPause1764145000031 } from './0031-location-pause';
import { EventWakeup1764145000032 } from './0032-event-wakeup';
import { QueueViews1764145000033 } from './0033-queue-views';
import { ExceptionClaims1764145000034 } from './0034-exception-claims';
import { KpiWindows1764145000035 } from './0035-kpi-windows';
import { QueueCounts1764145000036 } from './0036-queue-counts';

/** Every migration, oldest first. `synchronize` is never used outside tests. */
export const migrations = [
  InitialSchema1764057600000,
  ChannelIntake1764144000000,
  Imports1764144200000,
  Inventory1764144300000,
  SourcingProfiles1764144400000,
  SourcingOps1764144500000,
  OrderIdentityPerChannel1764145000011,
  Backorders1764145000012,
  HotPathTuning1764145000013,
  SqlFunctions1764145000014,
  IdempotencyKeyScope1764145000015,
  Identity1764145000016,
  Audit1764145000017,
  FloorWork1764145000018,
  Printing1764145000019,
  PickupLines1764145000021,
  Shipping1764145000022,
  Tracking1764145000023,
  Notifications1764145000024,
  DeliveryReceipts1764145000025,
  ReoptCoverage1764145000026,
  NotificationEvents1764145000027,
  Returns1764145000028,
  ReturnItems1764145000029,
  QueueUrgency1764145000030,
  LocationPause1764145000031,
  EventWakeup1764145000032,
  QueueViews1764145000033,
  ExceptionClaims1764145000034,
  KpiWindows1764145000035,
  QueueCounts1764145000036,
];
