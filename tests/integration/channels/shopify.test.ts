import { describe, expect, it } from 'vitest';
import { shopifyAdapter } from '../../../src/engine/adapters/channels/shopify';
import { ChannelPayloadError } from '../../../src/engine/ports/channel.port';
import { fixture, hmac64, inbound, shopifyKit, testIo } from './kits';

/** Shopify order webhooks against a fixture in Shopify's documented order JSON. */
describe('Shopify connector', () => {
  const kit = shopifyKit(shopifyAdapter);
  const account = kit.account();
  const secret = account.secrets.webhookSecret!;
  const signed = (body: unknown, topic = 'orders/create', extra: Record<string, string> = {}) => {
    const raw = JSON.stringify(body);
    return inbound(raw, {
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': hmac64(secret, raw),
      'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      ...extra,
    });
  };

  it('maps line items, discounts, taxes, addresses, shipping, payment, tags and note', async () => {
    const [m] = await shopifyAdapter.interpret(kit.request(), account, testIo());
    expect(m?.type).toBe('order.upsert');
    if (m?.type !== 'order.upsert') return;
    const d = m.draft;
    expect(d).toMatchObject({
      channel: 'shopify',
      externalId: '5873927110801',
      externalNumber: '#1001',
      placedAt: '2026-11-24T13:15:32.000Z',
      customer: { name: 'Martina Gómez', email: 'martina.gomez@example.com.ar', phone: '+5491145678901' },
      currency: 'ARS',
      paymentStatus: 'paid',
      notes: 'Dejar en portería si no hay nadie',
      tags: ['vip', 'regalo', 'Hot Sale'],
      shipping: { method: 'Envío a domicilio (24 h)', carrier: 'andreani', amount: 4500 },
      totals: { subtotal: 87300, discount: 9700, tax: 15151.24, total: 91800 },
    });
    expect(d.shipTo).toEqual({
      name: 'Martina Gómez',
      line1: 'Av. Santa Fe 3253',
      line2: 'Piso 4, Depto B',
      city: 'Ciudad Autónoma de Buenos Aires',
      region: 'Ciudad Autónoma de Buenos Aires',
      postalCode: 'C1425BGH',
      country: 'AR',
      phone: '+5491145678901',
      lat: -34.588,
      lng: -58.41,
    });
    expect(d.lines).toEqual([
      {
        externalLineId: '14398243487889',
        channelSku: 'ZAP-RUN-42-NEG',
        title: 'Zapatillas Running Aire - 42 / Negro',
        quantity: 1,
        unitPrice: 58410,
        taxAmount: 10137.11,
        discountAmount: 6490,
      },
      {
        externalLineId: '14398243520657',
        channelSku: 'MED-DEP-3',
        title: 'Medias Deportivas - Pack x3',
        quantity: 2,
        unitPrice: 9595,
        taxAmount: 5014.13,
        discountAmount: 3210,
      },
    ]);
  });

  it('turns orders/cancelled (and an update carrying cancelled_at) into a cancel', async () => {
    const cancelled = { ...fixture('shopify-order.json'), cancelled_at: '2026-11-24T12:00:00-03:00', cancel_reason: 'customer' };
    expect(await shopifyAdapter.interpret(signed(cancelled, 'orders/cancelled'), account, testIo())).toEqual([
      { type: 'order.cancel', externalId: '5873927110801', reason: 'cancelled in Shopify (customer)' },
    ]);
    const [m] = await shopifyAdapter.interpret(signed(cancelled, 'orders/updated'), account, testIo());
    expect(m?.type).toBe('order.cancel');
  });

  it('ignores topics it does not use, and takes orders/updated as an upsert', async () => {
    expect(await shopifyAdapter.interpret(signed({ id: 1 }, 'products/update'), account, testIo())).toEqual([
      { type: 'ignore', reason: expect.stringMatching(/products\/update/) },
    ]);
    const [m] = await shopifyAdapter.interpret(signed(fixture('shopify-order.json'), 'orders/updated'), account, testIo());
    expect(m?.type).toBe('order.upsert');
  });

  it('refuses a line without SKU, naming the line', async () => {
    const o = fixture('shopify-order.json') as { line_items: Record<string, unknown>[] };
    o.line_items[1]!.sku = '';
    const err = await shopifyAdapter.interpret(signed(o), account, testIo()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelPayloadError);
    expect((err as ChannelPayloadError).message).toMatch(/line 2 \("Medias Deportivas - Pack x3"\) has no SKU/);
    expect((err as ChannelPayloadError).issues).toEqual([{ path: 'line_items.1.sku', message: 'missing SKU' }]);
  });

  it('names the bad fields of an order JSON that is not an order', async () => {
    const err = await shopifyAdapter
      .interpret(signed({ id: 7, currency: 'PESOS', line_items: [] }), account, testIo())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelPayloadError);
    expect((err as ChannelPayloadError).issues.map((i) => i.path).sort()).toEqual(['currency', 'line_items']);
  });

  it('de-duplicates by webhook id, then event id, and refuses another shop', () => {
    const a = shopifyAdapter.verify(signed({ id: 1 }), account);
    expect(a).toEqual({ ok: true, dedupeKey: 'shopify:b54557e4-bdd9-4b37-8a5f-bf7d70bcd043', topic: 'orders/create' });
    const byEvent = signed({ id: 1 }, 'orders/create', { 'x-shopify-event-id': 'evt-98765' });
    delete (byEvent.headers as Record<string, string | undefined>)['x-shopify-webhook-id'];
    expect(shopifyAdapter.verify(byEvent, account)).toMatchObject({ ok: true, dedupeKey: 'shopify:evt-98765' });
    expect(
      shopifyAdapter.verify(signed({ id: 1 }, 'orders/create', { 'x-shopify-shop-domain': 'otra-tienda.myshopify.com' }), account),
    ).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a signature of another length or not base64 without throwing', () => {
    const req = signed({ id: 1 });
    for (const sig of ['abc', '', '!!!!', hmac64(secret, 'x').slice(0, 20), `${hmac64(secret, req.rawBody)}AA==`]) {
      expect(shopifyAdapter.verify({ ...req, headers: { ...req.headers, 'x-shopify-hmac-sha256': sig } }, account)).toMatchObject({
        ok: false,
        status: 401,
      });
    }
    expect(shopifyAdapter.verify(req, { ...account, secrets: {} })).toMatchObject({
      ok: false,
      status: 401,
      reason: expect.stringMatching(/webhookSecret/),
    });
  });

  it('trusts the signed body, not the unsigned topic: orders/cancelled without cancelled_at cancels nothing', async () => {
    // A genuine orders/create body (its HMAC matches) resent with a forged X-Shopify-Topic.
    expect(await shopifyAdapter.interpret(signed(fixture('shopify-order.json'), 'orders/cancelled'), account, testIo())).toEqual([
      { type: 'ignore', reason: expect.stringMatching(/no cancelled_at.*not signed, so nothing was cancelled/) },
    ]);
    expect(
      await shopifyAdapter.interpret(
        signed({ ...fixture('shopify-order.json'), cancelled_at: null }, 'orders/cancelled'),
        account,
        testIo(),
      ),
    ).toEqual([{ type: 'ignore', reason: expect.any(String) }]);
    // The signature header is a secret of the row: the adapter's verify has used it, nothing reads it later.
    expect(shopifyAdapter.secretHeaders).toBeUndefined();
  });
});
