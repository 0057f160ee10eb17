import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CarrierHttpPool, DEFAULT_CARRIER_HTTP } from '../../../src/engine/adapters/carriers/carrier-http';
import { enviaCarrier as envia } from '../../../src/engine/adapters/carriers/envia.carrier';
import { CarrierError, type CarrierAccountConfig, type CarrierIo } from '../../../src/engine/ports/carrier.port';
import { startEnviaRun, type EnviaRun } from '../../support/carriers/envia-harness';

/** Envia beyond the conformance suite: a purchase that timed out is found, not bought again; refusals; quotes; webhooks. */

let run: EnviaRun;
beforeAll(async () => {
  run = await startEnviaRun();
});
afterAll(() => run.stop());

const ioFor = (account: CarrierAccountConfig, timeoutMs = 1_000): CarrierIo => ({
  http: new CarrierHttpPool({ ...DEFAULT_CARRIER_HTTP, timeoutMs, initialDelayMs: 5, maxDelayMs: 20 }).forAccount(account.id, 'Envia'),
  now: () => new Date(),
  saveSecrets: () => Promise.resolve(),
});

async function failure(p: Promise<unknown>): Promise<CarrierError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CarrierError);
    return e as CarrierError;
  }
  throw new Error('expected a CarrierError');
}

const generates = () => run.server.requests.filter((r) => r.path === '/ship/generate/').length;

describe('Envia labels', () => {
  it('finds the label a timed-out purchase bought instead of buying another', async () => {
    const before = { purchases: run.server.purchases(), generates: generates() };
    run.server.faults.push('timeout', { match: (r) => r.path === '/ship/generate/' });
    const e = await failure(envia.createShipment(run.account, run.shipmentRequest('ENV-T-1'), ioFor(run.account)));
    expect(e.kind).toBe('unavailable');
    // Envia bought it; only the answer was lost.
    expect(run.server.purchases() - before.purchases).toBe(1);
    const again = await envia.createShipment(run.account, run.shipmentRequest('ENV-T-1'), ioFor(run.account));
    expect(again.state).toBe('created');
    if (again.state !== 'created') return;
    const bought = [...run.server.shipments.values()].find((s) => s.comment === 'Atalaya ENV-T-1')!;
    expect(again).toMatchObject({ externalId: `estafeta:${bought.trackingNumber}`, trackingNumber: bought.trackingNumber });
    expect(Buffer.from(again.label!.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(run.server.purchases() - before.purchases).toBe(1);
    expect(generates() - before.generates).toBe(1);
  });

  it('buys again for a reference whose earlier label was cancelled', async () => {
    const io = ioFor(run.account);
    const first = await envia.createShipment(run.account, run.shipmentRequest('ENV-C-1'), io);
    if (first.state !== 'created') throw new Error('expected created');
    expect(await envia.cancel(run.account, first.externalId, io)).toEqual({ alreadyCancelled: false });
    expect(await envia.checkShipment(run.account, first.externalId, io)).toMatchObject({
      state: 'rejected',
      reason: expect.stringMatching(/cancelled/),
    });
    const second = await envia.createShipment(run.account, run.shipmentRequest('ENV-C-1'), io);
    expect(second.state === 'created' && second.trackingNumber).not.toBe(first.trackingNumber);
  });

  it('answers a label Envia refuses as rejected with its reason, and asks for ZPL when the station prints ZPL', async () => {
    const io = ioFor(run.account);
    const req = run.shipmentRequest('ENV-R-1');
    const refused = await envia.createShipment(run.account, { ...req, to: { ...req.to, postalCode: '00000' } }, io);
    expect(refused).toEqual({
      state: 'rejected',
      reason: 'Envia refused the label: The destination postal code is not valid for this carrier (code 1129)',
    });
    const zpl = await envia.createShipment(run.account, { ...run.shipmentRequest('ENV-Z-1'), labelFormat: 'zpl' }, io);
    expect(zpl.state === 'created' && zpl.label?.format).toBe('zpl');
  });

  it('sends Envia’s forms: street and number apart, our reference in the comments, no token to the label file host', async () => {
    const mark = run.server.requests.length;
    await envia.createShipment(run.account, run.shipmentRequest('ENV-F-1'), ioFor(run.account));
    const sent = run.server.requests.slice(mark);
    const gen = JSON.parse(sent.find((r) => r.path === '/ship/generate/')!.body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(gen.destination).toMatchObject({
      street: 'Insurgentes Sur',
      number: '1602',
      reference: 'int. 4',
      state: 'CMX',
      postalCode: '03100',
    });
    expect(gen.shipment).toEqual({ type: 1, carrier: 'estafeta', service: 'ground', orderReference: 'ENV-F-1' });
    expect(gen.settings).toMatchObject({ printFormat: 'PDF', comments: 'Atalaya ENV-F-1' });
    expect(gen.packages[0]).toMatchObject({ weight: 2.5, dimensions: { length: 30, width: 20, height: 10 }, weightUnit: 'KG' });
    const file = sent.find((r) => r.path.startsWith('/labels/'))!;
    expect(file.headers.authorization).toBeUndefined();
  });

  it('says what is wrong with a service that is not <carrier>:<service>', async () => {
    const e = await failure(
      envia.createShipment(run.account, { ...run.shipmentRequest('ENV-S-1'), service: 'ground' }, ioFor(run.account)),
    );
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/service "ground" is not <carrier>:<service>/);
  });
});

describe('Envia quotes, pickups, tracking', () => {
  it('quotes each configured carrier, leaving out one that does not serve the route', async () => {
    const account = { ...run.account, settings: { ...run.account.settings, carriers: 'estafeta, nosuchcarrier' } };
    const req = run.shipmentRequest('ENV-Q');
    const quotes = await envia.quote(
      account,
      { from: req.from, to: req.to, parcels: [req.parcel], declaredValue: req.declaredValue },
      ioFor(account),
    );
    expect(quotes).toEqual([
      { service: 'estafeta:ground', serviceName: 'Estafeta Terrestre', price: { amount: 148.5, currency: 'MXN' }, transitDays: 4 },
      { service: 'estafeta:express', serviceName: 'Estafeta Día siguiente', price: { amount: 262, currency: 'MXN' }, transitDays: 1 },
    ]);
  });

  it('books one pickup per carrier', async () => {
    const io = ioFor(run.account);
    const e = await failure(
      envia.bookPickup!(
        run.account,
        { from: run.shipmentRequest('x').from, date: '2030-01-02', parcels: 2, externalIds: ['estafeta:801', 'fedex:701'] },
        io,
      ),
    );
    expect(e.message).toMatch(/one pickup is for one carrier, these shipments are with estafeta, fedex/);
  });

  it('reads the carriers’ words into statuses with reasons, keeping the text and place', async () => {
    const created = await envia.createShipment(run.account, run.shipmentRequest('ENV-TR-1'), ioFor(run.account));
    if (created.state !== 'created') throw new Error('expected created');
    const tn = created.trackingNumber;
    run.server.scan(tn, { id: 2, name: 'In transit' }, 'Paquete recolectado');
    run.server.scan(tn, null, 'Disponible en sucursal para recoger');
    run.server.scan(tn, { id: 14, name: 'Lost' }, 'Aviso de la paquetería');
    const events = await envia.track(run.account, [tn], ioFor(run.account));
    expect(events.map((e) => [e.carrierText, e.status, e.reason])).toEqual([
      ['Guía creada', null, null],
      ['Paquete recolectado', 'in_transit', null],
      ['Disponible en sucursal para recoger', 'at_branch', 'waiting_for_pickup'],
      ['Aviso de la paquetería', null, null],
      // The shipment's status by name, where the history's words said nothing known.
      ['Lost', 'lost', null],
    ]);
    expect(events[1]!.location).toBe('Saltillo, COAH');
    expect(events.at(-1)!.etaAt).toBeInstanceOf(Date);
  });
});

describe('Envia webhooks', () => {
  it('refuses all webhooks until the account has a webhookToken, and a body without a tracking number', () => {
    const req = run.webhook!('801');
    const open = { ...run.account, secrets: { apiToken: run.server.token } };
    expect(envia.verifyWebhook!(open, req)).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/no webhookToken/) });
    expect(envia.verifyWebhook!(run.account, { ...req, rawBody: Buffer.from('{"status":"Delivered"}') })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(envia.verifyWebhook!(run.account, { ...req, path: '/webhook?token=envia-hook-91c04d7f' })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(envia.verifyWebhook!(run.account, { ...req, path: '/webhook' })).toMatchObject({ ok: false, status: 401 });
    expect(envia.verifyWebhook!(run.account, req)).toMatchObject({ ok: true, refs: ['801'] });
    // Where the host passes no query string on, the token may end the path instead.
    expect(envia.verifyWebhook!(run.account, { ...req, path: `/hook/t/${run.webhookToken}` })).toMatchObject({ ok: true, refs: ['801'] });
    expect(envia.verifyWebhook!(run.account, { ...req, path: '/hook/t/envia-hook-91c04d7f' })).toMatchObject({ ok: false, status: 401 });
  });
});
