import { describe, expect, it } from 'vitest';
import type { WhatsAppStatusUpdate } from '../../../adapters/notify/whatsapp-webhook';
import { receiptOf } from './apply-whatsapp-statuses';

const status = (over: Partial<WhatsAppStatusUpdate>): WhatsAppStatusUpdate => ({
  wamid: 'wamid.A',
  status: 'delivered',
  at: new Date('2023-11-14T22:13:20Z'),
  recipientId: '5491155550000',
  callbackData: 'order.confirmed:o-1:whatsapp',
  errors: [],
  ...over,
});

describe('WhatsApp statuses as delivery receipts', () => {
  it('a sent status is no receipt: the message was recorded sent when Meta accepted it', () => {
    expect(receiptOf(status({ status: 'sent' }))).toBeNull();
  });

  it('delivered and read are both delivered, at Meta’s time, with Meta’s words for the log', () => {
    expect(receiptOf(status({}))).toEqual({
      providerId: 'wamid.A',
      key: 'order.confirmed:o-1:whatsapp',
      outcome: 'delivered',
      at: new Date('2023-11-14T22:13:20Z'),
      reason: null,
      reply: 'WhatsApp delivered 2023-11-14T22:13:20.000Z to 5491155550000',
    });
    expect(receiptOf(status({ status: 'read', callbackData: null }))).toMatchObject({
      outcome: 'delivered',
      key: null,
      reply: expect.stringMatching(/^WhatsApp read /),
    });
  });

  it('failed carries the error’s code, title and details as the reason', () => {
    const r = receiptOf(
      status({
        status: 'failed',
        errors: [{ code: 131026, title: 'Message undeliverable', message: null, details: 'not a WhatsApp user' }],
      }),
    );
    expect(r).toMatchObject({
      outcome: 'failed',
      reason: 'WhatsApp could not deliver it: 131026 Message undeliverable: not a WhatsApp user',
      reply: expect.stringContaining('131026 Message undeliverable'),
    });
  });
});
