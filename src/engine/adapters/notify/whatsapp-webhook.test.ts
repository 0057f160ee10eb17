import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { failureText, parseWhatsAppStatuses, signWhatsAppWebhook, verifyTokenMatches, verifyWhatsAppSignature } from './whatsapp-webhook';

const SECRET = 'app-secret-0123456789abcdef';
const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [] }], note: 'entregado ✔' });

const payload = (statuses: unknown[], extra: Record<string, unknown>[] = []) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        ...extra,
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
            statuses,
          },
        },
      ],
    },
  ],
});

describe('WhatsApp webhook signature (X-Hub-Signature-256)', () => {
  it('is "sha256=" and the hex HMAC-SHA256 of the raw body keyed with the app secret', () => {
    const hex = createHmac('sha256', SECRET).update(body).digest('hex');
    expect(signWhatsAppWebhook(SECRET, body)).toBe(`sha256=${hex}`);
    expect(signWhatsAppWebhook(SECRET, Buffer.from(body))).toBe(`sha256=${hex}`);
  });

  it('accepts Meta’s signature of the exact bytes, in either case of hex', () => {
    const header = signWhatsAppWebhook(SECRET, body);
    expect(verifyWhatsAppSignature(SECRET, header, Buffer.from(body))).toBe(true);
    expect(verifyWhatsAppSignature(SECRET, header.toUpperCase().replace('SHA256=', 'sha256='), body)).toBe(true);
  });

  it('refuses another secret, other bytes, a re-serialised body, and malformed or missing headers', () => {
    const header = signWhatsAppWebhook(SECRET, body);
    expect(verifyWhatsAppSignature('another-secret', header, body)).toBe(false);
    expect(verifyWhatsAppSignature(SECRET, header, body.replace('✔', '✗'))).toBe(false);
    expect(verifyWhatsAppSignature(SECRET, header, JSON.stringify(JSON.parse(body), null, 1))).toBe(false);
    expect(verifyWhatsAppSignature(SECRET, header.replace('sha256=', 'sha1='), body)).toBe(false);
    expect(verifyWhatsAppSignature(SECRET, header.slice(0, -2), body)).toBe(false);
    expect(verifyWhatsAppSignature(SECRET, undefined, body)).toBe(false);
    expect(verifyWhatsAppSignature(SECRET, '', body)).toBe(false);
    expect(verifyWhatsAppSignature('', signWhatsAppWebhook('', body), body)).toBe(false);
  });
});

describe('WhatsApp verify token', () => {
  it('matches only the very token, whatever the lengths', () => {
    expect(verifyTokenMatches('tok-123', 'tok-123')).toBe(true);
    expect(verifyTokenMatches('tok-123', 'tok-124')).toBe(false);
    expect(verifyTokenMatches('tok-123', 'tok-1234')).toBe(false);
    expect(verifyTokenMatches('tok-123', undefined)).toBe(false);
    expect(verifyTokenMatches('', '')).toBe(false);
  });
});

describe('WhatsApp status payloads', () => {
  it('reads each status with its wamid, time, recipient, callback data and errors', () => {
    const r = parseWhatsAppStatuses(
      payload([
        { id: 'wamid.A', status: 'delivered', timestamp: '1700000000', recipient_id: '5491155550000', biz_opaque_callback_data: 'k1' },
        {
          id: 'wamid.B',
          status: 'failed',
          timestamp: 1700000060,
          recipient_id: '5491155550001',
          errors: [
            { code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'not on WhatsApp' } },
          ],
        },
      ]),
    );
    expect(r).toEqual({
      ok: true,
      skipped: 0,
      statuses: [
        {
          wamid: 'wamid.A',
          status: 'delivered',
          at: new Date('2023-11-14T22:13:20Z'),
          recipientId: '5491155550000',
          callbackData: 'k1',
          errors: [],
        },
        {
          wamid: 'wamid.B',
          status: 'failed',
          at: new Date('2023-11-14T22:14:20Z'),
          recipientId: '5491155550001',
          callbackData: null,
          errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', details: 'not on WhatsApp' }],
        },
      ],
    });
  });

  it('passes over inbound messages, other fields and statuses it does not act on', () => {
    const r = parseWhatsAppStatuses(
      payload(
        [
          { id: 'wamid.C', status: 'deleted', timestamp: '1700000000' },
          { id: 'wamid.D', status: 'read', timestamp: '1700000000' },
        ],
        [{ field: 'message_template_status_update', value: { event: 'APPROVED', message_template_name: 'order_confirmed' } }],
      ),
    );
    expect(r).toMatchObject({ ok: true, skipped: 1, statuses: [{ wamid: 'wamid.D', status: 'read' }] });
    const inbound = payload([]);
    (inbound.entry[0]!.changes[0] as { value: Record<string, unknown> }).value = { messages: [{ from: '5491155550000', id: 'wamid.X' }] };
    expect(parseWhatsAppStatuses(inbound)).toEqual({ ok: true, statuses: [], skipped: 0 });
  });

  it('names the field that is not as Meta documents it', () => {
    expect(parseWhatsAppStatuses({ object: 'page', entry: [] })).toMatchObject({ ok: false, path: 'object' });
    expect(parseWhatsAppStatuses([])).toMatchObject({ ok: false, path: '(body)' });
    expect(parseWhatsAppStatuses({ object: 'whatsapp_business_account' })).toMatchObject({ ok: false, path: 'entry' });
    expect(parseWhatsAppStatuses(payload([{ id: 'wamid.E', status: 'sent', timestamp: 'yesterday' }]))).toEqual({
      ok: false,
      path: 'entry[0].changes[0].value.statuses[0].timestamp',
      message: expect.stringMatching(/Unix seconds/),
    });
    expect(parseWhatsAppStatuses(payload([{ status: 'sent', timestamp: '1' }]))).toMatchObject({
      ok: false,
      path: 'entry[0].changes[0].value.statuses[0].id',
    });
  });

  it('puts Meta’s errors in words for the message’s reason', () => {
    expect(failureText([{ code: 131026, title: 'Message undeliverable', message: null, details: 'Unable to deliver message' }])).toBe(
      '131026 Message undeliverable: Unable to deliver message',
    );
    expect(failureText([{ code: 131047, title: null, message: 'Re-engagement message', details: 'Re-engagement message' }])).toBe(
      '131047 Re-engagement message',
    );
    expect(failureText([])).toMatch(/without a reason/);
  });
});
