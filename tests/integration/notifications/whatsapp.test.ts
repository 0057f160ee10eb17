import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WhatsAppNotifier, type WhatsAppConfig } from '../../../src/engine/adapters/notify/whatsapp.notifier';
import type { WhatsAppMessage } from '../../../src/engine/ports/notifier.port';
import { startWhatsAppServer, type WhatsAppServer } from '../../support/notify/whatsapp-server';
import { notifierFailure } from './conformance';

/**
 * The WhatsApp provider beyond the conformance suite: the request as the Cloud API documents it,
 * field for field, and Meta's error codes mapped by code (not by HTTP status, which is 400 for a
 * throughput limit and a bad parameter alike).
 */

let server: WhatsAppServer;
const providers: WhatsAppNotifier[] = [];

const provider = (over: Partial<WhatsAppConfig> = {}) => {
  const p = new WhatsAppNotifier({
    channel: 'whatsapp',
    baseUrl: server.url,
    apiVersion: server.apiVersion,
    phoneNumberId: server.phoneNumberId,
    accessToken: server.token,
    ...over,
  });
  providers.push(p);
  return p;
};

let n = 0;
const message = (over: Partial<WhatsAppMessage> = {}): WhatsAppMessage => ({
  channel: 'whatsapp',
  key: `shipment.shipped:S-${++n}:v1:whatsapp`,
  to: '+5491155550000',
  template: {
    name: 'shipment_shipped',
    language: 'es_AR',
    components: [
      { type: 'header', parameters: [{ type: 'text', text: 'Tienda' }] },
      {
        type: 'body',
        parameters: [
          { type: 'text', text: 'Ana' },
          { type: 'text', text: `S-${n}` },
        ],
      },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: `S-${n}` }] },
    ],
  },
  ...over,
});

beforeAll(async () => {
  server = await startWhatsAppServer({ shipment_shipped: { languages: ['es_AR', 'pt_BR'], bodyParams: 2 } });
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.close()));
});
afterAll(async () => {
  await server.close();
});

describe('WhatsApp Cloud API provider', () => {
  it('posts the template message exactly as the Cloud API documents it', async () => {
    const m = message();
    const receipt = await provider().send(m);
    const req = server.http.requests.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/v21.0/${server.phoneNumberId}/messages`);
    expect(req.headers.authorization).toBe(`Bearer ${server.token}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+5491155550000',
      type: 'template',
      template: { name: 'shipment_shipped', language: { code: 'es_AR' }, components: m.template.components },
      biz_opaque_callback_data: m.key,
    });
    const sent = server.sent.at(-1)!;
    expect(receipt.providerId).toBe(sent.id);
    expect(receipt.providerId).toMatch(/^wamid\./);
  });

  it('a template that does not exist is failed (132001), with Meta’s details', async () => {
    const e = await notifierFailure(provider().send(message({ template: { ...message().template, name: 'no_such_template' } })));
    expect(e.kind).toBe('failed');
    expect(e.reply).toMatch(/code 132001/);
    expect(e.reply).toContain('no_such_template');
  });

  it('a wrong parameter count is failed (132000)', async () => {
    const m = message();
    const body = m.template.components.find((c) => c.type === 'body')!;
    body.parameters = body.parameters.slice(0, 1);
    const e = await notifierFailure(provider().send(m));
    expect(e.kind).toBe('failed');
    expect(e.reply).toMatch(/code 132000/);
  });

  it('throughput limits are retry and honour Retry-After', async () => {
    for (const code of [130429, 131048, 131056, 80007]) {
      server.failNext({ status: 400, code, message: 'Rate limit hit', retryAfterS: 30 });
      const e = await notifierFailure(provider().send(message()));
      expect(e.kind, `code ${code}`).toBe('retry');
      expect(e.retryAfterMs, `code ${code}`).toBe(30_000);
      expect(e.httpStatus).toBe(400);
    }
    server.failNext({ status: 429, code: 4, message: 'Application request limit reached' });
    const noHeader = await notifierFailure(provider().send(message()));
    expect(noHeader.kind).toBe('retry');
    expect(noHeader.retryAfterMs).toBeUndefined();
  });

  it('Meta’s own failures are retry (131000, 2 and a bare 5xx)', async () => {
    server.failNext({ status: 500, code: 131000, message: 'Something went wrong' });
    expect((await notifierFailure(provider().send(message()))).kind).toBe('retry');
    server.failNext({ status: 503, code: 2, message: 'Service temporarily unavailable' });
    expect((await notifierFailure(provider().send(message()))).kind).toBe('retry');
  });

  it('recipient failures are undeliverable (131026, 131030), for that recipient only', async () => {
    server.failFor('+5491166660000', { status: 400, code: 131030, message: 'Recipient phone number not in allowed list' });
    const e = await notifierFailure(provider().send(message({ to: '+5491166660000' })));
    expect(e.kind).toBe('undeliverable');
    expect(e.reply).toMatch(/code 131030/);
    server.notOnWhatsApp.add('+5491177770000');
    expect((await notifierFailure(provider().send(message({ to: '+5491177770000' })))).kind).toBe('undeliverable');
    await provider().send(message());
  });

  it('token and permission problems are config (190, 10, 200)', async () => {
    const expired = await notifierFailure(provider({ accessToken: 'EAAexpired' }).send(message()));
    expect(expired.kind).toBe('config');
    expect(expired.reply).toMatch(/code 190/);
    expect(expired.message).not.toContain('EAAexpired');
    for (const [status, code] of [
      [403, 10],
      [403, 200],
    ] as const) {
      server.failNext({ status, code, message: 'Permission denied' });
      expect((await notifierFailure(provider().send(message()))).kind, `code ${code}`).toBe('config');
    }
  });

  it('a phone number id Meta does not know (100/33) is config', async () => {
    const e = await notifierFailure(provider({ phoneNumberId: '999' }).send(message()));
    expect(e.kind).toBe('config');
    expect(e.reply).toMatch(/code 100\/33/);
    expect(e.message).toMatch(/phone number id/);
  });

  it('an invalid parameter (100) is failed', async () => {
    server.failNext({ status: 400, code: 100, message: 'Invalid parameter', details: 'Parameter name is missing' });
    expect((await notifierFailure(provider().send(message()))).kind).toBe('failed');
  });

  it('a very long key travels as its hash (Meta keeps 512 characters)', async () => {
    const m = message({ key: 'k'.repeat(600) });
    await provider().send(m);
    expect(server.sent.at(-1)!.key).toMatch(/^[0-9a-f]{64}$/);
  });
});
