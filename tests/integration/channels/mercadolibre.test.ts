import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelTransientError } from '../../../src/engine/adapters/channels/http-client';
import { mercadolibreAdapter } from '../../../src/engine/adapters/channels/mercadolibre';
import { type ChannelAccount, ChannelPayloadError } from '../../../src/engine/ports/channel.port';
import { fixture, mercadolibreKit, testIo } from './kits';

/** Mercado Libre: orders_v2 notifications, then the order and shipment from a loopback ML API with OAuth refresh. */
describe('Mercado Libre connector', () => {
  const kit = mercadolibreKit(mercadolibreAdapter);
  beforeAll(() => kit.setup());
  afterAll(() => kit.teardown());
  const note = (over: Record<string, unknown> = {}) =>
    kit.request(JSON.stringify({ ...fixture('mercadolibre-notification.json'), ...over }));
  const fail = (p: Promise<unknown>) =>
    p.then(
      () => new Error('expected a failure'),
      (e: unknown) => e,
    );
  /** The account as the registry would hold it after saving what the adapter rotated. */
  const withSaved = (a: ChannelAccount, saved: Record<string, string>[]): ChannelAccount => ({
    ...a,
    secrets: Object.assign({}, a.secrets, ...saved) as Record<string, string>,
  });

  it('refreshes a missing token, saves both rotated tokens, reads order and shipment, and maps them', async () => {
    // No access token yet (another case may have left a valid one behind).
    kit.api().expireAccessToken();
    const io = testIo();
    const [m] = await mercadolibreAdapter.interpret(note(), kit.account(), io);
    expect(io.saved).toHaveLength(1);
    expect(io.saved[0]).toEqual({ accessToken: kit.api().tokens().accessToken, refreshToken: kit.api().tokens().refreshToken });
    const paths = kit.api().requests.map((r) => `${r.method} ${r.path}`);
    expect(paths.slice(-3)).toEqual(['POST /oauth/token', 'GET /orders/2000009876543210', 'GET /shipments/44123456789']);
    if (m?.type !== 'order.upsert') throw new Error(`expected an upsert, got ${m?.type}`);
    expect(m.draft).toMatchObject({
      channel: 'mercadolibre',
      externalId: '2000009876543210',
      externalNumber: '2000005432109876',
      placedAt: '2026-11-24T15:19:58.000Z',
      customer: { name: 'Valentina Giménez' },
      shipTo: {
        name: 'Valentina Giménez',
        line1: 'Av. Colón 1870',
        line2: 'Departamento 2 C, La Perla',
        city: 'Mar del Plata',
        region: 'Buenos Aires',
        postalCode: '7600',
        country: 'AR',
        phone: '02234567890',
        lat: -37.99721,
        lng: -57.54886,
      },
      currency: 'ARS',
      lines: [{ externalLineId: 'MLA1456789012', channelSku: 'AUR-BT-NC-NEG', quantity: 2, unitPrice: 22999, discountAmount: 6000 }],
      shipping: { method: 'Normal a domicilio', carrier: 'cross_docking' },
      totals: { total: 45998 },
      paymentStatus: 'paid',
      tags: ['paid', 'not_delivered', 'pack:2000005432109876', 'shipment:44123456789'],
    });
  });

  it('on 401 refreshes once and retries; the old refresh token is then refused by ML', async () => {
    const io1 = testIo();
    await mercadolibreAdapter.interpret(note(), kit.account(), io1);
    const stale = withSaved(kit.account(), io1.saved);
    kit.api().expireAccessToken();
    const io2 = testIo();
    const [m] = await mercadolibreAdapter.interpret(note(), stale, io2);
    expect(m?.type).toBe('order.upsert');
    expect(io2.saved).toHaveLength(1);
    expect(io2.saved[0]!.refreshToken).not.toBe(stale.secrets.refreshToken);
    // Had the rotated refresh token not been saved, the next refresh (here from another engine
    // node, which does not share this process's rotations) would fail for good:
    kit.api().expireAccessToken();
    const e = await fail(mercadolibreAdapter.interpret(note(), { ...stale, id: 'ch-ml-seen-from-another-node' }, testIo()));
    expect(e).toBeInstanceOf(ChannelPayloadError);
    expect((e as Error).message).toMatch(/refused the token refresh.*invalid_grant|refused the token refresh.*Re-authorize/s);
  });

  it('workers refreshing the same channel at once share one refresh (ML accepts a refresh token once)', async () => {
    kit.api().expireAccessToken();
    const account = kit.account();
    const before = kit.api().requests.filter((r) => r.path === '/oauth/token').length;
    const ios = [testIo(), testIo(), testIo(), testIo()];
    const results = await Promise.all(ios.map((io) => mercadolibreAdapter.interpret(note(), account, io)));
    expect(results.map((r) => r[0]?.type)).toEqual(['order.upsert', 'order.upsert', 'order.upsert', 'order.upsert']);
    expect(kit.api().requests.filter((r) => r.path === '/oauth/token').length - before).toBe(1);
    expect(ios.flatMap((io) => io.saved)).toHaveLength(1);
  });

  it("429 is transient with Retry-After; 404 is permanent; another seller's order is a credentials error", async () => {
    const io = testIo();
    await mercadolibreAdapter.interpret(note(), kit.account(), io);
    kit.api().rateLimitNext(1, 30);
    const e429 = await fail(mercadolibreAdapter.interpret(note(), kit.account(), testIo()));
    expect(e429).toBeInstanceOf(ChannelTransientError);
    expect((e429 as ChannelTransientError).retryAfterMs).toBe(30_000);
    const e404 = await fail(mercadolibreAdapter.interpret(note({ resource: '/orders/2000000000000001' }), kit.account(), testIo()));
    expect(e404).toBeInstanceOf(ChannelPayloadError);
    expect((e404 as Error).message).toMatch(/not found \(404\)/);
  });

  it('a cancelled order becomes a cancel without reading its shipment', async () => {
    const order = fixture('mercadolibre-order.json');
    const { startMercadoLibreApi } = await import('../../support/loopback/mercadolibre-api');
    const api = await startMercadoLibreApi({
      clientId: '5503910054141466',
      clientSecret: 's',
      sellerId: '412345678',
      refreshToken: 'r',
      accessToken: 'a',
      orders: { '2000009876543210': { ...order, status: 'cancelled' } },
      shipments: {},
    });
    try {
      const account = {
        ...kit.account(),
        settings: { ...kit.account().settings, apiBaseUrl: api.url },
        secrets: { clientSecret: 's', refreshToken: 'r', accessToken: 'a' },
      };
      expect(await mercadolibreAdapter.interpret(note(), account, testIo())).toEqual([
        { type: 'order.cancel', externalId: '2000009876543210', reason: 'cancelled in Mercado Libre' },
      ]);
      expect(api.requests.map((r) => r.path)).toEqual(['/orders/2000009876543210']);
    } finally {
      await api.close();
    }
  });

  it('ignores other topics, refuses a resource that is not an order, and names an item without seller_sku', async () => {
    expect(await mercadolibreAdapter.interpret(note({ topic: 'questions', resource: '/questions/123' }), kit.account(), testIo())).toEqual([
      { type: 'ignore', reason: expect.stringMatching(/questions/) },
    ]);
    const e = await fail(mercadolibreAdapter.interpret(note({ resource: '/items/MLA1' }), kit.account(), testIo()));
    expect(e).toBeInstanceOf(ChannelPayloadError);
    const { mlOrderToDraft } = await import('../../../src/engine/adapters/channels/mercadolibre-mapping');
    const order = fixture('mercadolibre-order.json') as { order_items: { item: Record<string, unknown> }[] };
    order.order_items[0]!.item.seller_sku = null;
    expect(() => mlOrderToDraft(order, undefined)).toThrow(
      /item 1 \("Auriculares Inalámbricos Bluetooth Cancelación De Ruido"\) has no seller_sku/,
    );
  });

  it('verifies application and seller; de-duplicates by _id, else resource and sent', () => {
    const a = kit.account();
    expect(mercadolibreAdapter.verify(note(), a)).toEqual({
      ok: true,
      dedupeKey: 'mercadolibre:d5b2c1a0-7f3e-4b9d-8c6a-1e2f3a4b5c6d',
      topic: 'orders_v2',
    });
    expect(mercadolibreAdapter.verify(note({ _id: null }), a)).toMatchObject({
      ok: true,
      dedupeKey: 'mercadolibre:/orders/2000009876543210:2026-11-24T14:20:05.117Z',
    });
    expect(mercadolibreAdapter.verify(note({ application_id: 42 }), a)).toMatchObject({
      ok: false,
      status: 401,
      reason: expect.stringMatching(/application 42/),
    });
    expect(mercadolibreAdapter.verify(note({ user_id: 42 }), a)).toMatchObject({
      ok: false,
      status: 401,
      reason: expect.stringMatching(/seller 42/),
    });
    expect(mercadolibreAdapter.verify(kit.request('[]'), a)).toMatchObject({ ok: false, status: 400 });
  });

  it('the notification is not signed: only the order as the API returns it decides a cancel', async () => {
    // Nothing in a notification says "cancelled": a forged one can only make us read a real order of our seller.
    const order = fixture('mercadolibre-order.json') as Record<string, unknown> & { shipping: { id: number } };
    const { startMercadoLibreApi } = await import('../../support/loopback/mercadolibre-api');
    const api = await startMercadoLibreApi({
      clientId: '5503910054141466',
      clientSecret: 's',
      sellerId: '412345678',
      refreshToken: 'r',
      accessToken: 'a',
      orders: { '2000009876543210': order },
      shipments: { [String(order.shipping.id)]: fixture('mercadolibre-shipment.json') },
    });
    try {
      const account = {
        ...kit.account(),
        settings: { ...kit.account().settings, apiBaseUrl: api.url },
        secrets: { clientSecret: 's', refreshToken: 'r', accessToken: 'a' },
      };
      const forged = note({ _id: 'forged-1', attempts: 1 });
      expect(mercadolibreAdapter.verify(forged, account)).toMatchObject({ ok: true });
      const [m] = await mercadolibreAdapter.interpret(forged, account, testIo());
      expect(m?.type).toBe('order.upsert');
    } finally {
      await api.close();
    }
  });
});
