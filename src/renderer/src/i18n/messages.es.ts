import { channelsEs } from '../features/channels/messages';
import { exceptionsEs } from '../features/exceptions/messages';
import type { Messages } from './messages.en';
import { importEs } from '../features/import/messages';
import { orderEntryEs } from '../features/order-entry/messages';
import { inventoryEs } from '../features/inventory/messages';
import { intakeFactsEs } from '../features/order-detail/intake-facts.messages';
import { sourcingDecisionEs } from '../features/order-detail/sourcing-decision.messages';
import { reoptNoteEs } from '../features/order-detail/reopt-note.messages';
import { orderPartsEs } from '../features/order-detail/order-parts.messages';
import { routingSimEs } from '../features/routing-sim/messages';
import { sourcingProfilesEs } from '../features/sourcing-profiles/messages';
import { profileFormEs } from '../features/sourcing-profiles/profile-form.messages';
import { overrideEs } from '../features/override/messages';
import { unroutableEs } from '../features/unroutable/messages';
import { floorEs } from '../features/floor/messages';
import { pickupEs } from '../features/pickup/messages';
import { printingEs } from '../features/printing/messages';
import { shippingEs } from '../features/shipping/messages';
import { lateBoardEs } from '../features/late-board/messages';
import { mapEs } from '../features/map/messages';
import { locationPanelEs } from '../features/location-panel/messages';
import { carriersEs } from '../features/carriers/messages';
import { notifyTemplatesEs } from '../features/notify-admin/templates.messages';
import { notifyWebhooksEs } from '../features/notify-admin/webhooks.messages';
import { dockEs } from '../features/floor/dock.messages';
import { shippingAlertsEs } from '../features/exceptions/shipping-alerts.messages';
import { exceptionInboxEs } from '../features/exceptions/inbox.messages';
import { notifyEs } from '../features/notifications/messages';
import { sessionEs } from '../features/session/messages';
import { usersEs } from '../features/users/messages';
import { apiKeysEs } from '../features/api-keys/messages';
import { auditEs } from '../features/audit/messages';
import { queueEs } from '../features/orders/queue.messages';
import { kpisEs } from '../features/kpis/messages';
import { bulkEs } from '../features/orders/bulk.messages';
import { paletteEs } from '../features/palette/palette.messages';
import { accessEs } from './access.messages';
import { engineErrorsEs } from './engine-errors.messages';
import { reasonsEs } from './reasons.messages';
import { returnsEs } from '../features/returns/returns.messages';
import { returnsApprovalsEs } from '../features/returns/approvals.messages';
import { returnsCounterEs } from '../features/returns/counter.messages';
import { returnsRequestEs } from '../features/returns/request.messages';

/** Los mensajes en español: exactamente las mismas claves que los ingleses (lo exige el tipo). */
export const es: Messages = {
  ...exceptionsEs,
  ...channelsEs,
  'app.name': 'Atalaya',
  'nav.tower': 'Torre de control',
  'nav.label': 'Vistas del escritorio',
  'app.tagline': 'Torre de control OMS',
  'header.health.ok': 'Todo funciona',
  'header.health.degraded': 'Con fallas',
  'header.health.unknown': 'Conectando…',
  'header.health.down': 'Motor inaccesible',
  'header.health.database': 'Base de datos',
  'header.health.queue': 'Cola',
  'header.health.latency': '{ms} ms',
  'header.health.waiting': '{n} en espera',
  'header.simulator': 'Simulador',
  'header.simulator.unit': 'pedidos/min',
  'header.simulator.apply': 'Aplicar',
  'header.simulator.stop': 'Detener',
  'header.simulator.running': 'Generando {n} pedidos/min',
  'header.simulator.stopped': 'Detenido',
  'header.lang.switch': 'Idioma',
  'header.user': 'Sesión de {name} ({role})',
  'header.live.connected': 'En vivo',
  'header.outage.database': 'Base de datos inaccesible — reintentando. Las acciones quedan desactivadas hasta que responda.',
  'header.outage.queue':
    'Cola de trabajos inaccesible — reintentando. Los pedidos se siguen recibiendo y guardando; se procesan cuando vuelva.',
  'map.title': 'Red',
  'map.kpi.locations': 'Ubicaciones',
  'map.kpi.critical': 'En riesgo',
  'map.legend.inFlight': 'Pedidos de esta página',
  'map.tooltip.assigned': 'Asignados hoy / capacidad',
  'map.loading': 'Cargando ubicaciones…',
  'map.fit': 'Ver toda la red',
  'map.error': 'No se pudieron cargar las ubicaciones: {message}',
  'health.ok': 'Normal',
  'health.busy': 'Cargada',
  'health.critical': 'En riesgo',
  'queue.title': 'Cola de pedidos',
  'queue.search': 'Buscar número, id externo, cliente, ciudad…',
  'queue.channel.all': 'Todos los canales',
  'queue.status.all': 'Todos',
  'queue.location': 'Ubicación: {name}',
  'queue.location.clear': 'Quitar filtro de ubicación',
  'queue.empty': 'Ningún pedido coincide con estos filtros.',
  'queue.loading': 'Cargando pedidos…',
  'queue.error': 'No se pudieron cargar los pedidos: {message}',
  'queue.retry': 'Reintentar',
  'queue.range': '{from}–{to} de {total}',
  'queue.page': 'Página {page} de {pages}',
  'queue.pageSize': 'Filas por página',
  'queue.first': 'Primera página',
  'queue.prev': 'Página anterior',
  'queue.next': 'Página siguiente',
  'queue.last': 'Última página',
  'col.number': 'Pedido',
  'col.status': 'Estado',
  'col.channel': 'Canal',
  'col.customer': 'Cliente',
  'col.city': 'Ciudad',
  'col.units': 'Unidades',
  'col.location': 'Ubicación',
  'col.createdAt': 'Creado',
  'col.unassigned': 'Sin asignar',
  'detail.title': 'Pedido {number}',
  'detail.close': 'Cerrar',
  'detail.loading': 'Cargando pedido…',
  'detail.error': 'No se pudo cargar el pedido: {message}',
  'detail.channel': 'Canal',
  'detail.customer': 'Cliente',
  'detail.shipTo': 'Entregar en',
  'detail.location': 'Se prepara en',
  'detail.unassigned': 'Aún sin asignar',
  'detail.unfillable': 'Por qué no se puede cumplir',
  'detail.created': 'Creado',
  'detail.total': 'Total',
  'detail.lines': 'Líneas',
  'detail.line.sku': 'SKU',
  'detail.line.product': 'Producto',
  'detail.line.qty': 'Cant.',
  'detail.timeline': 'Historial',
  'detail.timeline.empty': 'Todavía no hay eventos.',
  'detail.by': 'por {actor}',
  'detail.cancel': 'Cancelar pedido',
  'detail.cancel.reason': 'Motivo de la cancelación (obligatorio)',
  'detail.cancel.confirm': 'Confirmar cancelación',
  'detail.cancel.back': 'No cancelar',
  'detail.cancel.required': 'Escribí un motivo: queda registrado en el historial.',
  'detail.working': 'Procesando…',
  'detail.decision.candidates': 'Ubicaciones consideradas ({strategy})',
  'detail.decision.chosen': 'elegida',
  'detail.decision.excluded': 'Descartadas: {n} ubicaciones',
  'detail.final': 'Este pedido está {status}: no tiene más pasos.',
  'detail.waitingSourcing': 'Esperando que el motor asigne una ubicación.',
  'event.order.received': 'Recibido',
  'event.order.sourced': 'Asignado',
  'event.order.unfillable': 'Sin stock para cumplir',
  'event.order.picked': 'Preparado',
  'event.order.packed': 'Embalado',
  'event.order.shipped': 'Despachado',
  'event.order.delivered': 'Entregado',
  'event.order.cancelled': 'Cancelado',
  'status.received': 'Recibido',
  'status.unfillable': 'Sin stock',
  'status.sourced': 'Asignado',
  'status.picked': 'Preparado',
  'status.packed': 'Embalado',
  'status.shipped': 'Despachado',
  'status.delivered': 'Entregado',
  'status.cancelled': 'Cancelado',
  'advance.received': 'Marcar recibido',
  'advance.unfillable': 'Marcar sin stock',
  'advance.sourced': 'Marcar asignado',
  'advance.picked': 'Marcar preparado',
  'advance.packed': 'Marcar embalado',
  'advance.shipped': 'Marcar despachado',
  'advance.delivered': 'Marcar entregado',
  'advance.cancelled': 'Cancelar',
  'kind.store': 'Tienda',
  'kind.dc': 'Centro de distribución',
  'kind.dark_store': 'Dark store',
  'channel.web': 'Tienda web',
  'channel.shopify': 'Shopify',
  'channel.vtex': 'VTEX',
  'channel.woocommerce': 'WooCommerce',
  'channel.mercadolibre': 'Mercado Libre',
  'channel.social': 'Venta social',
  'channel.endless_aisle': 'Pasillo infinito',
  'channel.call_center': 'Centro de llamadas',
  'channel.csv': 'Archivo CSV',
  'channel.api': 'API REST',
  'error.network': 'No se puede conectar con el motor. Verificá que esté en marcha y reintentá.',
  ...importEs,
  ...orderEntryEs,
  ...inventoryEs,
  ...sourcingDecisionEs,
  ...reoptNoteEs,
  ...orderPartsEs,
  ...intakeFactsEs,
  ...sourcingProfilesEs,
  ...profileFormEs,
  ...routingSimEs,
  ...overrideEs,
  ...unroutableEs,
  ...floorEs,
  ...pickupEs,
  ...printingEs,
  ...shippingEs,
  ...lateBoardEs,
  ...mapEs,
  ...locationPanelEs,
  ...carriersEs,
  ...notifyTemplatesEs,
  ...notifyWebhooksEs,
  ...dockEs,
  ...shippingAlertsEs,
  ...exceptionInboxEs,
  ...notifyEs,
  ...sessionEs,
  ...usersEs,
  ...apiKeysEs,
  ...auditEs,
  ...queueEs,
  ...kpisEs,
  ...bulkEs,
  ...paletteEs,
  ...accessEs,
  ...reasonsEs,
  ...engineErrorsEs,
  ...returnsEs,
  ...returnsApprovalsEs,
  ...returnsCounterEs,
  ...returnsRequestEs,
};
