import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CarrierHttpPool, DEFAULT_CARRIER_HTTP } from '../../../src/engine/adapters/carriers/carrier-http';
import { mercadoEnviosCarrier as ml } from '../../../src/engine/adapters/carriers/mercadoenvios.carrier';
import { CarrierError, type CarrierAccountConfig, type CarrierIo } from '../../../src/engine/ports/carrier.port';
import { startMercadoEnviosRun, type MercadoEnviosRun } from '../../support/carriers/mercadoenvios-harness';

/** Mercado Envíos beyond the conformance suite: Flex, labels only once ready, OAuth refresh, notifications. */

let run: MercadoEnviosRun;
beforeAll(async () => {
  run = await startMercadoEnviosRun();
});
afterAll(() => run.stop());

function ioFor(account: CarrierAccountConfig) {
  const saved: Record<string, string>[] = [];
  const io: CarrierIo = {
    http: new CarrierHttpPool({ ...DEFAULT_CARRIER_HTTP, timeoutMs: 2_000, initialDelayMs: 5, maxDelayMs: 20 }).forAccount(
      account.id,
      'Mercado Envíos',
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

const requestsSince = (n: number) => run.server.requests.slice(n);

describe('Mercado Envíos labels', () => {
  it('answers pending until ML says ready_to_ship, then gives ML’s ZPL from its archive — buying nothing', async () => {
    const { io } = ioFor(run.account);
    const mark = run.server.requests.length;
    const req = run.shipmentRequest('ME-L-1');
    const first = await ml.createShipment(run.account, req, io);
    expect(first).toEqual({ state: 'pending', externalId: req.external!.mlShipmentId, retryAfterMs: 300_000 });
    const early = await failure(ml.label(run.account, first.state === 'pending' ? first.externalId : '', 'pdf', io));
    expect(early.kind).toBe('invalid');
    expect(early.message).toMatch(/will not print it yet — The shipment is not ready to print \(handling\)/);

    run.server.move(req.external!.mlShipmentId!, 'ready_to_ship', 'ready_to_print');
    const created = await ml.createShipment(run.account, req, io);
    expect(created.state).toBe('created');
    if (created.state !== 'created') return;
    expect(created.trackingNumber).toBe(req.external!.mlShipmentId);
    expect(created.label?.format).toBe('zpl');
    expect(Buffer.from(created.label!.bytes).toString()).toMatch(/^\^XA[\s\S]*\^FD44\d+\^FS\^XZ$/);
    const pdf = await ml.label(run.account, created.externalId, 'pdf', io);
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    // ML printed it (its substatus says so); nothing was ever POSTed to ML.
    expect(run.server.shipments.get(created.externalId)!.substatus).toBe('printed');
    expect(requestsSince(mark).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('answers a Flex shipment as created without a label, and never asks ML for one', async () => {
    const s = run.server.addShipment('ME-FLEX-1', { logisticType: 'self_service', status: 'ready_to_ship', substatus: 'ready_to_print' });
    const mark = run.server.requests.length;
    const res = await ml.createShipment(run.account, { ...run.shipmentRequest('ME-FLEX-1') }, ioFor(run.account).io);
    expect(res).toEqual({ state: 'created', externalId: s.id, trackingNumber: s.id, noLabel: true });
    expect(requestsSince(mark).map((r) => r.path)).toEqual([`/shipments/${s.id}`]);
  });

  it('rejects what is not ours to ship: Full, ME1, a cancelled sale', async () => {
    const { io } = ioFor(run.account);
    const full = run.server.addShipment('ME-FULL', { logisticType: 'fulfillment', status: 'ready_to_ship' });
    expect(await ml.checkShipment(run.account, full.id, io)).toMatchObject({ state: 'rejected', reason: expect.stringMatching(/Full/) });
    const me1 = run.server.addShipment('ME-ME1', { mode: 'me1', status: 'ready_to_ship' });
    expect(await ml.checkShipment(run.account, me1.id, io)).toMatchObject({
      state: 'rejected',
      reason: expect.stringMatching(/me1, not Mercado Envíos 2/),
    });
    const gone = run.server.addShipment('ME-GONE', { status: 'cancelled' });
    expect(await ml.checkShipment(run.account, gone.id, io)).toMatchObject({
      state: 'rejected',
      reason: expect.stringMatching(/cancelled/),
    });
  });

  it('says which field is missing when the request names no ML shipment', async () => {
    const req = run.shipmentRequest('ME-NOID');
    const e = await failure(ml.createShipment(run.account, { ...req, external: {} }, ioFor(run.account).io));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/external\.mlShipmentId is missing/);
  });

  it('refuses to quote and to cancel, saying why', async () => {
    const req = run.shipmentRequest('ME-Q');
    const q = await failure(
      ml.quote(run.account, { from: req.from, to: req.to, parcels: [req.parcel], declaredValue: req.declaredValue }, ioFor(run.account).io),
    );
    expect(q.message).toMatch(/sets the shipping cost/);
    const c = await failure(ml.cancel(run.account, '44000000001', ioFor(run.account).io));
    expect(c.kind).toBe('invalid');
    expect(c.message).toMatch(/cancel the sale in Mercado Libre/);
  });
});

describe('Mercado Envíos tracking', () => {
  it('keeps unknown sub-statuses with their main status and unknown main statuses as null, without throwing', async () => {
    const s = run.server.addShipment('ME-T-1', { status: 'ready_to_ship', substatus: 'printed' });
    run.server.move(s.id, 'shipped', 'teleported_to_hub');
    run.server.move(s.id, 'shipped', 'receiver_absent');
    run.server.move(s.id, 'in_orbit', null);
    const events = await ml.track(run.account, [s.id], ioFor(run.account).io);
    expect(events.map((e) => [e.carrierCode, e.status, e.reason])).toEqual([
      ['ready_to_ship/printed', null, null],
      ['shipped/teleported_to_hub', 'in_transit', null],
      ['shipped/receiver_absent', 'attempt_failed', 'customer_absent'],
      ['in_orbit', null, null],
    ]);
    expect(events[1]!.carrierText).toBe('En camino (teleported to hub)');
    expect(events.at(-1)!.etaAt).toBeInstanceOf(Date);
  });
});

describe('Mercado Libre OAuth', () => {
  it('refreshes an expired token once for concurrent calls, saves the rotated pair, and goes on', async () => {
    const fresh = await startMercadoEnviosRun();
    try {
      const s = fresh.server.addShipment('ME-O-1', { status: 'shipped' });
      fresh.server.expireAccessTokens();
      const { io, saved } = ioFor(fresh.account);
      const [a, b] = await Promise.all([ml.track(fresh.account, [s.id], io), ml.track(fresh.account, [s.id], io)]);
      expect(a.map((e) => e.status)).toEqual(['in_transit']);
      expect(b).toEqual(a);
      expect(fresh.server.refreshes).toBe(1);
      expect(saved).toEqual([{ accessToken: expect.stringMatching(/^APP_USR-1-/), refreshToken: expect.stringMatching(/^TG-1-/) }]);
    } finally {
      await fresh.stop();
    }
  });

  it('says to re-authorize the app when ML refuses the refresh', async () => {
    const e = await failure(ml.track(run.badCredentials, ['44000000001'], ioFor(run.badCredentials).io));
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/refused the token refresh \(400: .*invalid_grant.*\)\. Re-authorize the Atalaya app for seller 241112233/);
  });
});

describe('Mercado Libre notifications', () => {
  const notification = (over: Record<string, unknown>, path = `/webhook?token=${run.webhookToken}`) => {
    const base = JSON.parse(run.webhook!('44000000077').rawBody.toString()) as Record<string, unknown>;
    return { ...run.webhook!('44000000077'), path, rawBody: Buffer.from(JSON.stringify({ ...base, ...over })) };
  };

  it('accepts ours (naming the shipment), refuses another application or seller, a wrong token, a body that is no notification', () => {
    expect(ml.verifyWebhook!(run.account, notification({}))).toEqual({ ok: true, dedupeKey: 'ml:f1c2-44000000077', refs: ['44000000077'] });
    expect(ml.verifyWebhook!(run.account, notification({ application_id: 999 }))).toMatchObject({ ok: false, status: 401 });
    expect(ml.verifyWebhook!(run.account, notification({ user_id: 1 }))).toMatchObject({ ok: false, status: 401 });
    expect(ml.verifyWebhook!(run.account, notification({}, '/webhook?token=guess'))).toMatchObject({ ok: false, status: 401 });
    expect(ml.verifyWebhook!(run.account, notification({}, '/webhook'))).toMatchObject({ ok: false, status: 401 });
    expect(ml.verifyWebhook!(run.account, { ...notification({}), rawBody: Buffer.from('topic=shipments') })).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it('acknowledges other topics with nothing to fetch, and without a webhookToken checks the ids only', () => {
    expect(ml.verifyWebhook!(run.account, notification({ topic: 'orders_v2', resource: '/orders/2000001' }))).toMatchObject({
      ok: true,
      refs: [],
    });
    const open = { ...run.account, secrets: { ...run.account.secrets, webhookToken: '' } };
    expect(ml.verifyWebhook!(open, notification({}, '/webhook'))).toMatchObject({ ok: true, refs: ['44000000077'] });
    const noId = notification({ _id: null });
    const verdict = ml.verifyWebhook!(run.account, noId);
    expect(verdict.ok && verdict.dedupeKey).toMatch(/^ml:[0-9a-f]{40}$/);
  });
});
