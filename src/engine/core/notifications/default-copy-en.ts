import type { LocaleCopy } from './default-layout';

/** English, the last locale of every fallback chain: plain and friendly. */
export const COPY_EN: LocaleCopy = {
  locale: 'en',
  greeting: '{{#customerFirstName}}Hi {{customerFirstName}},{{/customerFirstName}}{{^customerFirstName}}Hi there,{{/customerFirstName}}',
  footer: 'You are receiving this message about your order #{{orderNumber}} from {{merchantName}}. Questions? Just reply to this email.',
  events: {
    'order.confirmed': {
      subject: 'We got your order #{{orderNumber}}!',
      preview: 'We are getting it ready and will let you know when it ships.',
      heading: 'Thanks for your order!',
      paragraphs: [
        'We received your order #{{orderNumber}} and are getting it ready.{{#promisedDateText}} We expect it to reach you on {{promisedDateText}}.{{/promisedDateText}}',
        'We will keep you posted every step of the way.',
      ],
      button: { label: 'View my order', field: 'orderUrl' },
      sms: '{{merchantName}}: we got your order #{{orderNumber}} and are getting it ready. We will let you know when it ships.',
      whatsapp: {
        body: ['orderNumber', 'merchantName'],
        text: 'Thanks for your order! We received your order #{{1}} at {{2}} and are getting it ready. We will message you here when it ships.',
      },
    },
    'order.ready_for_pickup': {
      subject: 'Your order #{{orderNumber}} is ready for pickup',
      preview: 'Pick it up at {{locationName}} with code {{pickupCode}}.',
      heading: 'Your order is ready!',
      paragraphs: [
        'Your order #{{orderNumber}} is ready for pickup at {{locationName}}, {{locationAddress}}.',
        'Show your pickup code{{#qrUrl}} or the QR code{{/qrUrl}} at the counter, along with a photo ID.{{#pickupDeadlineText}} We will hold it until {{pickupDeadlineText}}.{{/pickupDeadlineText}}',
      ],
      details: [
        { label: 'Pickup code', field: 'pickupCode' },
        { label: 'Store', field: 'locationName' },
        { label: 'Address', field: 'locationAddress' },
      ],
      qr: { alt: 'Pickup QR code {{pickupCode}}' },
      button: { label: 'View my order', field: 'orderUrl' },
      sms: '{{merchantName}}: your order #{{orderNumber}} is ready. Pick it up at {{locationName}} ({{locationAddress}}) with code {{pickupCode}}.',
      whatsapp: {
        body: ['orderNumber', 'locationName', 'locationAddress', 'pickupCode'],
        text: 'Your order #{{1}} is ready for pickup! Come by {{2}} ({{3}}) and show code {{4}} along with a photo ID.',
      },
    },
    'shipment.shipped': {
      subject: 'Your order #{{orderNumber}} is on its way',
      preview: 'Shipped with {{carrier}}. Tracking number: {{trackingNumber}}.',
      heading: 'Your order is on its way!',
      paragraphs: [
        'Your order #{{orderNumber}} has shipped with {{carrier}}.{{#promisedDateText}} It should arrive on {{promisedDateText}}.{{/promisedDateText}}',
        'You can track it with the number {{trackingNumber}}{{#trackingUrl}} or the link below{{/trackingUrl}}.',
      ],
      details: [
        { label: 'Carrier', field: 'carrier' },
        { label: 'Tracking number', field: 'trackingNumber' },
      ],
      button: { label: 'Track my package', field: 'trackingUrl' },
      sms: '{{merchantName}}: your order #{{orderNumber}} is on its way with {{carrier}}. Tracking: {{#trackingUrl}}{{trackingUrl}}{{/trackingUrl}}{{^trackingUrl}}{{trackingNumber}}{{/trackingUrl}}',
      whatsapp: {
        body: ['orderNumber', 'carrier', 'trackingNumber'],
        text: 'Your order #{{1}} is on its way! It shipped with {{2}} and the tracking number is {{3}}.',
      },
    },
    'shipment.out_for_delivery': {
      subject: 'Your order #{{orderNumber}} arrives today!',
      preview: 'It is out for delivery.',
      heading: 'Your order arrives today!',
      paragraphs: [
        'Your order #{{orderNumber}} is out for delivery{{#carrier}} with {{carrier}}{{/carrier}} and will arrive today.',
        'If you will not be home, ask someone you trust to receive it.',
      ],
      details: [{ label: 'Tracking number', field: 'trackingNumber' }],
      button: { label: 'Track my package', field: 'trackingUrl' },
      sms: '{{merchantName}}: your order #{{orderNumber}} is out for delivery and arrives today.{{#trackingUrl}} Track it: {{trackingUrl}}{{/trackingUrl}}',
      whatsapp: {
        body: ['orderNumber'],
        text: 'Your order #{{1}} arrives today! It is out for delivery. If you will not be home, ask someone you trust to receive it.',
      },
    },
    'shipment.delivered': {
      subject: 'Your order #{{orderNumber}} was delivered',
      preview: 'We hope you enjoy it!',
      heading: 'Your order was delivered!',
      paragraphs: [
        'Your order #{{orderNumber}} has been delivered. We hope you enjoy it!',
        'If anything is not right, reply to this email and we will sort it out.',
      ],
      button: { label: 'View my order', field: 'orderUrl' },
      sms: '{{merchantName}}: your order #{{orderNumber}} was delivered. Enjoy!',
      whatsapp: {
        body: ['orderNumber'],
        text: 'Your order #{{1}} was delivered. We hope you enjoy it! If anything is not right, message us here.',
      },
    },
    'shipment.delayed': {
      subject: 'Your order #{{orderNumber}} is running late',
      preview: 'The new estimated delivery date is {{promisedDateText}}.',
      heading: 'Your order is delayed',
      paragraphs: [
        'We are sorry: your order #{{orderNumber}} will arrive later than we told you.',
        'The new estimated delivery date is {{promisedDateText}}. We are keeping an eye on it so it reaches you as soon as possible.',
      ],
      details: [
        { label: 'New estimated date', field: 'promisedDateText' },
        { label: 'Carrier', field: 'carrier' },
        { label: 'Tracking number', field: 'trackingNumber' },
      ],
      button: { label: 'Track my package', field: 'trackingUrl' },
      sms: '{{merchantName}}: your order #{{orderNumber}} is delayed. New estimated date: {{promisedDateText}}. Sorry for the wait.',
      whatsapp: {
        body: ['orderNumber', 'promisedDateText'],
        text: 'We are sorry: your order #{{1}} is running late. The new estimated delivery date is {{2}}.',
      },
    },
    'order.cancelled': {
      subject: 'Your order #{{orderNumber}} was cancelled',
      preview: 'If you already paid, we will refund you.',
      heading: 'Your order was cancelled',
      paragraphs: [
        'We cancelled your order #{{orderNumber}}.',
        'If you already paid, we will refund you to the same payment method. Questions? Just reply to this email.',
      ],
      details: [{ label: 'Reason', field: 'cancellationReason' }],
      button: { label: 'View my order', field: 'orderUrl' },
      sms: '{{merchantName}}: we cancelled your order #{{orderNumber}}. If you already paid, we will refund you.{{#cancellationReason}} Reason: {{cancellationReason}}{{/cancellationReason}}',
      whatsapp: {
        body: ['orderNumber'],
        text: 'We cancelled your order #{{1}}. If you already paid, we will refund you to the same payment method. Questions? Message us here.',
      },
    },
    'return.requested': {
      subject: 'We received your return request for order #{{orderNumber}}',
      preview: 'Your return {{returnCode}} is being reviewed.',
      heading: 'We received your return request',
      paragraphs: [
        'Your return {{returnCode}} for order #{{orderNumber}} is being reviewed. We will let you know as soon as it is decided.{{#procedureCode}} Your withdrawal procedure code is {{procedureCode}}.{{/procedureCode}}',
      ],
      details: [{ label: 'Withdrawal procedure code', field: 'procedureCode' }],
      button: { label: 'View my order', field: 'orderUrl' },
      sms: '{{merchantName}}: we received your return request {{returnCode}} for order #{{orderNumber}}.{{#procedureCode}} Procedure code: {{procedureCode}}{{/procedureCode}}',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'We received the return request {{2}} for your order #{{1}}. We will let you know as soon as it is reviewed.',
      },
    },
    'return.approved': {
      subject: 'Your return {{returnCode}} for order #{{orderNumber}} is approved',
      preview: 'Your return code is {{returnCode}}.',
      heading: 'Your return is approved',
      paragraphs: [
        'We approved the return of your order #{{orderNumber}}. Its code is {{returnCode}}.',
        '{{#returnLabelUrl}}Download the label, print it and stick it on the package.{{#returnPickupDate}} We pick it up at your address on {{returnPickupDateText}}.{{/returnPickupDate}}{{^returnPickupDate}} Then drop it off{{#carrier}} with {{carrier}}{{/carrier}}.{{/returnPickupDate}}{{/returnLabelUrl}}{{^returnLabelUrl}}Bring the item{{#locationName}} to {{locationName}}{{/locationName}} and show the code {{returnCode}} at the counter.{{/returnLabelUrl}} We will let you know when it arrives.',
      ],
      details: [{ label: 'Withdrawal procedure code', field: 'procedureCode' }],
      button: { label: 'Download the label', field: 'returnLabelUrl' },
      sms: '{{merchantName}}: your return {{returnCode}} for order #{{orderNumber}} is approved.{{#returnLabelUrl}} Label: {{returnLabelUrl}}{{/returnLabelUrl}}{{#procedureCode}} Procedure code: {{procedureCode}}{{/procedureCode}}',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'We approved the return of your order #{{1}}. Your return code is {{2}}: show it when you hand the package over.',
      },
    },
    'return.rejected': {
      subject: 'We could not accept your return for order #{{orderNumber}}',
      preview: 'Your return {{returnCode}} was not approved.',
      heading: 'Your return was not approved',
      paragraphs: [
        'We looked at your return {{returnCode}} for order #{{orderNumber}} and could not accept it.',
        '{{#returnRejectionReason}}The reason: {{returnRejectionReason}}. {{/returnRejectionReason}}If you think this is a mistake, just reply to this email and we will look at it again.',
      ],
      details: [{ label: 'Reason', field: 'returnRejectionReason' }],
      button: { label: 'View my order', field: 'orderUrl' },
      sms: '{{merchantName}}: we could not accept your return {{returnCode}} for order #{{orderNumber}}.{{#returnRejectionReason}} Reason: {{returnRejectionReason}}{{/returnRejectionReason}}',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'We could not accept the return {{2}} of your order #{{1}}. If you think this is a mistake, message us here.',
      },
    },
    'return.received': {
      subject: 'We received your return {{returnCode}} for order #{{orderNumber}}',
      preview: 'We are checking the items now.',
      heading: 'Your return arrived',
      paragraphs: [
        'Your return {{returnCode}} for order #{{orderNumber}} arrived{{#locationName}} at {{locationName}}{{/locationName}}.',
        'We are checking the items; we will let you know when your refund is on its way.',
      ],
      button: { label: 'View my order', field: 'orderUrl' },
      sms: '{{merchantName}}: we received your return {{returnCode}} for order #{{orderNumber}}. We will let you know about your refund.',
      whatsapp: {
        body: ['orderNumber', 'returnCode'],
        text: 'Your return {{2}} for order #{{1}} arrived. We are checking the items and will let you know about your refund.',
      },
    },
    'refund.issued': {
      subject: 'We refunded {{refundAmountText}} for your order #{{orderNumber}}',
      preview: 'It may take a few business days to show up.',
      heading: 'Your refund is on its way',
      paragraphs: [
        'We refunded {{refundAmountText}} for your order #{{orderNumber}}.',
        'Depending on your payment method, it may take a few business days to show up in your account or on your card.',
      ],
      details: [{ label: 'Amount', field: 'refundAmountText' }],
      button: { label: 'View my order', field: 'orderUrl' },
      sms: '{{merchantName}}: we refunded {{refundAmountText}} for your order #{{orderNumber}}. It may take a few business days to show up.',
      whatsapp: {
        body: ['refundAmountText', 'orderNumber'],
        text: 'We refunded {{1}} for your order #{{2}}. Depending on your payment method, it may take a few business days to show up.',
      },
    },
  },
};
