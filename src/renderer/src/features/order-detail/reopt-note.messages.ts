/** Messages of the re-optimisation note on an order's timeline (what it was, what it is, which orders made it possible). */
export const reoptNoteEn = {
  'reopt.before': 'Was: {locations} · {shipments} · cost {cost}',
  'reopt.after': 'Now: {locations} · {shipments} · cost {cost}',
  'reopt.shipment': '1 shipment',
  'reopt.shipments': '{n} shipments',
  'reopt.with': 'Made possible by moving together:',
  'reopt.open': 'Open order #{number}',
} as const;

export const reoptNoteEs: Record<keyof typeof reoptNoteEn, string> = {
  'reopt.before': 'Antes: {locations} · {shipments} · costo {cost}',
  'reopt.after': 'Ahora: {locations} · {shipments} · costo {cost}',
  'reopt.shipment': '1 envío',
  'reopt.shipments': '{n} envíos',
  'reopt.with': 'Posible al mover junto con:',
  'reopt.open': 'Abrir el pedido #{number}',
};

export const reoptNotePtBR: Record<keyof typeof reoptNoteEn, string> = {
  'reopt.before': 'Antes: {locations} · {shipments} · custo {cost}',
  'reopt.after': 'Agora: {locations} · {shipments} · custo {cost}',
  'reopt.shipment': '1 envio',
  'reopt.shipments': '{n} envios',
  'reopt.with': 'Possível ao mover junto com:',
  'reopt.open': 'Abrir o pedido #{number}',
};
