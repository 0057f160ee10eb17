import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CarrierError, type CarrierAccountConfig, type CarrierIo, type ShipmentRequest } from '../../ports/carrier.port';
import { simulatorCarrier as sim, simulatorPurchases, simulatorWebhook } from './simulator.carrier';

const T0 = new Date('2025-06-10T13:00:00Z');
let accounts = 0;

function account(
  settings: Record<string, string> = {},
  secrets: Record<string, string> = { webhookSecret: 's3cret' },
): CarrierAccountConfig {
  return { id: `sim-unit-${++accounts}`, kind: 'simulator', name: 'Correo Simulado', settings, secrets };
}

/** A clock the test moves; the simulator must never touch http. */
function clock(start = T0) {
  let now = start.getTime();
  const io: CarrierIo = {
    http: { request: () => Promise.reject(new Error('the simulator made an HTTP call')) },
    now: () => new Date(now),
    saveSecrets: () => Promise.reject(new Error('the simulator has no secrets to rotate')),
  };
  return { io, advance: (seconds: number) => (now += seconds * 1000) };
}

const request = (reference: string, o: Partial<ShipmentRequest> = {}): ShipmentRequest => ({
  reference,
  orderNumber: 1042,
  service: 'standard',
  from: { name: 'Depósito Central', line1: 'Av. Siempreviva 742', city: 'Buenos Aires', postalCode: '1414', country: 'AR' },
  to: { name: 'José Peñalolén', line1: 'Calle Ñandú 12', city: 'Córdoba', postalCode: '5000', country: 'AR' },
  parcel: { weightGrams: 2300 },
  declaredValue: { amount: 10000, currency: 'ARS' },
  labelFormat: 'zpl',
  ...o,
});

async function failure(p: Promise<unknown>): Promise<CarrierError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CarrierError);
  return e as CarrierError;
}

describe('the simulator carrier', () => {
  it('quotes standard and express from priceBase, pricePerKg (started kilograms) and the service factor', async () => {
    const a = account({ priceBase: '1000', pricePerKg: '500', currency: 'ars' });
    const q = await sim.quote(
      a,
      {
        from: request('q').from,
        to: request('q').to,
        parcels: [{ weightGrams: 1500 }, { weightGrams: 200 }],
        declaredValue: { amount: 1, currency: 'ARS' },
      },
      clock().io,
    );
    expect(q).toEqual([
      { service: 'standard', serviceName: 'Estándar', price: { amount: 2000, currency: 'ARS' }, transitDays: 3 },
      { service: 'express', serviceName: 'Express', price: { amount: 3600, currency: 'ARS' }, transitDays: 1 },
    ]);
    const only = await sim.quote(
      account({ services: 'express' }),
      { from: request('q').from, to: request('q').to, parcels: [{ weightGrams: 1 }], declaredValue: { amount: 1, currency: 'ARS' } },
      clock().io,
    );
    expect(only.map((o) => o.service)).toEqual(['express']);
  });

  it('creates at once with a ZPL label: UTF-8 (^CI28), Code128 of the tracking number, the addresses', async () => {
    const a = account();
    const r = await sim.createShipment(a, request('AT1042-1'), clock().io);
    expect(r.state).toBe('created');
    if (r.state !== 'created') return;
    expect(r.trackingNumber).toBe(r.externalId);
    expect(r.label?.format).toBe('zpl');
    const zpl = Buffer.from(r.label!.bytes).toString('utf8');
    expect(zpl).toMatch(/^\^XA\n\^CI28/);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl).toMatch(new RegExp(`\\^BCN[^\\n]*\\^FD${r.trackingNumber}\\^FS`));
    expect(zpl).toContain('Pe_C3_B1alol_C3_A9n');
    expect(zpl).toContain('Pedido #1042');
    expect(r.noLabel).toBeUndefined();
  });

  it('gives a 4×6 PDF label when asked', async () => {
    const a = account();
    const r = await sim.createShipment(a, request('AT1042-2', { labelFormat: 'pdf' }), clock().io);
    if (r.state !== 'created') throw new Error(r.state);
    const pdf = Buffer.from(r.label!.bytes).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/MediaBox \[0 0 288 432\]/);
    const again = await sim.label(a, r.externalId, 'zpl', clock().io);
    expect(Buffer.from(again.bytes).toString('utf8')).toContain('^XA');
  });

  it('a create retried with the same reference answers the first shipment, and buys once', async () => {
    const a = account();
    const c = clock();
    const first = await sim.createShipment(a, request('AT7-1'), c.io);
    c.advance(5);
    const second = await sim.createShipment(a, request('AT7-1'), c.io);
    expect(second).toMatchObject({ state: 'created', externalId: first.externalId });
    expect(simulatorPurchases(a.id)).toBe(1);
  });

  it('async labels: pending (with retryAfterMs) for one step, then created; the label is not ready before', async () => {
    const a = account({ labels: 'async', stepSeconds: '20' });
    const c = clock();
    const r = await sim.createShipment(a, request('AT8-1'), c.io);
    expect(r).toMatchObject({ state: 'pending', retryAfterMs: 20_000 });
    expect((await failure(sim.label(a, r.externalId!, 'zpl', c.io))).kind).toBe('unavailable');
    expect(await sim.track(a, [r.externalId!], c.io)).toEqual([]);
    c.advance(20);
    expect(await sim.checkShipment(a, r.externalId!, c.io)).toMatchObject({ state: 'created', trackingNumber: r.externalId });
  });

  it('the reject rule refuses the label, saying what to do', async () => {
    const a = account({ rules: '50:reject' });
    const r = await sim.createShipment(a, request('AT9-1'), clock().io);
    expect(r.state).toBe('rejected');
    if (r.state === 'rejected') expect(r.reason).toMatch(/5000.*choose another carrier/);
  });

  it('tracks many numbers at once as the clock moves, leaving unknown numbers out', async () => {
    const a = account({ stepSeconds: '20', rules: '5000:attempt_failed' });
    const c = clock();
    const one = await sim.createShipment(a, request('AT10-1'), c.io);
    const two = await sim.createShipment(a, request('AT10-2', { to: { ...request('x').to, postalCode: '1900' } }), c.io);
    c.advance(70);
    const events = await sim.track(a, [one.externalId!, 'NOPE', two.externalId!, 'SIM-1-STD-1-S00'], c.io);
    expect(new Set(events.map((e) => e.trackingNumber))).toEqual(new Set([one.externalId, two.externalId]));
    c.advance(200);
    const later = (await sim.track(a, [one.externalId!], c.io)).map((e) => [e.status, e.carrierCode]);
    expect(later).toEqual([
      ['ready', 'LBL'],
      ['in_transit', 'ADM'],
      ['in_transit', 'HUB'],
      ['out_for_delivery', 'OFD'],
      ['attempt_failed', 'AUS'],
      ['out_for_delivery', 'OFD'],
      ['delivered', 'DLV'],
    ]);
    const ev = (await sim.track(a, [one.externalId!], c.io))[1]!;
    expect(ev).toMatchObject({ carrierText: 'Admitido en planta de origen', location: 'Planta de origen' });
    expect(ev.etaAt).toBeInstanceOf(Date);
  });

  it('clockOffsetMs moves its clock (tests and demos fast-forward)', async () => {
    const settings: Record<string, string> = { stepSeconds: '60' };
    const a = account(settings);
    const c = clock();
    const r = await sim.createShipment(a, request('AT11-1'), c.io);
    settings.clockOffsetMs = String(10 * 60_000);
    expect((await sim.track(a, [r.externalId!], c.io)).at(-1)?.status).toBe('delivered');
  });

  it('cancels once; again answers alreadyCancelled; tracking ends with the cancellation', async () => {
    const a = account();
    const c = clock();
    const r = await sim.createShipment(a, request('AT12-1'), c.io);
    expect(await sim.cancel(a, r.externalId!, c.io)).toEqual({ alreadyCancelled: false });
    expect(await sim.cancel(a, r.externalId!, c.io)).toEqual({ alreadyCancelled: true });
    c.advance(3600);
    expect((await sim.track(a, [r.externalId!], c.io)).map((e) => e.status)).toEqual(['ready', 'cancelled']);
  });

  it('refuses to cancel a delivered parcel', async () => {
    const a = account();
    const c = clock();
    const r = await sim.createShipment(a, request('AT13-1'), c.io);
    c.advance(3600);
    expect((await failure(sim.cancel(a, r.externalId!, c.io))).message).toMatch(/already delivered/);
  });

  it('answers a number that is not its own as not_found, naming what they look like', async () => {
    const e = await failure(sim.checkShipment(account(), 'AND-123', clock().io));
    expect(e.kind).toBe('not_found');
    expect(e.message).toMatch(/SIM-/);
  });

  it('refuses a malformed setting as invalid, naming the setting and what it takes', async () => {
    const e = await failure(sim.createShipment(account({ stepSeconds: 'soon' }), request('x'), clock().io));
    expect(e).toMatchObject({ kind: 'invalid' });
    expect(e.message).toMatch(/stepSeconds.*number/);
    expect((await failure(sim.createShipment(account({ rules: '14:boom' }), request('x'), clock().io))).message).toMatch(/14:boom/);
    expect((await failure(sim.createShipment(account({ services: 'express' }), request('x'), clock().io))).message).toMatch(
      /standard.*express/,
    );
  });

  it('manifests, books a pickup and lists branches near a postcode', async () => {
    const a = account();
    const r = await sim.createShipment(a, request('AT14-1'), clock().io);
    expect((await sim.manifest!(a, [r.externalId!], clock().io)).manifestId).toMatch(/^SIM-MF-/);
    expect(
      (await sim.bookPickup!(a, { from: request('x').from, date: '2025-06-11', parcels: 1, externalIds: [r.externalId!] }, clock().io))
        .confirmation,
    ).toMatch(/^SIM-PU-20250611-/);
    const b = await sim.branches!(a, '5000', clock().io);
    expect(b).toHaveLength(3);
    expect(b[0]).toMatchObject({ postalCode: '5000', lat: null });
  });

  it('verifies its webhooks by HMAC; a forged, altered or unsigned one is 401, a malformed body 400', () => {
    const a = account();
    const req = simulatorWebhook('s3cret', ['SIM-A', 'SIM-B'], 'delivery-1');
    expect(sim.verifyWebhook!(a, req)).toEqual({ ok: true, dedupeKey: 'delivery-1', refs: ['SIM-A', 'SIM-B'] });
    expect(sim.verifyWebhook!(a, simulatorWebhook('other', ['SIM-A'], 'd'))).toMatchObject({ ok: false, status: 401 });
    expect(sim.verifyWebhook!(a, { ...req, rawBody: Buffer.concat([req.rawBody, Buffer.from(' ')]) })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(sim.verifyWebhook!(a, { ...req, headers: {} })).toMatchObject({ ok: false, status: 401 });
    expect(sim.verifyWebhook!(account({}, {}), req)).toMatchObject({
      ok: false,
      status: 401,
      reason: expect.stringMatching(/webhookSecret/),
    });
    const bad = simulatorWebhook('s3cret', [], 'x');
    const body = Buffer.from('{"id":1}');
    const forgedBody = { ...bad, rawBody: body, headers: { 'x-sim-signature': simulatorWebhookSignature(body) } };
    expect(sim.verifyWebhook!(a, forgedBody)).toMatchObject({ ok: false, status: 400 });
  });
});

/** A signature made the simulator's way over any body (to reach the body checks past the signature). */
function simulatorWebhookSignature(body: Buffer): string {
  return createHmac('sha256', 's3cret').update(body).digest('base64');
}
