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

  it('redacts credentials from stored headers', () => {
    expect(
      redactHeaders({
        Authorization: 'Bearer x',
        'X-Api-Key': 'k',
        'X-Shopify-Access-Token': 't',
        'x-shopify-hmac-sha256': 'sig',
        accept: ['a', 'b'],
      }),
    ).toEqual({
      authorization: '[redacted]',
      'x-api-key': '[redacted]',
      'x-shopify-access-token': '[redacted]',
      'x-shopify-hmac-sha256': 'sig',
      accept: 'a, b',
    });
  });
});

describe('inbox text', () => {
  it('NUL characters in reasons become storable', async () => {
    const { storable } = await import('../../modules/channels/inbox.store');
    expect(storable('a\u0000b')).toBe('a\uFFFDb');
    expect(storable('plain')).toBe('plain');
  });
});
