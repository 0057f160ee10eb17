import type { LocaleCopy } from './default-layout';

/**
 * Neutral Latin American Spanish, with "tú" ("tienes", "retíralo"): what a Chilean, Mexican or
 * Colombian reader takes as normal. "Retirar" rather than "recoger", understood everywhere.
 */
export const COPY_ES: LocaleCopy = {
  locale: 'es',
  greeting: '{{#customerFirstName}}¡Hola, {{customerFirstName}}!{{/customerFirstName}}{{^customerFirstName}}¡Hola!{{/customerFirstName}}',
  footer: 'Te escribimos de {{merchantName}} por tu pedido #{{orderNumber}}. Si tienes alguna pregunta, responde a este correo.',
  events: {
    'order.confirmed': {
      subject: '¡Recibimos tu pedido #{{orderNumber}}!',
      preview: 'Ya lo estamos preparando. Te avisaremos cuando salga.',
      heading: '¡Gracias por tu compra!',
      paragraphs: [
        'Recibimos tu pedido #{{orderNumber}} y ya lo estamos preparando.{{#promisedDateText}} Calculamos que lo tendrás el {{promisedDateText}}.{{/promisedDateText}}',
        'Te avisaremos por aquí cada vez que haya novedades.',
      ],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: recibimos tu pedido #{{orderNumber}} y ya lo estamos preparando. Te avisaremos cuando salga.',
      whatsapp: {
        body: ['orderNumber', 'merchantName'],
        text: '¡Gracias por tu compra! Recibimos tu pedido #{{1}} en {{2}} y ya lo estamos preparando. Te avisaremos por aquí cuando salga.',
      },
    },
    'order.ready_for_pickup': {
      subject: 'Tu pedido #{{orderNumber}} está listo para retirar',
      preview: 'Retíralo en {{locationName}} con el código {{pickupCode}}.',
      heading: '¡Tu pedido está listo!',
      paragraphs: [
        'Ya puedes retirar tu pedido #{{orderNumber}} en {{locationName}}, {{locationAddress}}.',
        'Muestra el código de retiro{{#qrUrl}} o el código QR{{/qrUrl}} en el mostrador, junto con tu documento de identidad.{{#pickupDeadlineText}} Lo guardaremos hasta el {{pickupDeadlineText}}.{{/pickupDeadlineText}}',
      ],
      details: [
        { label: 'Código de retiro', field: 'pickupCode' },
        { label: 'Tienda', field: 'locationName' },
        { label: 'Dirección', field: 'locationAddress' },
      ],
      qr: { alt: 'Código QR de retiro {{pickupCode}}' },
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: tu pedido #{{orderNumber}} está listo. Retíralo en {{locationName}} ({{locationAddress}}) con el código {{pickupCode}}.',
      whatsapp: {
        body: ['orderNumber', 'locationName', 'locationAddress', 'pickupCode'],
        text: '¡Tu pedido #{{1}} está listo para retirar! Pasa por {{2}} ({{3}}) y muestra el código {{4}} junto con tu documento de identidad.',
      },
    },
    'shipment.shipped': {
      subject: 'Tu pedido #{{orderNumber}} está en camino',
      preview: 'Lo lleva {{carrier}}. Número de seguimiento: {{trackingNumber}}.',
      heading: '¡Tu pedido está en camino!',
      paragraphs: [
        'Tu pedido #{{orderNumber}} ya salió y lo lleva {{carrier}}.{{#promisedDateText}} Calculamos que te llegará el {{promisedDateText}}.{{/promisedDateText}}',
        'Puedes seguir el envío con el número {{trackingNumber}}{{#trackingUrl}} o desde el enlace de abajo{{/trackingUrl}}.',
      ],
      details: [
        { label: 'Transportista', field: 'carrier' },
        { label: 'Número de seguimiento', field: 'trackingNumber' },
      ],
      button: { label: 'Seguir mi envío', field: 'trackingUrl' },
      sms: '{{merchantName}}: tu pedido #{{orderNumber}} está en camino con {{carrier}}. Seguimiento: {{#trackingUrl}}{{trackingUrl}}{{/trackingUrl}}{{^trackingUrl}}{{trackingNumber}}{{/trackingUrl}}',
      whatsapp: {
        body: ['orderNumber', 'carrier', 'trackingNumber'],
        text: '¡Tu pedido #{{1}} está en camino! Lo lleva {{2}} y el número de seguimiento es {{3}}.',
      },
    },
    'shipment.out_for_delivery': {
      subject: '¡Hoy llega tu pedido #{{orderNumber}}!',
      preview: 'Ya va en camino a tu domicilio.',
      heading: '¡Hoy llega tu pedido!',
      paragraphs: [
        'Tu pedido #{{orderNumber}} salió a reparto{{#carrier}} con {{carrier}}{{/carrier}} y te llegará hoy.',
        'Si no vas a estar, pide a alguien de confianza que lo reciba.',
      ],
      details: [{ label: 'Número de seguimiento', field: 'trackingNumber' }],
      button: { label: 'Seguir mi envío', field: 'trackingUrl' },
      sms: '{{merchantName}}: tu pedido #{{orderNumber}} salió a reparto y te llegará hoy.{{#trackingUrl}} Síguelo: {{trackingUrl}}{{/trackingUrl}}',
      whatsapp: {
        body: ['orderNumber'],
        text: '¡Hoy llega tu pedido #{{1}}! Ya salió a reparto. Si no vas a estar, pide a alguien de confianza que lo reciba.',
      },
    },
    'shipment.delivered': {
      subject: 'Entregamos tu pedido #{{orderNumber}}',
      preview: '¡Esperamos que lo disfrutes!',
      heading: '¡Tu pedido fue entregado!',
      paragraphs: [
        'Tu pedido #{{orderNumber}} ya fue entregado. ¡Esperamos que lo disfrutes!',
        'Si algo no llegó bien, responde a este correo y lo resolveremos.',
      ],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: entregamos tu pedido #{{orderNumber}}. ¡Que lo disfrutes!',
      whatsapp: {
        body: ['orderNumber'],
        text: 'Tu pedido #{{1}} fue entregado. ¡Esperamos que lo disfrutes! Si algo no llegó bien, escríbenos por aquí.',
      },
    },
    'shipment.delayed': {
      subject: 'Tu pedido #{{orderNumber}} se retrasará un poco',
      preview: 'La nueva fecha estimada de entrega es el {{promisedDateText}}.',
      heading: 'Tu pedido se retrasa',
      paragraphs: [
        'Lo sentimos: tu pedido #{{orderNumber}} llegará más tarde de lo que te indicamos.',
        'La nueva fecha estimada de entrega es el {{promisedDateText}}. Estamos pendientes para que te llegue lo antes posible.',
      ],
      details: [
        { label: 'Nueva fecha estimada', field: 'promisedDateText' },
        { label: 'Transportista', field: 'carrier' },
        { label: 'Número de seguimiento', field: 'trackingNumber' },
      ],
      button: { label: 'Seguir mi envío', field: 'trackingUrl' },
      sms: '{{merchantName}}: tu pedido #{{orderNumber}} se retrasa. Nueva fecha estimada: {{promisedDateText}}. Disculpa las molestias.',
      whatsapp: {
        body: ['orderNumber', 'promisedDateText'],
        text: 'Lo sentimos: tu pedido #{{1}} se retrasará un poco. La nueva fecha estimada de entrega es el {{2}}.',
      },
    },
    'order.cancelled': {
      subject: 'Cancelamos tu pedido #{{orderNumber}}',
      preview: 'Si ya lo pagaste, te devolveremos el dinero.',
      heading: 'Tu pedido fue cancelado',
      paragraphs: [
        'Cancelamos tu pedido #{{orderNumber}}.',
        'Si ya lo pagaste, te devolveremos el dinero por el mismo medio de pago. Si tienes alguna pregunta, responde a este correo.',
      ],
      details: [{ label: 'Motivo', field: 'cancellationReason' }],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: cancelamos tu pedido #{{orderNumber}}. Si ya lo pagaste, te devolveremos el dinero.{{#cancellationReason}} Motivo: {{cancellationReason}}{{/cancellationReason}}',
      whatsapp: {
        body: ['orderNumber'],
        text: 'Cancelamos tu pedido #{{1}}. Si ya lo pagaste, te devolveremos el dinero por el mismo medio de pago. Si tienes alguna pregunta, escríbenos por aquí.',
      },
    },
    'return.requested': {
      subject: 'Hemos recibido tu solicitud de devolución del pedido #{{orderNumber}}',
      preview: 'Estamos revisando tu devolución {{returnCode}}.',
      heading: 'Hemos recibido tu solicitud de devolución',
      paragraphs: [
        'Estamos revisando tu devolución {{returnCode}} del pedido #{{orderNumber}}. Te avisaremos en cuanto la decidamos.{{#procedureCode}} Tu código de desistimiento es {{procedureCode}}.{{/procedureCode}}',
      ],
      details: [{ label: 'Código de desistimiento', field: 'procedureCode' }],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: hemos recibido tu solicitud de devolución {{returnCode}} del pedido #{{orderNumber}}.{{#procedureCode}} Código de desistimiento: {{procedureCode}}{{/procedureCode}}',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'Hemos recibido la solicitud de devolución {{2}} de tu pedido #{{1}}. Te avisaremos en cuanto la revisemos.',
      },
    },
    'return.approved': {
      subject: 'Aprobamos tu devolución {{returnCode}} del pedido #{{orderNumber}}',
      preview: 'Tu código de devolución es {{returnCode}}.',
      heading: 'Tu devolución fue aprobada',
      paragraphs: [
        'Aprobamos la devolución de tu pedido #{{orderNumber}}. Su código es {{returnCode}}.',
        '{{#returnLabelUrl}}Descarga la etiqueta, imprímela y pégala en el paquete.{{#returnPickupDate}} Lo recogeremos en tu domicilio el {{returnPickupDateText}}.{{/returnPickupDate}}{{^returnPickupDate}} Luego llévalo a una sucursal{{#carrier}} de {{carrier}}{{/carrier}}.{{/returnPickupDate}}{{/returnLabelUrl}}{{^returnLabelUrl}}Lleva el producto{{#locationName}} a {{locationName}}{{/locationName}} y muestra el código {{returnCode}} en el mostrador.{{/returnLabelUrl}} Te avisaremos cuando lo recibamos.',
      ],
      details: [{ label: 'Código de desistimiento', field: 'procedureCode' }],
      button: { label: 'Descargar la etiqueta', field: 'returnLabelUrl' },
      sms: '{{merchantName}}: aprobamos tu devolución {{returnCode}} del pedido #{{orderNumber}}.{{#returnLabelUrl}} Etiqueta: {{returnLabelUrl}}{{/returnLabelUrl}}{{#procedureCode}} Código de desistimiento: {{procedureCode}}{{/procedureCode}}',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'Aprobamos la devolución de tu pedido #{{1}}. Tu código de devolución es {{2}}: muéstralo cuando entregues el paquete.',
      },
    },
    'return.rejected': {
      subject: 'No pudimos aceptar tu devolución del pedido #{{orderNumber}}',
      preview: 'Tu devolución {{returnCode}} no ha sido aprobada.',
      heading: 'Tu devolución no ha sido aprobada',
      paragraphs: [
        'Hemos revisado tu devolución {{returnCode}} del pedido #{{orderNumber}} y no hemos podido aceptarla.',
        '{{#returnRejectionReason}}El motivo: {{returnRejectionReason}}. {{/returnRejectionReason}}Si crees que es un error, responde a este correo y lo revisaremos de nuevo.',
      ],
      details: [{ label: 'Motivo', field: 'returnRejectionReason' }],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: no hemos podido aceptar tu devolución {{returnCode}} del pedido #{{orderNumber}}.{{#returnRejectionReason}} Motivo: {{returnRejectionReason}}{{/returnRejectionReason}}',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'No hemos podido aceptar la devolución {{2}} de tu pedido #{{1}}. Si crees que es un error, escríbenos por aquí.',
      },
    },
    'return.received': {
      subject: 'Hemos recibido tu devolución {{returnCode}} del pedido #{{orderNumber}}',
      preview: 'Estamos revisando los productos.',
      heading: 'Ha llegado tu devolución',
      paragraphs: [
        'Tu devolución {{returnCode}} del pedido #{{orderNumber}} ha llegado{{#locationName}} a {{locationName}}{{/locationName}}.',
        'Estamos revisando los productos; te avisaremos cuando el reembolso esté en camino.',
      ],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: hemos recibido tu devolución {{returnCode}} del pedido #{{orderNumber}}. Te avisaremos del reembolso.',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'Ha llegado tu devolución {{2}} del pedido #{{1}}. Estamos revisando los productos y te avisaremos del reembolso.',
      },
    },
    'refund.issued': {
      subject: 'Te reembolsamos {{refundAmountText}} de tu pedido #{{orderNumber}}',
      preview: 'Puede tardar unos días hábiles en reflejarse en tu medio de pago.',
      heading: 'Te reembolsamos tu dinero',
      paragraphs: [
        'Te reembolsamos {{refundAmountText}} de tu pedido #{{orderNumber}}.',
        'Según tu medio de pago, puede tardar unos días hábiles en reflejarse en tu cuenta o tarjeta.',
      ],
      details: [{ label: 'Importe', field: 'refundAmountText' }],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: te reembolsamos {{refundAmountText}} de tu pedido #{{orderNumber}}. Puede tardar unos días hábiles en reflejarse.',
      whatsapp: {
        body: ['refundAmountText', 'orderNumber'],
        text: 'Te reembolsamos {{1}} de tu pedido #{{2}}. Según tu medio de pago, puede tardar unos días hábiles en reflejarse.',
      },
    },
  },
};
