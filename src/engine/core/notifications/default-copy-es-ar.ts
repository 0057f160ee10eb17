import type { LocaleCopy } from './default-layout';

/** Argentine Spanish, with voseo ("tenés", "retiralo"), as an Argentine shop writes to its customers. */
export const COPY_ES_AR: LocaleCopy = {
  locale: 'es-AR',
  greeting: '{{#customerFirstName}}¡Hola, {{customerFirstName}}!{{/customerFirstName}}{{^customerFirstName}}¡Hola!{{/customerFirstName}}',
  footer: 'Te escribimos de {{merchantName}} por tu pedido #{{orderNumber}}. Si tenés alguna consulta, respondé este correo.',
  events: {
    'order.confirmed': {
      subject: '¡Recibimos tu pedido #{{orderNumber}}!',
      preview: 'Ya lo estamos preparando. Te avisamos cuando salga.',
      heading: '¡Gracias por tu compra!',
      paragraphs: [
        'Recibimos tu pedido #{{orderNumber}} y ya lo estamos preparando.{{#promisedDateText}} Estimamos que lo vas a tener el {{promisedDateText}}.{{/promisedDateText}}',
        'Te vamos a avisar por acá cada vez que haya novedades.',
      ],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: recibimos tu pedido #{{orderNumber}} y ya lo estamos preparando. Te avisamos cuando salga.',
      whatsapp: {
        body: ['orderNumber', 'merchantName'],
        text: '¡Gracias por tu compra! Recibimos tu pedido #{{1}} en {{2}} y ya lo estamos preparando. Te avisamos por acá cuando salga.',
      },
    },
    'order.ready_for_pickup': {
      subject: 'Tu pedido #{{orderNumber}} está listo para retirar',
      preview: 'Retiralo en {{locationName}} con el código {{pickupCode}}.',
      heading: '¡Tu pedido está listo!',
      paragraphs: [
        'Ya podés retirar tu pedido #{{orderNumber}} en {{locationName}}, {{locationAddress}}.',
        'Mostrá el código de retiro{{#qrUrl}} o el QR{{/qrUrl}} en el mostrador, junto con tu DNI.{{#pickupDeadlineText}} Lo guardamos hasta el {{pickupDeadlineText}}.{{/pickupDeadlineText}}',
      ],
      details: [
        { label: 'Código de retiro', field: 'pickupCode' },
        { label: 'Sucursal', field: 'locationName' },
        { label: 'Dirección', field: 'locationAddress' },
      ],
      qr: { alt: 'Código QR de retiro {{pickupCode}}' },
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: tu pedido #{{orderNumber}} está listo. Retiralo en {{locationName}} ({{locationAddress}}) con el código {{pickupCode}}.',
      whatsapp: {
        body: ['orderNumber', 'locationName', 'locationAddress', 'pickupCode'],
        text: '¡Tu pedido #{{1}} está listo para retirar! Pasá por {{2}} ({{3}}) y mostrá el código {{4}} junto con tu DNI.',
      },
    },
    'shipment.shipped': {
      subject: 'Tu pedido #{{orderNumber}} está en camino',
      preview: 'Lo lleva {{carrier}}. Número de seguimiento: {{trackingNumber}}.',
      heading: '¡Tu pedido está en camino!',
      paragraphs: [
        'Tu pedido #{{orderNumber}} ya salió y lo lleva {{carrier}}.{{#promisedDateText}} Estimamos que te llega el {{promisedDateText}}.{{/promisedDateText}}',
        'Podés seguir el envío con el número {{trackingNumber}}{{#trackingUrl}} o desde el enlace de abajo{{/trackingUrl}}.',
      ],
      details: [
        { label: 'Transporte', field: 'carrier' },
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
      preview: 'Ya salió a reparto.',
      heading: '¡Hoy llega tu pedido!',
      paragraphs: [
        'Tu pedido #{{orderNumber}} salió a reparto{{#carrier}} con {{carrier}}{{/carrier}} y te llega hoy.',
        'Si no vas a estar, avisale a alguien de confianza para que lo reciba.',
      ],
      details: [{ label: 'Número de seguimiento', field: 'trackingNumber' }],
      button: { label: 'Seguir mi envío', field: 'trackingUrl' },
      sms: '{{merchantName}}: tu pedido #{{orderNumber}} salió a reparto y te llega hoy.{{#trackingUrl}} Seguilo: {{trackingUrl}}{{/trackingUrl}}',
      whatsapp: {
        body: ['orderNumber'],
        text: '¡Hoy llega tu pedido #{{1}}! Ya salió a reparto. Si no vas a estar, avisale a alguien de confianza para que lo reciba.',
      },
    },
    'shipment.delivered': {
      subject: 'Entregamos tu pedido #{{orderNumber}}',
      preview: '¡Esperamos que lo disfrutes!',
      heading: '¡Tu pedido fue entregado!',
      paragraphs: [
        'Tu pedido #{{orderNumber}} ya fue entregado. ¡Esperamos que lo disfrutes!',
        'Si algo no llegó bien, respondé este correo y lo resolvemos.',
      ],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: entregamos tu pedido #{{orderNumber}}. ¡Que lo disfrutes!',
      whatsapp: {
        body: ['orderNumber'],
        text: 'Tu pedido #{{1}} fue entregado. ¡Esperamos que lo disfrutes! Si algo no llegó bien, escribinos por acá.',
      },
    },
    'shipment.delayed': {
      subject: 'Tu pedido #{{orderNumber}} se va a demorar un poco',
      preview: 'La nueva fecha estimada de entrega es el {{promisedDateText}}.',
      heading: 'Tu pedido se demora',
      paragraphs: [
        'Te pedimos disculpas: tu pedido #{{orderNumber}} va a llegar más tarde de lo que te dijimos.',
        'La nueva fecha estimada de entrega es el {{promisedDateText}}. Estamos atentos para que te llegue lo antes posible.',
      ],
      details: [
        { label: 'Nueva fecha estimada', field: 'promisedDateText' },
        { label: 'Transporte', field: 'carrier' },
        { label: 'Número de seguimiento', field: 'trackingNumber' },
      ],
      button: { label: 'Seguir mi envío', field: 'trackingUrl' },
      sms: '{{merchantName}}: tu pedido #{{orderNumber}} se demora. Nueva fecha estimada: {{promisedDateText}}. Disculpá las molestias.',
      whatsapp: {
        body: ['orderNumber', 'promisedDateText'],
        text: 'Te pedimos disculpas: tu pedido #{{1}} se va a demorar un poco. La nueva fecha estimada de entrega es el {{2}}.',
      },
    },
    'order.cancelled': {
      subject: 'Cancelamos tu pedido #{{orderNumber}}',
      preview: 'Si ya lo pagaste, te devolvemos el dinero.',
      heading: 'Tu pedido fue cancelado',
      paragraphs: [
        'Cancelamos tu pedido #{{orderNumber}}.',
        'Si ya lo pagaste, te devolvemos el dinero por el mismo medio de pago. Si tenés alguna duda, respondé este correo.',
      ],
      details: [{ label: 'Motivo', field: 'cancellationReason' }],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: cancelamos tu pedido #{{orderNumber}}. Si ya lo pagaste, te devolvemos el dinero.{{#cancellationReason}} Motivo: {{cancellationReason}}{{/cancellationReason}}',
      whatsapp: {
        body: ['orderNumber'],
        text: 'Cancelamos tu pedido #{{1}}. Si ya lo pagaste, te devolvemos el dinero por el mismo medio de pago. Si tenés alguna duda, escribinos por acá.',
      },
    },
    'return.requested': {
      subject: 'Recibimos tu pedido de devolución del pedido #{{orderNumber}}',
      preview: 'Estamos revisando tu devolución {{returnCode}}.',
      heading: 'Recibimos tu pedido de devolución',
      paragraphs: [
        'Estamos revisando tu devolución {{returnCode}} del pedido #{{orderNumber}}. Te avisamos apenas la decidamos.{{#procedureCode}} Tu código de trámite de arrepentimiento es {{procedureCode}}.{{/procedureCode}}',
      ],
      details: [{ label: 'Código de arrepentimiento', field: 'procedureCode' }],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: recibimos tu pedido de devolución {{returnCode}} del pedido #{{orderNumber}}.{{#procedureCode}} Código de arrepentimiento: {{procedureCode}}{{/procedureCode}}',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'Recibimos el pedido de devolución {{2}} de tu pedido #{{1}}. Te avisamos apenas lo revisemos.',
      },
    },
    'return.approved': {
      subject: 'Aprobamos tu devolución {{returnCode}} del pedido #{{orderNumber}}',
      preview: 'Tu código de devolución es {{returnCode}}.',
      heading: 'Tu devolución fue aprobada',
      paragraphs: [
        'Aprobamos la devolución de tu pedido #{{orderNumber}}. Su código es {{returnCode}}.',
        '{{#returnLabelUrl}}Descargá la etiqueta, imprimila y pegala en el paquete.{{#returnPickupDate}} Lo retiramos en tu domicilio el {{returnPickupDateText}}.{{/returnPickupDate}}{{^returnPickupDate}} Después llevalo a una sucursal{{#carrier}} de {{carrier}}{{/carrier}}.{{/returnPickupDate}}{{/returnLabelUrl}}{{^returnLabelUrl}}Llevá el producto{{#locationName}} a {{locationName}}{{/locationName}} y mostrá el código {{returnCode}} en el mostrador.{{/returnLabelUrl}} Te avisamos cuando lo recibamos.',
      ],
      details: [{ label: 'Código de arrepentimiento', field: 'procedureCode' }],
      button: { label: 'Descargar la etiqueta', field: 'returnLabelUrl' },
      sms: '{{merchantName}}: aprobamos tu devolución {{returnCode}} del pedido #{{orderNumber}}.{{#returnLabelUrl}} Etiqueta: {{returnLabelUrl}}{{/returnLabelUrl}}{{#procedureCode}} Código de arrepentimiento: {{procedureCode}}{{/procedureCode}}',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'Aprobamos la devolución de tu pedido #{{1}}. Tu código de devolución es {{2}}: mostralo cuando entregues el paquete.',
      },
    },
    'return.rejected': {
      subject: 'No pudimos aceptar tu devolución del pedido #{{orderNumber}}',
      preview: 'Tu devolución {{returnCode}} no fue aprobada.',
      heading: 'Tu devolución no fue aprobada',
      paragraphs: [
        'Revisamos tu devolución {{returnCode}} del pedido #{{orderNumber}} y no pudimos aceptarla.',
        '{{#returnRejectionReason}}El motivo: {{returnRejectionReason}}. {{/returnRejectionReason}}Si creés que es un error, respondé este mail y lo volvemos a ver.',
      ],
      details: [{ label: 'Motivo', field: 'returnRejectionReason' }],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: no pudimos aceptar tu devolución {{returnCode}} del pedido #{{orderNumber}}.{{#returnRejectionReason}} Motivo: {{returnRejectionReason}}{{/returnRejectionReason}}',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'No pudimos aceptar la devolución {{2}} de tu pedido #{{1}}. Si creés que es un error, escribinos por acá.',
      },
    },
    'return.received': {
      subject: 'Recibimos tu devolución {{returnCode}} del pedido #{{orderNumber}}',
      preview: 'Estamos revisando los productos.',
      heading: 'Llegó tu devolución',
      paragraphs: [
        'Tu devolución {{returnCode}} del pedido #{{orderNumber}} llegó{{#locationName}} a {{locationName}}{{/locationName}}.',
        'Estamos revisando los productos; te avisamos cuando el reintegro esté en camino.',
      ],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: recibimos tu devolución {{returnCode}} del pedido #{{orderNumber}}. Te avisamos por el reintegro.',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'Llegó tu devolución {{2}} del pedido #{{1}}. Estamos revisando los productos y te avisamos por el reintegro.',
      },
    },
    'refund.issued': {
      subject: 'Te devolvimos {{refundAmountText}} de tu pedido #{{orderNumber}}',
      preview: 'Puede tardar unos días hábiles en verse en tu medio de pago.',
      heading: 'Te devolvimos tu dinero',
      paragraphs: [
        'Te devolvimos {{refundAmountText}} de tu pedido #{{orderNumber}}.',
        'Según tu medio de pago, puede tardar unos días hábiles en verse reflejado en tu cuenta o tarjeta.',
      ],
      details: [{ label: 'Monto', field: 'refundAmountText' }],
      button: { label: 'Ver mi pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: te devolvimos {{refundAmountText}} de tu pedido #{{orderNumber}}. Puede tardar unos días hábiles en verse reflejado.',
      whatsapp: {
        body: ['refundAmountText', 'orderNumber'],
        text: 'Te devolvimos {{1}} de tu pedido #{{2}}. Según tu medio de pago, puede tardar unos días hábiles en verse reflejado.',
      },
    },
  },
};
