import type { NotificationMessage } from '../../../shared';

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
