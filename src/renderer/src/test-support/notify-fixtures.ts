import type { NotificationMessage, NotificationTemplateInput, TemplatePreview, TemplateSummary, WebhookEndpoint } from '../../../shared';

export const ORDER = '7d3c1f6e-2b1a-4c3d-9e8f-0a1b2c3d4e5f';
export const M1 = '11111111-1111-4111-8111-111111111111';
export const M2 = '22222222-2222-4222-8222-222222222222';

/** A customer message as the engine answers it (sent by e-mail, in Spanish), with the fields a test changes. */
export const aMessage = (over: Partial<NotificationMessage> = {}): NotificationMessage => ({
  id: M1,
  event: 'shipment.shipped',
  orderId: ORDER,
  orderNumber: 1042,
  shipmentId: null,
  channel: 'email',
  recipient: 'lucia@example.com',
  locale: 'es-AR',
  status: 'sent',
  reason: null,
  attempts: 1,
  nextAttemptAt: null,
  subject: 'Tu pedido #1042 está en camino',
  preview: 'Hola Lucía, tu pedido salió.',
  createdAt: '2026-01-05T10:00:00Z',
  sentAt: '2026-01-05T10:00:02Z',
  ...over,
});

/** A notification template as the editor holds it (the es-AR "order confirmed", shortened). */
export const aTemplate = (over: Partial<NotificationTemplateInput> = {}): NotificationTemplateInput => ({
  event: 'order.confirmed',
  locale: 'es-AR',
  email: {
    subject: '¡Recibimos tu pedido #{{orderNumber}}!',
    mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Hola {{customerFirstName}}</mj-text></mj-column></mj-section></mj-body></mjml>',
    text: 'Recibimos tu pedido #{{orderNumber}}.',
  },
  sms: '{{merchantName}}: recibimos tu pedido #{{orderNumber}}.',
  whatsapp: { name: 'order_confirmed', language: 'es_AR', body: ['orderNumber', 'merchantName'], text: 'Pedido #{{1}} en {{2}}.' },
  ...over,
});

/** The template in effect for an event and locale, as `notifications.template` answers it (Atalaya's default unless told). */
export const anOpenedTemplate = (
  over: Partial<TemplateSummary> = {},
  template: NotificationTemplateInput = aTemplate(),
): TemplateSummary & { template: NotificationTemplateInput } => ({
  event: template.event,
  locale: template.locale,
  source: 'default',
  version: null,
  updatedAt: null,
  updatedBy: null,
  ...over,
  template,
});

/** A preview as `notifications.previewTemplate` answers it (an e-mail of the sample order unless told). */
export const aPreview = (over: Partial<TemplatePreview> = {}): TemplatePreview => ({
  channel: 'email',
  subject: '¡Recibimos tu pedido #1042!',
  html: '<html><body><p>Hola Lucía</p></body></html>',
  text: 'Recibimos tu pedido #1042.',
  sms: null,
  whatsapp: null,
  orderNumber: null,
  sampled: [],
  ...over,
});

/** A merchant webhook endpoint as `notifications.endpoints` answers it. */
export const anEndpoint = (over: Partial<WebhookEndpoint> = {}): WebhookEndpoint => ({
  id: 'erp-main',
  url: 'https://erp.tienda.example/hooks/atalaya',
  events: ['order.confirmed', 'shipment.shipped'],
  enabled: true,
  disabledReason: null,
  updatedAt: '2026-01-05T10:00:00Z',
  ...over,
});

/** A webhook delivery as the delivery log answers it (sent to erp-main). */
export const aDelivery = (over: Partial<NotificationMessage> = {}): NotificationMessage =>
  aMessage({
    channel: 'webhook',
    recipient: 'erp-main',
    event: 'order.confirmed',
    subject: null,
    preview: '{"event":"order.confirmed","order":{"number":1042}}',
    ...over,
  });
