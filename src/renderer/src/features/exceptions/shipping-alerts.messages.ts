/** Messages of the exception inbox's shipping part. */
export const shippingAlertsEn = {
  'exceptions.shipping.title': 'Shipments that need a person',
  'exceptions.shipping.empty': 'No shipment is late, stuck or refused.',
  'exceptions.shipping.error': 'Shipping alerts could not be loaded: {message}',
  'exceptions.shipping.lateBoard': 'Late board →',
} as const;

export const shippingAlertsEs: Record<keyof typeof shippingAlertsEn, string> = {
  'exceptions.shipping.title': 'Envíos que requieren atención',
  'exceptions.shipping.empty': 'Ningún envío está demorado, trabado ni rechazado.',
  'exceptions.shipping.error': 'No se pudieron cargar las alertas de envío: {message}',
  'exceptions.shipping.lateBoard': 'Tablero de demoras →',
};

export const shippingAlertsPtBR: Record<keyof typeof shippingAlertsEn, string> = {
  'exceptions.shipping.title': 'Envios que precisam de uma pessoa',
  'exceptions.shipping.empty': 'Nenhum envio atrasado, parado ou recusado.',
  'exceptions.shipping.error': 'Não foi possível carregar os alertas de envio: {message}',
  'exceptions.shipping.lateBoard': 'Painel de atrasos →',
};
