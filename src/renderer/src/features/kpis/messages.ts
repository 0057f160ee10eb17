/** Messages of the KPI strip above the order queue; each tooltip says exactly what the engine counts (`shared/order-kpis.schema.ts`). */
export const kpisEn = {
  'kpis.label': 'Order flow indicators',
  'kpis.error': 'The indicators could not be loaded: {message}',
  'kpis.none': '—',
  'kpis.rate.label': 'Orders/h',
  'kpis.rate.sub': 'prev. hour {n}',
  'kpis.rate.up': 'up on the hour before',
  'kpis.rate.down': 'down on the hour before',
  'kpis.rate.flat': 'same as the hour before',
  'kpis.rate.title':
    'Customer orders received in the last 60 minutes ({n}); the hour before: {prev}. Backorders the engine splits off are not counted.',
  'kpis.fill.label': 'Fill rate',
  'kpis.fill.sub': '{n} of {of}',
  'kpis.fill.title':
    'Order fill rate at first sourcing: of the orders received in the last 24 h that the engine has decided ({of}), those it sourced complete — every unit — at its first decision ({n}). Not filled: unfillable at first, or sourced in part (units backordered or cancelled). Orders still waiting for sourcing are not counted.',
  'kpis.split.label': 'Split rate',
  'kpis.split.sub': '{n} of {of}',
  'kpis.split.title':
    'Of the orders received in the last 24 h that hold stock ({of}), those shipping from more than one location — more than one fulfilment order not cancelled ({n}).',
  'kpis.onTime.label': 'On time',
  'kpis.onTime.sub': '{n} of {of}',
  'kpis.onTime.title':
    'Of the orders that left in the last 24 h — shipped, or handed over at a store counter ({of}) — those that left by their deadline: the promised date, or arrival + {sla} h without one ({n}).',
  'kpis.backlog.label': 'Backlog age',
  'kpis.backlog.sub': 'median {age}',
  'kpis.backlog.empty': 'no open orders',
  'kpis.backlog.title':
    'Open orders (received, unfillable, sourced, picked or packed): {n}. The oldest arrived {oldest} ago; the median one {median} ago.',
  'kpis.risk.label': 'At risk',
  'kpis.risk.atRisk': 'At risk {n}',
  'kpis.risk.late': 'Late {n}',
  'kpis.risk.atRisk.title': 'Open orders due within {hours} h and not late yet. Click to show them in the queue.',
  'kpis.risk.late.title': 'Open orders past their deadline (promised date, or arrival + {sla} h). Click to show them in the queue.',
} as const;

export type KpisMessageKey = keyof typeof kpisEn;

export const kpisEs: Record<KpisMessageKey, string> = {
  'kpis.label': 'Indicadores del flujo de pedidos',
  'kpis.error': 'No se pudieron cargar los indicadores: {message}',
  'kpis.none': '—',
  'kpis.rate.label': 'Pedidos/h',
  'kpis.rate.sub': 'hora ant. {n}',
  'kpis.rate.up': 'más que la hora anterior',
  'kpis.rate.down': 'menos que la hora anterior',
  'kpis.rate.flat': 'igual que la hora anterior',
  'kpis.rate.title':
    'Pedidos de clientes recibidos en los últimos 60 minutos ({n}); la hora anterior: {prev}. No cuenta los pedidos pendientes (backorders) que separa el motor.',
  'kpis.fill.label': 'Cumplimiento',
  'kpis.fill.sub': '{n} de {of}',
  'kpis.fill.title':
    'Cumplimiento de pedidos en la primera asignación: de los pedidos recibidos en las últimas 24 h que el motor ya decidió ({of}), los que asignó completos —todas las unidades— en su primera decisión ({n}). No cumplidos: sin stock al principio, o asignados en parte (unidades a pendiente o canceladas). No cuenta los que esperan asignación.',
  'kpis.split.label': 'Divididos',
  'kpis.split.sub': '{n} de {of}',
  'kpis.split.title':
    'De los pedidos recibidos en las últimas 24 h que tienen stock asignado ({of}), los que salen de más de una ubicación: más de una orden de preparación no cancelada ({n}).',
  'kpis.onTime.label': 'A tiempo',
  'kpis.onTime.sub': '{n} de {of}',
  'kpis.onTime.title':
    'De los pedidos que salieron en las últimas 24 h —despachados o entregados en el mostrador de una tienda— ({of}), los que salieron antes de su plazo: la fecha prometida, o la llegada + {sla} h si no la tienen ({n}).',
  'kpis.backlog.label': 'Antigüedad',
  'kpis.backlog.sub': 'mediana {age}',
  'kpis.backlog.empty': 'sin pedidos abiertos',
  'kpis.backlog.title':
    'Pedidos abiertos (recibidos, sin stock, asignados, preparados o embalados): {n}. El más antiguo llegó hace {oldest}; el mediano, hace {median}.',
  'kpis.risk.label': 'En riesgo',
  'kpis.risk.atRisk': 'En riesgo {n}',
  'kpis.risk.late': 'Atrasados {n}',
  'kpis.risk.atRisk.title': 'Pedidos abiertos que vencen dentro de {hours} h y todavía no están atrasados. Clic para verlos en la cola.',
  'kpis.risk.late.title': 'Pedidos abiertos pasados de su plazo (fecha prometida, o llegada + {sla} h). Clic para verlos en la cola.',
};

export const kpisPtBR: Record<KpisMessageKey, string> = {
  'kpis.label': 'Indicadores do fluxo de pedidos',
  'kpis.error': 'Não foi possível carregar os indicadores: {message}',
  'kpis.none': '—',
  'kpis.rate.label': 'Pedidos/h',
  'kpis.rate.sub': 'hora ant. {n}',
  'kpis.rate.up': 'acima da hora anterior',
  'kpis.rate.down': 'abaixo da hora anterior',
  'kpis.rate.flat': 'igual à hora anterior',
  'kpis.rate.title':
    'Pedidos de clientes recebidos nos últimos 60 minutos ({n}); na hora anterior: {prev}. Pedidos pendentes (backorders) separados pelo motor não contam.',
  'kpis.fill.label': 'Atendimento',
  'kpis.fill.sub': '{n} de {of}',
  'kpis.fill.title':
    'Atendimento de pedidos na primeira alocação: dos pedidos recebidos nas últimas 24 h que o motor já decidiu ({of}), os que ele alocou completos — todas as unidades — na primeira decisão ({n}). Não atendidos: sem estoque no início, ou alocados em parte (unidades pendentes ou canceladas). Pedidos aguardando alocação não contam.',
  'kpis.split.label': 'Divididos',
  'kpis.split.sub': '{n} de {of}',
  'kpis.split.title':
    'Dos pedidos recebidos nas últimas 24 h que têm estoque alocado ({of}), os que saem de mais de um local: mais de uma ordem de separação não cancelada ({n}).',
  'kpis.onTime.label': 'No prazo',
  'kpis.onTime.sub': '{n} de {of}',
  'kpis.onTime.title':
    'Dos pedidos que saíram nas últimas 24 h — despachados ou entregues no balcão de uma loja — ({of}), os que saíram dentro do prazo: a data prometida, ou a chegada + {sla} h quando não há uma ({n}).',
  'kpis.backlog.label': 'Idade',
  'kpis.backlog.sub': 'mediana {age}',
  'kpis.backlog.empty': 'nenhum pedido aberto',
  'kpis.backlog.title':
    'Pedidos abertos (recebidos, sem estoque, alocados, separados ou embalados): {n}. O mais antigo chegou há {oldest}; o mediano, há {median}.',
  'kpis.risk.label': 'Em risco',
  'kpis.risk.atRisk': 'Em risco {n}',
  'kpis.risk.late': 'Atrasados {n}',
  'kpis.risk.atRisk.title': 'Pedidos abertos que vencem em até {hours} h e ainda não estão atrasados. Clique para vê-los na fila.',
  'kpis.risk.late.title': 'Pedidos abertos além do prazo (data prometida, ou chegada + {sla} h). Clique para vê-los na fila.',
};
