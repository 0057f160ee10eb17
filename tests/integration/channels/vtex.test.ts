import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelTransientError } from '../../../src/engine/adapters/channels/http-client';
import { vtexAdapter, vtexBaseUrl } from '../../../src/engine/adapters/channels/vtex';
import { ChannelPayloadError } from '../../../src/engine/ports/channel.port';
import { fixture, inbound, testIo, vtexKit } from './kits';

/** VTEX: the order hook, then the order read from a loopback OMS speaking VTEX's format and errors. */
describe('VTEX connector', () => {
  const kit = vtexKit(vtexAdapter);
  beforeAll(() => kit.setup());
  afterAll(() => kit.teardown());
  const hook = (over: Record<string, unknown> = {}) => kit.request(JSON.stringify({ ...fixture('vtex-hook.json'), ...over }));
  const fail = (p: Promise<unknown>) =>
    p.then(
      () => new Error('expected a failure'),
      (e: unknown) => e,
    );

  it('fetches the order with the app key and token and maps it (cents, [lng, lat], alpha-3 country)', async () => {
    const before = kit.oms().requests.length;
    const [m] = await vtexAdapter.interpret(hook(), kit.account(), testIo());
    const call = kit.oms().requests[before]!;
    expect(call.path).toBe('/api/oms/pvt/orders/1482950503881-01');
    expect(call.headers['x-vtex-api-appkey']).toBe('vtexappkey-atalayademo-KQWXYZ');
    expect(call.headers['x-vtex-api-apptoken']).toBe('TOKEN-QWERTYUIOPASDFGHJKLZXCVBNM123456');
    if (m?.type !== 'order.upsert') throw new Error(`expected an upsert, got ${m?.type}`);
    expect(m.draft).toMatchObject({
      channel: 'vtex',
      externalId: '1482950503881-01',
      externalNumber: '503881',
      customer: { name: 'Sofía Ramírez', email: '5e3c1a9d2b7f4e60a1c8d9e0f1a2b3c4@ct.vtex.com.br', phone: '+5493414223344' },
      shipTo: {
        name: 'Sofía Ramírez',
        line1: 'Bv. Oroño 1450',
        line2: 'Piso 7 Dto A, Centro',
        city: 'Rosario',
        region: 'Santa Fe',
        postalCode: '2000',
        country: 'AR',
        lat: -32.95521,
        lng: -60.65092,
      },
      deliveryType: 'home_delivery',
      currency: 'ARS',
      lines: [
        {
          externalLineId: 'A1B2C3D4E5F6478899AABBCCDDEEFF00',
          channelSku: 'HEL-NF-364-INOX',
          quantity: 1,
          unitPrice: 170910,
          discountAmount: 18990,
        },
      ],
      shipping: { method: 'Envío Express', carrier: 'Andreani', amount: 11580 },
      promisedAt: '2026-11-27T21:00:00.000Z',
      totals: { subtotal: 189900, discount: 18990, tax: 0, total: 182490 },
      paymentStatus: 'paid',
      notes: 'Llamar antes de entregar',
    });
  });

  it('takes sellerSku when there is no refId, and maps pickup-in-point to store pickup', async () => {
    const order = fixture('vtex-order.json') as Record<string, unknown> & {
      items: Record<string, unknown>[];
      shippingData: { logisticsInfo: Record<string, unknown>[]; address: Record<string, unknown> };
    };
    order.items[0]!.refId = null;
    order.shippingData.logisticsInfo[0]!.selectedDeliveryChannel = 'pickup-in-point';
    order.shippingData.logisticsInfo[0]!.selectedSla = 'Retiro en tienda (ST-003)';
    order.shippingData.address.addressType = 'pickup';
    const { vtexOrderToDraft } = await import('../../../src/engine/adapters/channels/vtex-mapping');
    expect(vtexOrderToDraft(order)).toMatchObject({
      deliveryType: 'store_pickup',
      pickupLocation: '1_ST-003',
      shipTo: undefined,
      lines: [{ channelSku: '1027' }],
    });
  });

  it('401/403 are permanent and say to check the credentials; 404 is permanent', async () => {
    const e401 = await fail(
      vtexAdapter.interpret(hook(), { ...kit.account(), secrets: { ...kit.account().secrets, appToken: 'wrong' } }, testIo()),
    );
    expect(e401).toBeInstanceOf(ChannelPayloadError);
    expect((e401 as Error).message).toMatch(/refused our credentials \(401\).*appKey and appToken/);
    const e403 = await fail(
      vtexAdapter.interpret(
        hook(),
        { ...kit.account(), secrets: { ...kit.account().secrets, appKey: 'vtexappkey-atalayademo-READONLY' } },
        testIo(),
      ),
    );
    expect(e403).toBeInstanceOf(ChannelPayloadError);
    expect((e403 as Error).message).toMatch(/\(403\).*View order/);
    const e404 = await fail(vtexAdapter.interpret(hook({ OrderId: '999-01' }), kit.account(), testIo()));
    expect(e404).toBeInstanceOf(ChannelPayloadError);
    expect((e404 as Error).message).toMatch(/VTEX order 999-01: not found \(404\)/);
  });

  it('429 is transient and carries Retry-After; 5xx and an unreachable API are transient', async () => {
    kit.oms().rateLimitNext(1, 7);
    const e429 = await fail(vtexAdapter.interpret(hook(), kit.account(), testIo()));
    expect(e429).toBeInstanceOf(ChannelTransientError);
    expect((e429 as ChannelTransientError).retryAfterMs).toBe(7000);
    kit.oms().failNext(1);
    expect(await fail(vtexAdapter.interpret(hook(), kit.account(), testIo()))).toBeInstanceOf(ChannelTransientError);
    const down = { ...kit.account(), settings: { ...kit.account().settings, apiBaseUrl: 'http://127.0.0.1:9' } };
    expect(await fail(vtexAdapter.interpret(hook(), down, testIo()))).toBeInstanceOf(ChannelTransientError);
    // And the next call succeeds: nothing stuck.
    expect((await vtexAdapter.interpret(hook(), kit.account(), testIo()))[0]?.type).toBe('order.upsert');
  });

  it('a canceled order becomes a cancel', async () => {
    const canceled = { ...fixture('vtex-order.json'), orderId: '1482950503882-01', status: 'canceled' };
    const oms = await (
      await import('../../support/loopback/vtex-oms')
    ).startVtexOms({ appKey: 'k', appToken: 't', orders: { '1482950503882-01': canceled } });
    try {
      const account = {
        ...kit.account(),
        settings: { ...kit.account().settings, apiBaseUrl: oms.url },
        secrets: { hookKey: 'h', appKey: 'k', appToken: 't' },
      };
      expect(await vtexAdapter.interpret(hook({ OrderId: '1482950503882-01', State: 'canceled' }), account, testIo())).toEqual([
        { type: 'order.cancel', externalId: '1482950503882-01', reason: 'canceled in VTEX' },
      ]);
    } finally {
      await oms.close();
    }
  });

  it('accepts and ignores the hook ping; refuses another account; keys deliveries by order, state and change', async () => {
    const ping = inbound('{"hookConfig":"ping"}', { 'content-type': 'application/json' });
    expect(vtexAdapter.verify(ping, kit.account())).toMatchObject({ ok: true, topic: 'ping' });
    expect(await vtexAdapter.interpret(ping, kit.account(), testIo())).toEqual([
      { type: 'ignore', reason: 'VTEX hook configuration ping' },
    ]);
    expect(vtexAdapter.verify(hook({ Origin: { Account: 'otracuenta', Key: 'x' } }), kit.account())).toMatchObject({
      ok: false,
      status: 401,
      reason: expect.stringMatching(/otracuenta/),
    });
    expect(vtexAdapter.verify(hook(), kit.account())).toEqual({
      ok: true,
      dedupeKey: 'vtex:1482950503881-01:ready-for-handling:2026-11-24T13:06:40.0965893Z',
      topic: 'order.ready-for-handling',
    });
    expect(vtexAdapter.verify(kit.request('{"OrderId":1}'), kit.account())).toMatchObject({ ok: false, status: 400 });
  });

  it('builds the OMS base URL from account and environment unless overridden', () => {
    const a = { ...kit.account(), settings: { account: 'mitienda' } };
    expect(vtexBaseUrl(a)).toBe('https://mitienda.vtexcommercestable.com.br');
    expect(vtexBaseUrl({ ...a, settings: { account: 'mitienda', environment: 'myvtex' } })).toBe('https://mitienda.myvtex.com.br');
    expect(() => vtexBaseUrl({ ...a, settings: {} })).toThrow(/no account setting/);
    expect(() => vtexBaseUrl({ ...a, settings: { account: 'mitienda', environment: 'evil.example/x#' } })).toThrow(
      /environment .* letters, digits and dashes/,
    );
  });

  it('the hook is not signed: its State never cancels, only the order as the OMS returns it does; the hook key is redacted', async () => {
    // A notification claiming the order was canceled, for an order the OMS says is ready for handling.
    const [m] = await vtexAdapter.interpret(hook({ State: 'canceled', LastState: 'ready-for-handling' }), kit.account(), testIo());
    expect(m?.type).toBe('order.upsert');
    expect(vtexAdapter.secretHeaders?.(kit.account())).toEqual(['x-atalaya-hook-key']);
    expect(vtexAdapter.secretHeaders?.({ ...kit.account(), settings: { ...kit.account().settings, hookHeader: 'X-Mi-Clave' } })).toEqual([
      'X-Mi-Clave',
    ]);
  });
});
