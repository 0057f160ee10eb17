import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CarrierHttpPool, DEFAULT_CARRIER_HTTP } from '../../../src/engine/adapters/carriers/carrier-http';
import { melhorEnvioCarrier as me } from '../../../src/engine/adapters/carriers/melhorenvio.carrier';
import { CarrierError, type CarrierAccountConfig, type CarrierIo, type CreateResult } from '../../../src/engine/ports/carrier.port';
import { startMelhorEnvioRun, type MelhorEnvioRun } from '../../support/carriers/melhorenvio-harness';

/** Melhor Envio beyond the conformance suite: a timeout at any buying step never pays twice; the wallet; tracking milestones; webhooks. */

let run: MelhorEnvioRun;
beforeAll(async () => {
  run = await startMelhorEnvioRun();
});
afterAll(() => run.stop());

function ioFor(account: CarrierAccountConfig) {
  const saved: Record<string, string>[] = [];
  const io: CarrierIo = {
    http: new CarrierHttpPool({ ...DEFAULT_CARRIER_HTTP, timeoutMs: 1_000, initialDelayMs: 5, maxDelayMs: 20 }).forAccount(
      account.id,
      'Melhor Envio',
    ),
    now: () => new Date(),
    saveSecrets: (u) => {
      saved.push(u);
      return Promise.resolve();
    },
  };
  return { io, saved };
}

async function failure(p: Promise<unknown>): Promise<CarrierError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CarrierError);
    return e as CarrierError;
  }
  throw new Error('expected a CarrierError');
}

const ordersTagged = (reference: string) => [...run.server.orders.values()].filter((o) => o.tags.includes(reference));
const calls = (path: string) => run.server.requests.filter((r) => r.path === `/api/v2${path}`).length;

describe('Melhor Envio buying, retry-safe at every step', () => {
  for (const step of ['/me/cart', '/me/shipment/checkout'] as const) {
    it(`a timeout after ${step} did its work is continued from there, never paid twice`, async () => {
      const reference = `ME-TO-${step.split('/').at(-1)}`;
      const before = { purchases: run.server.purchases(), carts: calls('/me/cart'), checkouts: calls('/me/shipment/checkout') };
      run.server.faults.push('timeout', { match: (r) => r.path === `/api/v2${step}` });
      const e = await failure(me.createShipment(run.account, run.shipmentRequest(reference), ioFor(run.account).io));
      expect(e.kind).toBe('unavailable');
      const again = await me.createShipment(run.account, run.shipmentRequest(reference), ioFor(run.account).io);
      expect(again.state).toBe('pending');
      run.server.settle('created');
      const done = await me.checkShipment(
        run.account,
        (again as Extract<CreateResult, { state: 'pending' }>).externalId,
        ioFor(run.account).io,
      );
      expect(done.state).toBe('created');
      expect(ordersTagged(reference)).toHaveLength(1);
      expect(run.server.purchases() - before.purchases).toBe(1);
      expect(calls('/me/cart') - before.carts).toBe(1);
      expect(calls('/me/shipment/checkout') - before.checkouts).toBe(1);
    });
  }

  it('repeats a timed-out generate itself (it cannot pay twice), but never a checkout', async () => {
    const reference = 'ME-TO-generate';
    const before = {
      purchases: run.server.purchases(),
      checkouts: calls('/me/shipment/checkout'),
      generates: calls('/me/shipment/generate'),
    };
    run.server.faults.push('timeout', { match: (r) => r.path === '/api/v2/me/shipment/generate' });
    const first = await me.createShipment(run.account, run.shipmentRequest(reference), ioFor(run.account).io);
    expect(first.state).toBe('pending');
    expect(calls('/me/shipment/generate') - before.generates).toBe(2);
    expect(calls('/me/shipment/checkout') - before.checkouts).toBe(1);
    expect(run.server.purchases() - before.purchases).toBe(1);
    // And a checkout that fails with a 5xx is not repeated by the client: the next create continues from where it stands.
    const mark = calls('/me/shipment/checkout');
    run.server.faults.push('server_error', { match: (r) => r.path === '/api/v2/me/shipment/checkout' });
    expect((await failure(me.createShipment(run.account, run.shipmentRequest('ME-5XX-1'), ioFor(run.account).io))).kind).toBe(
      'unavailable',
    );
    expect(calls('/me/shipment/checkout') - mark).toBe(1);
  });

  it('says to top up the wallet when the checkout is refused, and goes on from the cart once paid', async () => {
    const reference = 'ME-WALLET-1';
    run.server.balance = 10;
    try {
      const e = await failure(me.createShipment(run.account, run.shipmentRequest(reference), ioFor(run.account).io));
      expect(e.kind).toBe('invalid');
      expect(e.message).toMatch(/Saldo insuficiente.*add balance to the Melhor Envio wallet/);
      expect(ordersTagged(reference).map((o) => o.status)).toEqual(['pending']);
    } finally {
      run.server.balance = 10_000;
    }
    const again = await me.createShipment(run.account, run.shipmentRequest(reference), ioFor(run.account).io);
    expect(again.state).toBe('pending');
    expect(ordersTagged(reference).map((o) => o.status)).toEqual(['released']);
  });

  it('sends the cart as Melhor Envio wants it: our reference as tag, documents in their fields, street and number apart, the User-Agent', async () => {
    const mark = run.server.requests.length;
    await me.createShipment(run.account, run.shipmentRequest('ME-FORM-1'), ioFor(run.account).io);
    const cart = run.server.requests.slice(mark).find((r) => r.path === '/api/v2/me/cart')!;
    const b = JSON.parse(cart.body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(b.service).toBe(1);
    expect(b.from).toMatchObject({
      company_document: '11222333000181',
      address: 'Rua Augusta',
      number: '1500',
      state_abbr: 'SP',
      postal_code: '01304001',
    });
    expect(b.to).toMatchObject({ document: '52998224725', address: 'Rua Paracatu', number: '60', complement: 'apto 12', state_abbr: 'MG' });
    expect(b.options).toMatchObject({ non_commercial: true, tags: [{ tag: 'ME-FORM-1', url: null }], insurance_value: 189.9 });
    expect(b.volumes).toEqual([{ height: 9, width: 18, length: 25, weight: 0.8 }]);
    expect(cart.headers['user-agent']).toBe(run.server.userAgent);
  });

  it('names what is missing: the User-Agent setting, the sender document, a service id', async () => {
    const noUa = { ...run.account, settings: { ...run.account.settings, userAgent: '' } };
    expect((await failure(me.createShipment(noUa, run.shipmentRequest('ME-M-1'), ioFor(noUa).io))).message).toMatch(/set userAgent/);
    const noDoc = { ...run.account, settings: { ...run.account.settings, senderDocument: '' } };
    expect((await failure(me.createShipment(noDoc, run.shipmentRequest('ME-M-2'), ioFor(noDoc).io))).message).toMatch(/set senderDocument/);
    expect(
      (await failure(me.createShipment(run.account, { ...run.shipmentRequest('ME-M-3'), service: 'PAC' }, ioFor(run.account).io))).message,
    ).toMatch(/service "PAC" is not a Melhor Envio service id/);
  });
});

describe('Melhor Envio after the purchase', () => {
  it('tracks milestones, and an undelivered status without a time of its own at the latest one', async () => {
    const first = await me.createShipment(run.account, run.shipmentRequest('ME-TR-1'), ioFor(run.account).io);
    const id = (first as Extract<CreateResult, { state: 'pending' }>).externalId;
    run.server.settle('created');
    run.server.move(id, 'posted');
    run.server.move(id, 'undelivered');
    const events = await me.track(run.account, [id], ioFor(run.account).io);
    expect(events.map((e) => [e.carrierCode, e.status, e.reason])).toEqual([
      ['pending', null, null],
      ['released', null, null],
      ['generated', null, null],
      ['posted', 'in_transit', null],
      ['undelivered', 'attempt_failed', 'delivery_failed'],
    ]);
    expect(events.at(-1)!.occurredAt).toEqual(events.at(-2)!.occurredAt);
  });

  it('cancels a cart item by taking it out of the cart, and refuses a posted label with Melhor Envio’s words', async () => {
    run.server.balance = 0;
    await failure(me.createShipment(run.account, run.shipmentRequest('ME-X-1'), ioFor(run.account).io));
    run.server.balance = 10_000;
    const inCart = ordersTagged('ME-X-1')[0]!;
    expect(await me.cancel(run.account, inCart.id, ioFor(run.account).io)).toEqual({ alreadyCancelled: false });
    expect(run.server.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/api/v2/me/cart/${inCart.id}` });
    const posted = ordersTagged('ME-TR-1')[0]!;
    run.server.move(posted.id, 'posted');
    const e = await failure(me.cancel(run.account, posted.id, ioFor(run.account).io));
    expect(e.message).toMatch(/Esta etiqueta não pode ser cancelada/);
  });

  it('renews an expired token with the app’s credentials and saves the new pair', async () => {
    const account = {
      ...run.account,
      id: `${run.account.id}-oauth`,
      settings: { ...run.account.settings, clientId: run.server.clientId },
      secrets: { ...run.account.secrets, refreshToken: run.server.refreshToken },
    };
    run.server.expireTokens();
    const { io, saved } = ioFor(account);
    const events = await me.track(account, [ordersTagged('ME-TR-1')[0]!.id], io);
    expect(events.length).toBeGreaterThan(0);
    expect(run.server.refreshes()).toBe(1);
    expect(saved).toEqual([{ accessToken: 'me-token-r1', refreshToken: 'me-refresh-r1' }]);
    // Without the app's credentials the same refusal is auth at once, saying what to do.
    const e = await failure(me.track(run.account, ['x'], ioFor(run.account).io));
    expect(e.kind).toBe('auth');
  });
});

describe('Melhor Envio webhooks', () => {
  it('needs the app secret, checks X-ME-Signature over the raw body, acknowledges the registration test', async () => {
    const req = run.webhook!('9a0e0a0e-0000-4000-8000-000000000001');
    expect(me.verifyWebhook!(run.account, req)).toMatchObject({ ok: true, refs: ['9a0e0a0e-0000-4000-8000-000000000001'] });
    const noSecret = { ...run.account, secrets: { accessToken: 'x' } };
    expect(me.verifyWebhook!(noSecret, req)).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/no clientSecret/) });
    expect(me.verifyWebhook!(run.account, { ...req, headers: { ...req.headers, 'x-me-signature': undefined } })).toMatchObject({
      ok: false,
      status: 401,
    });
    const { createHmac } = await import('node:crypto');
    const ping = Buffer.from('{"event":"webhook.test"}');
    const signed = {
      ...req,
      rawBody: ping,
      headers: { ...req.headers, 'x-me-signature': createHmac('sha256', run.server.clientSecret).update(ping).digest('base64') },
    };
    expect(me.verifyWebhook!(run.account, signed)).toMatchObject({ ok: true, refs: [] });
  });
});
