import type { LocationKind, OrderStatus } from '../../../shared';
import type { CHANNELS } from '../../../shared';
import { channelsEn } from '../features/channels/messages';
import { exceptionsEn } from '../features/exceptions/messages';
import { inventoryEn } from '../features/inventory/messages';

import { importEn } from '../features/import/messages';
import { orderEntryEn } from '../features/order-entry/messages';
import { intakeFactsEn } from '../features/order-detail/intake-facts.messages';
import { sourcingDecisionEn } from '../features/order-detail/sourcing-decision.messages';
import { reoptNoteEn } from '../features/order-detail/reopt-note.messages';
import { orderPartsEn } from '../features/order-detail/order-parts.messages';
import { routingSimEn } from '../features/routing-sim/messages';
import { sourcingProfilesEn } from '../features/sourcing-profiles/messages';
import { profileFormEn } from '../features/sourcing-profiles/profile-form.messages';
import { overrideEn } from '../features/override/messages';
import { unroutableEn } from '../features/unroutable/messages';
import { floorEn } from '../features/floor/messages';
import { pickupEn } from '../features/pickup/messages';
import { printingEn } from '../features/printing/messages';
import { shippingEn } from '../features/shipping/messages';
import { lateBoardEn } from '../features/late-board/messages';
import { mapEn } from '../features/map/messages';
import { locationPanelEn } from '../features/location-panel/messages';
import { carriersEn } from '../features/carriers/messages';
import { notifyTemplatesEn } from '../features/notify-admin/templates.messages';
import { notifyWebhooksEn } from '../features/notify-admin/webhooks.messages';
import { dockEn } from '../features/floor/dock.messages';
import { shippingAlertsEn } from '../features/exceptions/shipping-alerts.messages';
import { exceptionInboxEn } from '../features/exceptions/inbox.messages';
import { notifyEn } from '../features/notifications/messages';
import { sessionEn } from '../features/session/messages';
import { usersEn } from '../features/users/messages';
import { apiKeysEn } from '../features/api-keys/messages';
import { auditEn } from '../features/audit/messages';
import { queueEn } from '../features/orders/queue.messages';
import { kpisEn } from '../features/kpis/messages';
import { bulkEn } from '../features/orders/bulk.messages';
import { paletteEn } from '../features/palette/palette.messages';
import { accessEn } from './access.messages';
import { engineErrorsEn } from './engine-errors.messages';
import { reasonsEn } from './reasons.messages';
import { returnsEn } from '../features/returns/returns.messages';
import { returnsApprovalsEn } from '../features/returns/approvals.messages';
import { returnsCounterEn } from '../features/returns/counter.messages';
import { returnsRequestEn } from '../features/returns/request.messages';

type Channel = (typeof CHANNELS)[number];

/**
 * Keys every message set must have: one per order status, location kind and channel, so a new
 * value in the contract fails the type check until both languages name it.
 */
type DomainKeys = `status.${OrderStatus}` | `kind.${LocationKind}` | `channel.${Channel}` | `advance.${OrderStatus}`;

/** The English messages; their keys are the desk's message keys. `{name}` marks a parameter. */
export const en = {
  ...exceptionsEn,
  ...channelsEn,
  'app.name': 'Atalaya',
  'nav.tower': 'Control tower',
  'nav.label': 'Desk views',
  'app.tagline': 'OMS control tower',
  'header.health.ok': 'All systems normal',
  'header.health.degraded': 'Degraded',
  'header.health.unknown': 'Connecting…',
  'header.health.down': 'Engine unreachable',
  'header.health.database': 'Database',
  'header.health.queue': 'Queue',
  'header.health.latency': '{ms} ms',
  'header.health.waiting': '{n} waiting',
  'header.simulator': 'Simulator',
  'header.simulator.unit': 'orders/min',
  'header.simulator.apply': 'Apply',
  'header.simulator.stop': 'Stop',
  'header.simulator.running': 'Running at {n} orders/min',
  'header.simulator.stopped': 'Stopped',
  'header.lang.switch': 'Language',
  'header.user': 'Signed in as {name} ({role})',
  'header.live.connected': 'Live',
  'header.outage.database': 'Database unreachable — retrying. Actions are off until it answers again.',
  'header.outage.queue': 'Job queue unreachable — retrying. Orders are still taken and kept; they are processed when it returns.',
  'map.title': 'Network',
  'map.kpi.locations': 'Locations',
  'map.kpi.critical': 'At risk',
  'map.legend.inFlight': 'Orders on this page',
  'map.tooltip.assigned': 'Assigned today / capacity',
  'map.loading': 'Loading locations…',
  'map.fit': 'Show the whole network',
  'map.error': 'Could not load locations: {message}',
  'health.ok': 'Healthy',
  'health.busy': 'Busy',
  'health.critical': 'At risk',
  'queue.title': 'Order queue',
  'queue.search': 'Search number, external id, customer, city…',
  'queue.channel.all': 'All channels',
  'queue.status.all': 'All',
  'queue.location': 'Location: {name}',
  'queue.location.clear': 'Clear location filter',
  'queue.empty': 'No orders match these filters.',
  'queue.loading': 'Loading orders…',
  'queue.error': 'Could not load orders: {message}',
  'queue.retry': 'Retry',
  'queue.range': '{from}–{to} of {total}',
  'queue.page': 'Page {page} of {pages}',
  'queue.pageSize': 'Rows per page',
  'queue.first': 'First page',
  'queue.prev': 'Previous page',
  'queue.next': 'Next page',
  'queue.last': 'Last page',
  'col.number': 'Order',
  'col.status': 'Status',
  'col.channel': 'Channel',
  'col.customer': 'Customer',
  'col.city': 'City',
  'col.units': 'Units',
  'col.location': 'Location',
  'col.createdAt': 'Created',
  'col.unassigned': 'Unassigned',
  'detail.title': 'Order {number}',
  'detail.close': 'Close',
  'detail.loading': 'Loading order…',
  'detail.error': 'Could not load the order: {message}',
  'detail.channel': 'Channel',
  'detail.customer': 'Customer',
  'detail.shipTo': 'Ship to',
  'detail.location': 'Fulfilled from',
  'detail.unassigned': 'Not assigned yet',
  'detail.unfillable': 'Why unfillable',
  'detail.created': 'Created',
  'detail.total': 'Total',
  'detail.lines': 'Lines',
  'detail.line.sku': 'SKU',
  'detail.line.product': 'Product',
  'detail.line.qty': 'Qty',
  'detail.timeline': 'Timeline',
  'detail.timeline.empty': 'No events yet.',
  'detail.by': 'by {actor}',
  'detail.cancel': 'Cancel order',
  'detail.cancel.reason': 'Reason for cancelling (required)',
  'detail.cancel.confirm': 'Confirm cancellation',
  'detail.cancel.back': 'Keep order',
  'detail.cancel.required': 'Write a reason: it is recorded in the timeline.',
  'detail.working': 'Working…',
  'detail.decision.candidates': 'Candidates considered ({strategy})',
  'detail.decision.chosen': 'chosen',
  'detail.decision.excluded': 'Left out: {n} locations',
  'detail.final': 'This order is {status}: no further steps.',
  'detail.waitingSourcing': 'Waiting for the engine to source this order.',
  'event.order.received': 'Received',
  'event.order.sourced': 'Sourced',
  'event.order.unfillable': 'Unfillable',
  'event.order.picked': 'Picked',
  'event.order.packed': 'Packed',
  'event.order.shipped': 'Shipped',
  'event.order.delivered': 'Delivered',
  'event.order.cancelled': 'Cancelled',
  'status.received': 'Received',
  'status.unfillable': 'Unfillable',
  'status.sourced': 'Sourced',
  'status.picked': 'Picked',
  'status.packed': 'Packed',
  'status.shipped': 'Shipped',
  'status.delivered': 'Delivered',
  'status.cancelled': 'Cancelled',
  'advance.received': 'Mark received',
  'advance.unfillable': 'Mark unfillable',
  'advance.sourced': 'Mark sourced',
  'advance.picked': 'Mark picked',
  'advance.packed': 'Mark packed',
  'advance.shipped': 'Mark shipped',
  'advance.delivered': 'Mark delivered',
  'advance.cancelled': 'Cancel',
  'kind.store': 'Store',
  'kind.dc': 'Distribution centre',
  'kind.dark_store': 'Dark store',
  'channel.web': 'Web shop',
  'channel.shopify': 'Shopify',
  'channel.vtex': 'VTEX',
  'channel.woocommerce': 'WooCommerce',
  'channel.mercadolibre': 'Mercado Libre',
  'channel.social': 'Social selling',
  'channel.endless_aisle': 'Endless aisle',
  'channel.call_center': 'Call centre',
  'channel.csv': 'CSV file',
  'channel.api': 'REST API',
  'error.network': 'The engine cannot be reached. Check that it is running, then retry.',
  ...importEn,
  ...orderEntryEn,
  ...inventoryEn,
  ...sourcingDecisionEn,
  ...reoptNoteEn,
  ...orderPartsEn,
  ...intakeFactsEn,
  ...sourcingProfilesEn,
  ...profileFormEn,
  ...routingSimEn,
  ...overrideEn,
  ...unroutableEn,
  ...floorEn,
  ...pickupEn,
  ...printingEn,
  ...shippingEn,
  ...lateBoardEn,
  ...mapEn,
  ...locationPanelEn,
  ...carriersEn,
  ...notifyTemplatesEn,
  ...notifyWebhooksEn,
  ...dockEn,
  ...shippingAlertsEn,
  ...exceptionInboxEn,
  ...notifyEn,
  ...sessionEn,
  ...usersEn,
  ...apiKeysEn,
  ...auditEn,
  ...queueEn,
  ...kpisEn,
  ...bulkEn,
  ...paletteEn,
  ...accessEn,
  ...reasonsEn,
  ...engineErrorsEn,
  ...returnsEn,
  ...returnsApprovalsEn,
  ...returnsCounterEn,
  ...returnsRequestEn,
} as const satisfies Record<DomainKeys, string> & Record<string, string>;

export type MessageKey = keyof typeof en;
/** A message set: exactly the English keys, no more, no fewer (an object literal typed with this fails on extra keys too). */
export type Messages = Record<MessageKey, string>;
