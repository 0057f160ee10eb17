import { describe, expect, it } from 'vitest';
import { ChannelPayloadError, type ChannelAccount, type InboundRequest } from '../../ports/channel.port';
import { hashApiKey } from '../crypto/secret-box';
import { redactHeaders } from '../../modules/channels/inbox.store';
import { presentedApiKey, restApiAdapter } from './rest-api';

const account: ChannelAccount = { id: 'ch_1', kind: 'api', name: 'ERP', settings: {}, secrets: { apiKeyHash: hashApiKey('atk_good') } };
const req = (over: Partial<InboundRequest> = {}): InboundRequest => ({
  method: 'POST',
  path: '/orders',
  headers: { authorization: 'Bearer atk_good' },
  rawBody: Buffer.from('{}'),
  receivedAt: new Date(),
  ...over,
});
const io = { fetch, saveSecrets: async () => undefined, now: () => new Date() };

describe('the REST channel adapter', () => {
  it('reads the key from Authorization: Bearer or X-Api-Key', () => {
    expect(presentedApiKey({ authorization: 'Bearer  k1 ' })).toBe('k1');
    expect(presentedApiKey({ 'x-api-key': 'k2' })).toBe('k2');
    expect(presentedApiKey({ authorization: 'Basic abc' })).toBeUndefined();
  });

  it('verifies the key and names a dedupe key and topic', () => {
    expect(restApiAdapter.verify(req(), account)).toMatchObject({ ok: true, topic: 'order.upsert' });
    expect(restApiAdapter.verify(req({ headers: { 'x-api-key': 'atk_good', 'idempotency-key': 'k-1' } }), account)).toMatchObject({
      ok: true,
      dedupeKey: 'key:k-1',
    });
    expect(restApiAdapter.verify(req({ headers: { authorization: 'Bearer atk_bad' } }), account)).toMatchObject({ ok: false, status: 401 });
    expect(restApiAdapter.verify(req({ headers: {} }), account)).toMatchObject({ ok: false, status: 401 });
    expect(restApiAdapter.verify(req({ path: '/orders/A-1/cancel' }), account)).toMatchObject({ ok: true, topic: 'order.cancel' });
    expect(restApiAdapter.verify(req({ path: '/nope' }), account)).toMatchObject({ ok: false, status: 400 });
  });

  it('interprets the canonical order shape and a cancel; a bad body is a payload error with field issues', async () => {
    const body = {
      externalId: 'A-1',
      customer: { name: 'Ana' },
      shipTo: { line1: 'x', city: 'Rosario', country: 'ar' },
      lines: [{ sku: 'SKU-1', quantity: 2 }],
    };
    const [m] = await restApiAdapter.interpret(req({ rawBody: Buffer.from(JSON.stringify(body)) }), account, io);
    expect(m).toMatchObject({
      type: 'order.upsert',
      draft: {
        channel: 'api',
        externalId: 'A-1',
        currency: 'ARS',
        lines: [{ channelSku: 'SKU-1', quantity: 2 }],
        shipTo: { country: 'AR' },
      },
    });
    expect(
      await restApiAdapter.interpret(req({ path: '/orders/A%2F1/cancel', rawBody: Buffer.from('{"reason":"dup"}') }), account, io),
    ).toEqual([{ type: 'order.cancel', externalId: 'A/1', reason: 'dup' }]);
    await expect(restApiAdapter.interpret(req({ rawBody: Buffer.from('{"externalId":') }), account, io)).rejects.toBeInstanceOf(
      ChannelPayloadError,
    );
    await expect(restApiAdapter.interpret(req({ rawBody: Buffer.from('{"externalId":"x"}') }), account, io)).rejects.toMatchObject({
      issues: expect.arrayContaining([{ path: 'customer', message: expect.any(String) }]),
    });
  });

  it('redacts credentials and signatures from stored headers, and the secret headers an adapter names', () => {
    expect(
      redactHeaders(
        {
          Authorization: 'Bearer x',
          'X-Api-Key': 'k',
          'X-Shopify-Access-Token': 't',
          'x-shopify-hmac-sha256': 'sig',
          'x-wc-webhook-signature': 'sig',
          'x-atalaya-hook-key': 'k',
          'X-My-Hook': 'k',
          'x-shopify-topic': 'orders/create',
          accept: ['a', 'b'],
        },
        ['x-my-hook'],
      ),
    ).toEqual({
      authorization: '[redacted]',
      'x-api-key': '[redacted]',
      'x-shopify-access-token': '[redacted]',
      'x-shopify-hmac-sha256': '[redacted]',
      'x-wc-webhook-signature': '[redacted]',
      'x-atalaya-hook-key': '[redacted]',
      'x-my-hook': '[redacted]',
      'x-shopify-topic': 'orders/create',
      accept: 'a, b',
    });
  });

  it('refuses a cancel path whose percent-encoding is malformed or decodes to unstorable text, naming the path', async () => {
    const key = 'atk_good';
    for (const path of ['/orders/%E0%A4%A/cancel', '/orders/%00/cancel', '/orders/%ED%A0%80/cancel']) {
      const r = req({ path, headers: { 'x-api-key': key } });
      expect(restApiAdapter.verify(r, account)).toMatchObject({ ok: false, status: 400, issues: [{ path: 'path' }] });
      await expect(restApiAdapter.interpret(r, account, io)).rejects.toMatchObject({ issues: [{ path: 'path' }] });
    }
    // Decoded once: %2F and %25 are part of the id.
    const ok = req({ path: '/orders/A%2FB%2541/cancel', headers: { 'x-api-key': key } });
    expect(restApiAdapter.verify(ok, account)).toMatchObject({ ok: true, topic: 'order.cancel' });
    expect(await restApiAdapter.interpret(ok, account, io)).toEqual([
      { type: 'order.cancel', externalId: 'A/B%41', reason: 'cancelled by the channel' },
    ]);
  });
});
