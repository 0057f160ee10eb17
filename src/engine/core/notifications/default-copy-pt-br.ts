import type { LocaleCopy } from './default-layout';

/**
 * Brazilian Portuguese, with "você". Dates go after a colon or "até" ("Previsão de entrega:
 * segunda-feira, 8 de dezembro"), never after "na"/"no", which would depend on the weekday.
 */
export const COPY_PT_BR: LocaleCopy = {
  locale: 'pt-BR',
  greeting: '{{#customerFirstName}}Olá, {{customerFirstName}}!{{/customerFirstName}}{{^customerFirstName}}Olá!{{/customerFirstName}}',
  footer: 'Você está recebendo esta mensagem sobre o seu pedido #{{orderNumber}} em {{merchantName}}. Dúvidas? É só responder este e-mail.',
  events: {
    'order.confirmed': {
      subject: 'Recebemos seu pedido #{{orderNumber}}!',
      preview: 'Já estamos preparando tudo. Avisaremos quando ele for enviado.',
      heading: 'Obrigado pela sua compra!',
      paragraphs: [
        'Recebemos seu pedido #{{orderNumber}} e já estamos preparando tudo.{{#promisedDateText}} Previsão de entrega: {{promisedDateText}}.{{/promisedDateText}}',
        'Vamos avisar você por aqui a cada novidade.',
      ],
      button: { label: 'Ver meu pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: recebemos seu pedido #{{orderNumber}} e já estamos preparando tudo. Avisaremos quando ele for enviado.',
      whatsapp: {
        body: ['orderNumber', 'merchantName'],
        text: 'Obrigado pela sua compra! Recebemos seu pedido #{{1}} em {{2}} e já estamos preparando tudo. Avisaremos por aqui quando ele for enviado.',
      },
    },
    'order.ready_for_pickup': {
      subject: 'Seu pedido #{{orderNumber}} está pronto para retirada',
      preview: 'Retire em {{locationName}} com o código {{pickupCode}}.',
      heading: 'Seu pedido está pronto!',
      paragraphs: [
        'Seu pedido #{{orderNumber}} já pode ser retirado em {{locationName}}, {{locationAddress}}.',
        'Apresente o código de retirada{{#qrUrl}} ou o QR code{{/qrUrl}} no balcão, junto com um documento com foto.{{#pickupDeadlineText}} Ele fica reservado até {{pickupDeadlineText}}.{{/pickupDeadlineText}}',
      ],
      details: [
        { label: 'Código de retirada', field: 'pickupCode' },
        { label: 'Loja', field: 'locationName' },
        { label: 'Endereço', field: 'locationAddress' },
      ],
      qr: { alt: 'QR code de retirada {{pickupCode}}' },
      button: { label: 'Ver meu pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: seu pedido #{{orderNumber}} está pronto. Retire em {{locationName}} ({{locationAddress}}) com o código {{pickupCode}}.',
      whatsapp: {
        body: ['orderNumber', 'locationName', 'locationAddress', 'pickupCode'],
        text: 'Seu pedido #{{1}} está pronto para retirada! Passe em {{2}} ({{3}}) e apresente o código {{4}} junto com um documento com foto.',
      },
    },
    'shipment.shipped': {
      subject: 'Seu pedido #{{orderNumber}} está a caminho',
      preview: 'Enviado por {{carrier}}. Código de rastreio: {{trackingNumber}}.',
      heading: 'Seu pedido está a caminho!',
      paragraphs: [
        'Seu pedido #{{orderNumber}} foi enviado por {{carrier}}.{{#promisedDateText}} Previsão de entrega: {{promisedDateText}}.{{/promisedDateText}}',
        'Você pode acompanhar a entrega com o código de rastreio {{trackingNumber}}{{#trackingUrl}} ou pelo link abaixo{{/trackingUrl}}.',
      ],
      details: [
        { label: 'Transportadora', field: 'carrier' },
        { label: 'Código de rastreio', field: 'trackingNumber' },
      ],
      button: { label: 'Rastrear meu pedido', field: 'trackingUrl' },
      sms: '{{merchantName}}: seu pedido #{{orderNumber}} está a caminho com {{carrier}}. Rastreio: {{#trackingUrl}}{{trackingUrl}}{{/trackingUrl}}{{^trackingUrl}}{{trackingNumber}}{{/trackingUrl}}',
      whatsapp: {
        body: ['orderNumber', 'carrier', 'trackingNumber'],
        text: 'Seu pedido #{{1}} está a caminho! Ele foi enviado por {{2}} e o código de rastreio é {{3}}.',
      },
    },
    'shipment.out_for_delivery': {
      subject: 'Seu pedido #{{orderNumber}} chega hoje!',
      preview: 'Ele já saiu para entrega.',
      heading: 'Seu pedido chega hoje!',
      paragraphs: [
        'Seu pedido #{{orderNumber}} saiu para entrega{{#carrier}} com {{carrier}}{{/carrier}} e chega hoje.',
        'Se você não estiver em casa, peça para alguém de confiança receber.',
      ],
      details: [{ label: 'Código de rastreio', field: 'trackingNumber' }],
      button: { label: 'Rastrear meu pedido', field: 'trackingUrl' },
      sms: '{{merchantName}}: seu pedido #{{orderNumber}} saiu para entrega e chega hoje.{{#trackingUrl}} Acompanhe: {{trackingUrl}}{{/trackingUrl}}',
      whatsapp: {
        body: ['orderNumber'],
        text: 'Seu pedido #{{1}} chega hoje! Ele já saiu para entrega. Se você não estiver em casa, peça para alguém de confiança receber.',
      },
    },
    'shipment.delivered': {
      subject: 'Seu pedido #{{orderNumber}} foi entregue',
      preview: 'Esperamos que você goste!',
      heading: 'Seu pedido foi entregue!',
      paragraphs: [
        'Seu pedido #{{orderNumber}} foi entregue. Esperamos que você goste!',
        'Se algo não estiver certo, responda este e-mail que a gente resolve.',
      ],
      button: { label: 'Ver meu pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: seu pedido #{{orderNumber}} foi entregue. Aproveite!',
      whatsapp: {
        body: ['orderNumber'],
        text: 'Seu pedido #{{1}} foi entregue. Esperamos que você goste! Se algo não estiver certo, fale com a gente por aqui.',
      },
    },
    'shipment.delayed': {
      subject: 'Seu pedido #{{orderNumber}} vai atrasar um pouco',
      preview: 'Nova previsão de entrega: {{promisedDateText}}.',
      heading: 'Seu pedido está atrasado',
      paragraphs: [
        'Pedimos desculpas: seu pedido #{{orderNumber}} vai chegar depois do prazo que informamos.',
        'Nova previsão de entrega: {{promisedDateText}}. Estamos acompanhando para que ele chegue o quanto antes.',
      ],
      details: [
        { label: 'Nova previsão', field: 'promisedDateText' },
        { label: 'Transportadora', field: 'carrier' },
        { label: 'Código de rastreio', field: 'trackingNumber' },
      ],
      button: { label: 'Rastrear meu pedido', field: 'trackingUrl' },
      sms: '{{merchantName}}: seu pedido #{{orderNumber}} vai atrasar. Nova previsão de entrega: {{promisedDateText}}. Desculpe o transtorno.',
      whatsapp: {
        body: ['orderNumber', 'promisedDateText'],
        text: 'Pedimos desculpas: seu pedido #{{1}} vai atrasar um pouco. Nova previsão de entrega: {{2}}.',
      },
    },
    'order.cancelled': {
      subject: 'Seu pedido #{{orderNumber}} foi cancelado',
      preview: 'Se você já pagou, o valor será devolvido.',
      heading: 'Seu pedido foi cancelado',
      paragraphs: [
        'Cancelamos seu pedido #{{orderNumber}}.',
        'Se você já pagou, o valor será devolvido pelo mesmo meio de pagamento. Dúvidas? É só responder este e-mail.',
      ],
      details: [{ label: 'Motivo', field: 'cancellationReason' }],
      button: { label: 'Ver meu pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: cancelamos seu pedido #{{orderNumber}}. Se você já pagou, o valor será devolvido.{{#cancellationReason}} Motivo: {{cancellationReason}}{{/cancellationReason}}',
      whatsapp: {
        body: ['orderNumber'],
        text: 'Cancelamos seu pedido #{{1}}. Se você já pagou, o valor será devolvido pelo mesmo meio de pagamento. Dúvidas? Fale com a gente por aqui.',
      },
    },
    'return.requested': {
      subject: 'Recebemos sua solicitação de devolução do pedido #{{orderNumber}}',
      preview: 'Estamos analisando sua devolução {{returnCode}}.',
      heading: 'Recebemos sua solicitação de devolução',
      paragraphs: [
        'Estamos analisando sua devolução {{returnCode}} do pedido #{{orderNumber}}. Avisaremos assim que ela for decidida.{{#procedureCode}} Seu código de arrependimento é {{procedureCode}}.{{/procedureCode}}',
      ],
      details: [{ label: 'Código de arrependimento', field: 'procedureCode' }],
      button: { label: 'Ver meu pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: recebemos sua solicitação de devolução {{returnCode}} do pedido #{{orderNumber}}.{{#procedureCode}} Código de arrependimento: {{procedureCode}}{{/procedureCode}}',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'Recebemos a solicitação de devolução {{2}} do seu pedido #{{1}}. Avisaremos assim que ela for analisada.',
      },
    },
    'return.approved': {
      subject: 'Sua devolução {{returnCode}} do pedido #{{orderNumber}} foi aprovada',
      preview: 'Seu código de devolução é {{returnCode}}.',
      heading: 'Sua devolução foi aprovada',
      paragraphs: [
        'Aprovamos a devolução do seu pedido #{{orderNumber}}. O código dela é {{returnCode}}.',
        '{{#returnLabelUrl}}Baixe a etiqueta, imprima e cole no pacote.{{#returnPickupDate}} Vamos retirar no seu endereço em {{returnPickupDateText}}.{{/returnPickupDate}}{{^returnPickupDate}} Depois, é só levar a um ponto de postagem{{#carrier}} da transportadora {{carrier}}{{/carrier}}.{{/returnPickupDate}}{{/returnLabelUrl}}{{^returnLabelUrl}}Leve o produto{{#locationName}} até {{locationName}}{{/locationName}} e mostre o código {{returnCode}} no balcão.{{/returnLabelUrl}} Avisaremos quando ele chegar.',
      ],
      details: [{ label: 'Código de arrependimento', field: 'procedureCode' }],
      button: { label: 'Baixar a etiqueta', field: 'returnLabelUrl' },
      sms: '{{merchantName}}: sua devolução {{returnCode}} do pedido #{{orderNumber}} foi aprovada.{{#returnLabelUrl}} Etiqueta: {{returnLabelUrl}}{{/returnLabelUrl}}{{#procedureCode}} Código de arrependimento: {{procedureCode}}{{/procedureCode}}',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'Aprovamos a devolução do seu pedido #{{1}}. Seu código de devolução é {{2}}: mostre-o ao entregar o pacote.',
      },
    },
    'return.rejected': {
      subject: 'Não pudemos aceitar sua devolução do pedido #{{orderNumber}}',
      preview: 'Sua devolução {{returnCode}} não foi aprovada.',
      heading: 'Sua devolução não foi aprovada',
      paragraphs: [
        'Analisamos sua devolução {{returnCode}} do pedido #{{orderNumber}} e não pudemos aceitá-la.',
        '{{#returnRejectionReason}}O motivo: {{returnRejectionReason}}. {{/returnRejectionReason}}Se você acha que é um erro, responda este e-mail e vamos analisar de novo.',
      ],
      details: [{ label: 'Motivo', field: 'returnRejectionReason' }],
      button: { label: 'Ver meu pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: não pudemos aceitar sua devolução {{returnCode}} do pedido #{{orderNumber}}.{{#returnRejectionReason}} Motivo: {{returnRejectionReason}}{{/returnRejectionReason}}',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'Não pudemos aceitar a devolução {{2}} do seu pedido #{{1}}. Se você acha que é um erro, fale com a gente por aqui.',
      },
    },
    'return.received': {
      subject: 'Recebemos sua devolução {{returnCode}} do pedido #{{orderNumber}}',
      preview: 'Estamos conferindo os itens.',
      heading: 'Sua devolução chegou',
      paragraphs: [
        'Sua devolução {{returnCode}} do pedido #{{orderNumber}} chegou{{#locationName}} em {{locationName}}{{/locationName}}.',
        'Estamos conferindo os itens; avisaremos quando o reembolso estiver a caminho.',
      ],
      button: { label: 'Ver meu pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: recebemos sua devolução {{returnCode}} do pedido #{{orderNumber}}. Avisaremos sobre o reembolso.',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'Sua devolução {{2}} do pedido #{{1}} chegou. Estamos conferindo os itens e avisaremos sobre o reembolso.',
      },
    },
    'refund.issued': {
      subject: 'Reembolsamos {{refundAmountText}} do seu pedido #{{orderNumber}}',
      preview: 'Pode levar alguns dias úteis para aparecer.',
      heading: 'Seu reembolso foi feito',
      paragraphs: [
        'Reembolsamos {{refundAmountText}} referente ao seu pedido #{{orderNumber}}.',
        'Dependendo do meio de pagamento, pode levar alguns dias úteis para o valor aparecer na sua conta ou na fatura do cartão.',
      ],
      details: [{ label: 'Valor', field: 'refundAmountText' }],
      button: { label: 'Ver meu pedido', field: 'orderUrl' },
      sms: '{{merchantName}}: reembolsamos {{refundAmountText}} do seu pedido #{{orderNumber}}. Pode levar alguns dias úteis para aparecer.',
      whatsapp: {
        body: ['refundAmountText', 'orderNumber'],
        text: 'Reembolsamos {{1}} referente ao seu pedido #{{2}}. Dependendo do meio de pagamento, pode levar alguns dias úteis para aparecer.',
      },
    },
  },
};
