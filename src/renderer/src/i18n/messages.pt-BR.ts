import { channelsPtBR } from '../features/channels/messages';
import { exceptionsPtBR } from '../features/exceptions/messages';
import type { Messages } from './messages.en';
import { importPtBR } from '../features/import/messages';
import { orderEntryPtBR } from '../features/order-entry/messages';
import { inventoryPtBR } from '../features/inventory/messages';
import { intakeFactsPtBR } from '../features/order-detail/intake-facts.messages';
import { sourcingDecisionPtBR } from '../features/order-detail/sourcing-decision.messages';
import { reoptNotePtBR } from '../features/order-detail/reopt-note.messages';
import { orderPartsPtBR } from '../features/order-detail/order-parts.messages';
import { routingSimPtBR } from '../features/routing-sim/messages';
import { sourcingProfilesPtBR } from '../features/sourcing-profiles/messages';
import { profileFormPtBR } from '../features/sourcing-profiles/profile-form.messages';
import { overridePtBR } from '../features/override/messages';
import { unroutablePtBR } from '../features/unroutable/messages';
import { floorPtBR } from '../features/floor/messages';
import { pickupPtBR } from '../features/pickup/messages';
import { printingPtBR } from '../features/printing/messages';
import { shippingPtBR } from '../features/shipping/messages';
import { lateBoardPtBR } from '../features/late-board/messages';
import { mapPtBR } from '../features/map/messages';
import { locationPanelPtBR } from '../features/location-panel/messages';
import { carriersPtBR } from '../features/carriers/messages';
import { notifyTemplatesPtBR } from '../features/notify-admin/templates.messages';
import { notifyWebhooksPtBR } from '../features/notify-admin/webhooks.messages';
import { dockPtBR } from '../features/floor/dock.messages';
import { shippingAlertsPtBR } from '../features/exceptions/shipping-alerts.messages';
import { exceptionInboxPtBR } from '../features/exceptions/inbox.messages';
import { notifyPtBR } from '../features/notifications/messages';
import { sessionPtBR } from '../features/session/messages';
import { usersPtBR } from '../features/users/messages';
import { apiKeysPtBR } from '../features/api-keys/messages';
import { auditPtBR } from '../features/audit/messages';
import { queuePtBR } from '../features/orders/queue.messages';
import { kpisPtBR } from '../features/kpis/messages';
import { bulkPtBR } from '../features/orders/bulk.messages';
import { palettePtBR } from '../features/palette/palette.messages';
import { accessPtBR } from './access.messages.pt-BR';
import { engineErrorsPtBR } from './engine-errors.messages';
import { reasonsPtBR } from './reasons.messages';
import { returnsPtBR } from '../features/returns/returns.messages';
import { returnsApprovalsPtBR } from '../features/returns/approvals.messages';
import { returnsCounterPtBR } from '../features/returns/counter.messages';
import { returnsRequestPtBR } from '../features/returns/request.messages';

/** As mensagens em português do Brasil: exatamente as mesmas chaves que as inglesas (o tipo exige). */
export const ptBR: Messages = {
  ...exceptionsPtBR,
  ...channelsPtBR,
  'app.name': 'Atalaya',
  'nav.tower': 'Torre de controle',
  'nav.label': 'Visões da mesa',
  'app.tagline': 'Torre de controle OMS',
  'header.health.ok': 'Tudo funcionando',
  'header.health.degraded': 'Com falhas',
  'header.health.unknown': 'Conectando…',
  'header.health.down': 'Motor inacessível',
  'header.health.database': 'Banco de dados',
  'header.health.queue': 'Fila',
  'header.health.latency': '{ms} ms',
  'header.health.waiting': '{n} aguardando',
  'header.simulator': 'Simulador',
  'header.simulator.unit': 'pedidos/min',
  'header.simulator.apply': 'Aplicar',
  'header.simulator.stop': 'Parar',
  'header.simulator.running': 'Gerando {n} pedidos/min',
  'header.simulator.stopped': 'Parado',
  'header.lang.switch': 'Idioma',
  'header.user': 'Sessão de {name} ({role})',
  'header.live.connected': 'Ao vivo',
  'header.outage.database': 'Banco de dados inacessível — tentando de novo. As ações ficam desativadas até ele responder.',
  'header.outage.queue':
    'Fila de tarefas inacessível — tentando de novo. Os pedidos continuam sendo recebidos e guardados; serão processados quando ela voltar.',
  'map.title': 'Rede',
  'map.kpi.locations': 'Locais',
  'map.kpi.critical': 'Em risco',
  'map.legend.inFlight': 'Pedidos desta página',
  'map.tooltip.assigned': 'Atribuídos hoje / capacidade',
  'map.loading': 'Carregando locais…',
  'map.fit': 'Mostrar a rede inteira',
  'map.error': 'Não foi possível carregar os locais: {message}',
  'health.ok': 'Saudável',
  'health.busy': 'Ocupado',
  'health.critical': 'Em risco',
  'queue.title': 'Fila de pedidos',
  'queue.search': 'Buscar número, id externo, cliente, cidade…',
  'queue.channel.all': 'Todos os canais',
  'queue.status.all': 'Todos',
  'queue.location': 'Local: {name}',
  'queue.location.clear': 'Limpar filtro de local',
  'queue.empty': 'Nenhum pedido corresponde a estes filtros.',
  'queue.loading': 'Carregando pedidos…',
  'queue.error': 'Não foi possível carregar os pedidos: {message}',
  'queue.retry': 'Tentar de novo',
  'queue.range': '{from}–{to} de {total}',
  'queue.page': 'Página {page} de {pages}',
  'queue.pageSize': 'Linhas por página',
  'queue.first': 'Primeira página',
  'queue.prev': 'Página anterior',
  'queue.next': 'Próxima página',
  'queue.last': 'Última página',
  'col.number': 'Pedido',
  'col.status': 'Status',
  'col.channel': 'Canal',
  'col.customer': 'Cliente',
  'col.city': 'Cidade',
  'col.units': 'Unidades',
  'col.location': 'Local',
  'col.createdAt': 'Criado',
  'col.unassigned': 'Sem atribuição',
  'detail.title': 'Pedido {number}',
  'detail.close': 'Fechar',
  'detail.loading': 'Carregando pedido…',
  'detail.error': 'Não foi possível carregar o pedido: {message}',
  'detail.channel': 'Canal',
  'detail.customer': 'Cliente',
  'detail.shipTo': 'Entregar em',
  'detail.location': 'Atendido por',
  'detail.unassigned': 'Ainda sem atribuição',
  'detail.unfillable': 'Por que não pode ser atendido',
  'detail.created': 'Criado',
  'detail.total': 'Total',
  'detail.lines': 'Itens',
  'detail.line.sku': 'SKU',
  'detail.line.product': 'Produto',
  'detail.line.qty': 'Qtd.',
  'detail.timeline': 'Histórico',
  'detail.timeline.empty': 'Ainda sem eventos.',
  'detail.by': 'por {actor}',
  'detail.cancel': 'Cancelar pedido',
  'detail.cancel.reason': 'Motivo do cancelamento (obrigatório)',
  'detail.cancel.confirm': 'Confirmar cancelamento',
  'detail.cancel.back': 'Manter pedido',
  'detail.cancel.required': 'Escreva um motivo: ele fica registrado no histórico.',
  'detail.working': 'Processando…',
  'detail.decision.candidates': 'Candidatos considerados ({strategy})',
  'detail.decision.chosen': 'escolhido',
  'detail.decision.excluded': 'Deixados de fora: {n} locais',
  'detail.final': 'Este pedido está {status}: não há mais etapas.',
  'detail.waitingSourcing': 'Aguardando o motor definir de onde sai este pedido.',
  'event.order.received': 'Recebido',
  'event.order.sourced': 'Atribuído',
  'event.order.unfillable': 'Sem estoque',
  'event.order.picked': 'Separado',
  'event.order.packed': 'Embalado',
  'event.order.shipped': 'Expedido',
  'event.order.delivered': 'Entregue',
  'event.order.cancelled': 'Cancelado',
  'status.received': 'Recebido',
  'status.unfillable': 'Sem estoque',
  'status.sourced': 'Atribuído',
  'status.picked': 'Separado',
  'status.packed': 'Embalado',
  'status.shipped': 'Expedido',
  'status.delivered': 'Entregue',
  'status.cancelled': 'Cancelado',
  'advance.received': 'Marcar recebido',
  'advance.unfillable': 'Marcar sem estoque',
  'advance.sourced': 'Marcar atribuído',
  'advance.picked': 'Marcar separado',
  'advance.packed': 'Marcar embalado',
  'advance.shipped': 'Marcar expedido',
  'advance.delivered': 'Marcar entregue',
  'advance.cancelled': 'Cancelar',
  'kind.store': 'Loja',
  'kind.dc': 'Centro de distribuição',
  'kind.dark_store': 'Dark store',
  'channel.web': 'Loja virtual',
  'channel.shopify': 'Shopify',
  'channel.vtex': 'VTEX',
  'channel.woocommerce': 'WooCommerce',
  'channel.mercadolibre': 'Mercado Livre',
  'channel.social': 'Venda social',
  'channel.endless_aisle': 'Prateleira infinita',
  'channel.call_center': 'Central de atendimento',
  'channel.csv': 'Arquivo CSV',
  'channel.api': 'API REST',
  'error.network': 'Não é possível conectar ao motor. Verifique se ele está em execução e tente de novo.',
  ...importPtBR,
  ...orderEntryPtBR,
  ...inventoryPtBR,
  ...sourcingDecisionPtBR,
  ...reoptNotePtBR,
  ...orderPartsPtBR,
  ...intakeFactsPtBR,
  ...sourcingProfilesPtBR,
  ...profileFormPtBR,
  ...routingSimPtBR,
  ...overridePtBR,
  ...unroutablePtBR,
  ...floorPtBR,
  ...pickupPtBR,
  ...printingPtBR,
  ...shippingPtBR,
  ...lateBoardPtBR,
  ...mapPtBR,
  ...locationPanelPtBR,
  ...carriersPtBR,
  ...notifyTemplatesPtBR,
  ...notifyWebhooksPtBR,
  ...dockPtBR,
  ...shippingAlertsPtBR,
  ...exceptionInboxPtBR,
  ...notifyPtBR,
  ...sessionPtBR,
  ...usersPtBR,
  ...apiKeysPtBR,
  ...auditPtBR,
  ...queuePtBR,
  ...kpisPtBR,
  ...bulkPtBR,
  ...palettePtBR,
  ...accessPtBR,
  ...reasonsPtBR,
  ...engineErrorsPtBR,
  ...returnsPtBR,
  ...returnsApprovalsPtBR,
  ...returnsCounterPtBR,
  ...returnsRequestPtBR,
};
