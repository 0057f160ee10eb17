import { describe, expect, it } from 'vitest';
import { woocommerceAdapter } from '../../../src/engine/adapters/channels/woocommerce';
import { ChannelPayloadError } from '../../../src/engine/ports/channel.port';
import { fixture, hmac64, inbound, testIo, woocommerceKit } from './kits';

/** WooCommerce order webhooks against a fixture in the REST API v3 order format. */
describe('WooCommerce connector', () => {
  const kit = woocommerceKit(woocommerceAdapter);
  const account = kit.account();
  const secret = account.secrets.webhookSecret!;
  const signed = (body: unknown, topic = 'order.created') => {
    const raw = JSON.stringify(body);
    return inbound(raw, {
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-signature': hmac64(secret, raw),
      'x-wc-webhook-delivery-id': '5f1c2e3d4a5b6c7d8e9f0a1b2c3d4e5f',
    });
  };

  it('maps the REST order: lines with discounts, addresses, shipping, date_paid, customer_note, meta tags', async () => {
    const [m] = await woocommerceAdapter.interpret(kit.request(), account, testIo());
    if (m?.type !== 'order.upsert') throw new Error(`expected an upsert, got ${m?.type}`);
    expect(m.draft).toMatchObject({
      channel: 'woocommerce',
      externalId: '4821',
      externalNumber: '4821',
      placedAt: '2026-11-24T12:42:10.000Z',
      customer: { name: 'Julián Pereyra', email: 'julian.pereyra@example.com.ar', phone: '+543514556677' },
      shipTo: { line1: 'Bv. San Juan 1250', line2: '3B', city: 'Córdoba', region: 'X', postalCode: 'X5000', country: 'AR' },
      deliveryType: 'home_delivery',
      currency: 'ARS',
      shipping: { method: 'Envío a domicilio - OCA', amount: 3800 },
      totals: { total: 52300, discount: 5000, tax: 0 },
      paymentStatus: 'paid',
      notes: 'Tocar timbre 3B. Horario de 9 a 18.',
      tags: ['web', 'cyber-monday'],
    });
    expect(m.draft.lines).toEqual([
      {
        externalLineId: '731',
        channelSku: 'MATE-CAL-01',
        title: 'Mate de calabaza con bombilla',
        quantity: 2,
        unitPrice: 12500,
        discountAmount: 3000,
      },
      {
        externalLineId: '732',
        channelSku: 'YER-ORG-1KG',
        title: 'Yerba mate orgánica 1 kg',
        quantity: 3,
        unitPrice: 7833.33,
        discountAmount: 2000,
      },
    ]);
  });

  it('accepts the unsigned ping sent when the webhook is saved, and ignores it', async () => {
    const ping = inbound('webhook_id=12', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(woocommerceAdapter.verify(ping, account)).toEqual({ ok: true, dedupeKey: 'woocommerce:ping:12', topic: 'ping' });
    expect(await woocommerceAdapter.interpret(ping, account, testIo())).toEqual([
      { type: 'ignore', reason: expect.stringMatching(/ping/) },
    ]);
    expect(woocommerceAdapter.verify(inbound('webhook_id=12&x=1', {}), account)).toMatchObject({ ok: false, status: 401 });
  });

  it('cancels on order.deleted and on status cancelled or refunded; pending unpaid orders are pending', async () => {
    expect(await woocommerceAdapter.interpret(signed({ id: 4821 }, 'order.deleted'), account, testIo())).toEqual([
      { type: 'order.cancel', externalId: '4821', reason: 'deleted in WooCommerce' },
    ]);
    for (const status of ['cancelled', 'refunded']) {
      const [m] = await woocommerceAdapter.interpret(
        signed({ ...fixture('woocommerce-order.json'), status }, 'order.updated'),
        account,
        testIo(),
      );
      expect(m).toEqual({ type: 'order.cancel', externalId: '4821', reason: `${status} in WooCommerce` });
    }
    const [p] = await woocommerceAdapter.interpret(
      signed({ ...fixture('woocommerce-order.json'), status: 'on-hold', date_paid_gmt: null }, 'order.updated'),
      account,
      testIo(),
    );
    expect(p?.type === 'order.upsert' && p.draft.paymentStatus).toBe('pending');
  });

  it('maps local pickup to store pickup with its location', async () => {
    const o = {
      ...fixture('woocommerce-order.json'),
      shipping_lines: [
        {
          method_title: 'Retiro en tienda',
          method_id: 'local_pickup',
          total: '0',
          meta_data: [{ key: 'pickup_location', value: 'ST-003' }],
        },
      ],
      shipping: {},
    };
    const [m] = await woocommerceAdapter.interpret(signed(o), account, testIo());
    expect(m?.type === 'order.upsert' && m.draft).toMatchObject({
      deliveryType: 'store_pickup',
      pickupLocation: 'ST-003',
      shipTo: undefined,
    });
  });

  it('refuses a line without SKU naming it, and ignores other topics', async () => {
    const o = fixture('woocommerce-order.json') as { line_items: Record<string, unknown>[] };
    o.line_items[0]!.sku = '';
    const err = await woocommerceAdapter.interpret(signed(o), account, testIo()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelPayloadError);
    expect((err as ChannelPayloadError).message).toMatch(/line 1 \("Mate de calabaza con bombilla"\) has no SKU/);
    expect(await woocommerceAdapter.interpret(signed({ id: 3 }, 'product.updated'), account, testIo())).toEqual([
      { type: 'ignore', reason: expect.stringMatching(/product\.updated/) },
    ]);
  });

  it('takes order.restored as an upsert and empty-string amounts as absent', async () => {
    const [m] = await woocommerceAdapter.interpret(
      signed({ ...fixture('woocommerce-order.json'), discount_total: '', total_tax: '' }, 'order.restored'),
      account,
      testIo(),
    );
    expect(m?.type === 'order.upsert' && m.draft.totals).toEqual({ total: 52300 });
  });

  it('de-duplicates by delivery id and refuses another store', () => {
    expect(woocommerceAdapter.verify(signed({ id: 1 }), account)).toEqual({
      ok: true,
      dedupeKey: 'woocommerce:5f1c2e3d4a5b6c7d8e9f0a1b2c3d4e5f',
      topic: 'order.created',
    });
    const other = signed({ id: 1 });
    expect(
      woocommerceAdapter.verify({ ...other, headers: { ...other.headers, 'x-wc-webhook-source': 'https://otra.example.com/' } }, account),
    ).toMatchObject({ ok: false, status: 401 });
  });

  it('trusts the signed body, not the unsigned topic: order.deleted cancels only a deletion body', async () => {
    // A genuine order.created body (signature matches) resent with a forged X-WC-Webhook-Topic.
    expect(await woocommerceAdapter.interpret(signed(fixture('woocommerce-order.json'), 'order.deleted'), account, testIo())).toEqual([
      { type: 'ignore', reason: expect.stringMatching(/order 4821 with status processing.*not signed, so nothing was cancelled/) },
    ]);
    // What WooCommerce sends for a deletion: the id alone, or the trashed order.
    expect(await woocommerceAdapter.interpret(signed({ id: 4821 }, 'order.deleted'), account, testIo())).toEqual([
      { type: 'order.cancel', externalId: '4821', reason: 'deleted in WooCommerce' },
    ]);
    expect(
      await woocommerceAdapter.interpret(
        signed({ ...fixture('woocommerce-order.json'), status: 'trash' }, 'order.deleted'),
        account,
        testIo(),
      ),
    ).toEqual([{ type: 'order.cancel', externalId: '4821', reason: 'deleted in WooCommerce' }]);
  });
});
