import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { andreaniCarrier } from '../../../src/engine/adapters/carriers/andreani.carrier';
import { CarrierHttpPool, DEFAULT_CARRIER_HTTP } from '../../../src/engine/adapters/carriers/carrier-http';
import { CarrierError, type CarrierAccountConfig, type CarrierIo } from '../../../src/engine/ports/carrier.port';
import { andreaniAccount, andreaniShipmentRequest } from '../../support/carriers/andreani-harness';
import { startAndreaniServer, type AndreaniServer } from '../../support/carriers/andreani-server';

/**
 * Andreani against its loopback server: the documented formats on the wire (Basic login and the
 * token header, the quote's bultos[i][…] query, the order body), the asynchronous label
 * (202 Pendiente → Creada / Rechazada), the token kept and refreshed once on 401, tracking with
 * motives, branches — what the conformance suite does not look at.
 */

const io = (account: CarrierAccountConfig): CarrierIo => ({
  http: new CarrierHttpPool({ ...DEFAULT_CARRIER_HTTP, timeoutMs: 2_000, initialDelayMs: 5, maxDelayMs: 20 }).forAccount(
    account.id,
    'Andreani',
  ),
  now: () => new Date(),
  saveSecrets: () => Promise.resolve(),
});

async function failure(p: Promise<unknown>): Promise<CarrierError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CarrierError);
  return e as CarrierError;
}

let server: AndreaniServer;
let account: CarrierAccountConfig;
let n = 0;
const ref = () => `AT1042-${++n}-${Date.now().toString(36)}`;

beforeAll(async () => {
  server = await startAndreaniServer();
  account = andreaniAccount(server, { id: `andreani-format-${Date.now()}` });
});
afterAll(() => server.close());

describe('Andreani on the wire', () => {
  it('logs in with HTTP Basic once and sends the token in x-authorization-token', async () => {
    const acc = { ...account, id: `andreani-login-${Date.now()}` };
    const before = server.logins();
    await andreaniCarrier.branches!(acc, '1414', io(acc));
    await andreaniCarrier.branches!(acc, '5000', io(acc));
    expect(server.logins() - before).toBe(1);
    const login = server.server.requests.filter((r) => r.path === '/login').at(-1)!;
    expect(login.headers.authorization).toBe(`Basic ${Buffer.from('atalaya-api:Clave-Andreani-1').toString('base64')}`);
    const call = server.server.requests.filter((r) => r.path === '/v2/sucursales').at(-1)!;
    expect(call.headers['x-authorization-token']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('logs in again once when Andreani revokes the token, and the call goes through', async () => {
    await andreaniCarrier.branches!(account, '1414', io(account));
    const before = server.logins();
    server.revokeTokens();
    const branches = await andreaniCarrier.branches!(account, '1414', io(account));
    expect(branches.length).toBeGreaterThan(0);
    expect(server.logins() - before).toBe(1);
  });

  it('says which credentials to fix when Andreani refuses the login', async () => {
    const bad = { ...account, id: `andreani-bad-${Date.now()}`, secrets: { username: 'atalaya-api', password: 'wrong' } };
    const e = await failure(
      andreaniCarrier.quote(bad, { ...andreaniShipmentRequest('Q'), parcels: [andreaniShipmentRequest('Q').parcel] }, io(bad)),
    );
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/user and password of account "Andreani \(loopback\)"/);
    const none = { ...account, secrets: {} };
    expect((await failure(andreaniCarrier.quote(none, { ...andreaniShipmentRequest('Q'), parcels: [] }, io(none)))).message).toMatch(
      /no username: enter the API user/,
    );
  });

  it('quotes each contract with the documented bultos[i][…] query and the price with VAT', async () => {
    const req = andreaniShipmentRequest('Q');
    const quotes = await andreaniCarrier.quote(
      { ...account, settings: { ...account.settings, transitDays: '4' } },
      { from: req.from, to: req.to, parcels: [req.parcel, { weightGrams: 500 }], declaredValue: req.declaredValue },
      io(account),
    );
    expect(quotes.map((q) => [q.service, q.serviceName, q.price.currency, q.transitDays])).toEqual([
      ['standard', 'Andreani Estándar', 'ARS', 4],
      ['urgent', 'Andreani Urgente', 'ARS', 1],
    ]);
    expect(quotes[1]!.price.amount).toBeGreaterThan(quotes[0]!.price.amount);
    const q = server.server.requests.filter((r) => r.path === '/v1/tarifas').at(-2)!.query;
    expect(Object.fromEntries(q)).toEqual({
      cpDestino: '5000',
      contrato: '400006709',
      cliente: 'CL0001234',
      'bultos[0][volumen]': '6000',
      'bultos[0][kilos]': '1.25',
      'bultos[0][valorDeclarado]': '22500.00',
      'bultos[0][altoCm]': '10',
      'bultos[0][anchoCm]': '20',
      'bultos[0][largoCm]': '30',
      'bultos[1][volumen]': '6000',
      'bultos[1][kilos]': '0.5',
      'bultos[1][valorDeclarado]': '22500.00',
    });
  });

  it('names the missing setting when the account has no contract', async () => {
    const acc = { ...account, settings: { baseUrl: server.url, clientCode: 'CL0001234' } };
    const e = await failure(andreaniCarrier.createShipment(acc, andreaniShipmentRequest(ref()), io(acc)));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/has no contract: set the Andreani contract number for Andreani Estándar/);
  });
});

describe('Andreani asynchronous labels', () => {
  it('sends the documented order body and answers 202 Pendiente as pending, then created once Andreani creates it', async () => {
    const reference = ref();
    const first = await andreaniCarrier.createShipment(account, andreaniShipmentRequest(reference), io(account));
    expect(first).toMatchObject({ state: 'pending', retryAfterMs: 30_000 });
    if (first.state !== 'pending') return;
    const order = server.orders.get(first.externalId)!;
    expect(order.body).toMatchObject({
      contrato: '400006709',
      idPedido: reference,
      origen: { postal: { codigoPostal: '1425', calle: 'Av. Santa Fe', numero: '3253', region: 'AR-C', pais: 'Argentina' } },
      destino: { postal: { codigoPostal: '5000', calle: 'Bv. San Juan', numero: '450', localidad: 'Córdoba', region: 'AR-X' } },
      remitente: { nombreCompleto: 'Atalaya Palermo', documentoTipo: 'CUIT', documentoNumero: '30712345678' },
      destinatario: [{ nombreCompleto: 'Juana María Gonzalez', email: 'juana@example.test' }],
      bultos: [
        {
          kilos: 1.25,
          volumenCm: 6000,
          largoCm: 30,
          anchoCm: 20,
          altoCm: 10,
          referencias: [
            { meta: 'idCliente', contenido: reference },
            { meta: 'observaciones', contenido: 'Pedido #1042' },
          ],
        },
      ],
    });
    // Still pending: the label is not there yet, and the adapter says so instead of failing obscurely.
    expect(await andreaniCarrier.checkShipment(account, first.externalId, io(account))).toMatchObject({ state: 'pending' });
    const early = await failure(andreaniCarrier.label(account, first.externalId, 'pdf', io(account)));
    expect(early.message).toMatch(/"Pendiente" at Andreani, its label is not ready/);

    server.settle('created');
    const created = await andreaniCarrier.checkShipment(account, first.externalId, io(account));
    expect(created).toEqual({
      state: 'created',
      externalId: first.externalId,
      trackingNumber: first.externalId,
      trackingUrl: `https://www.andreani.com/envio/${first.externalId}`,
    });
    const label = await andreaniCarrier.label(account, first.externalId, 'zpl', io(account));
    expect(label.format).toBe('pdf');
    const text = Buffer.from(label.bytes).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain(`Envio ${first.externalId}`);
    // By the bulto group, as Andreani's etiquetas link names it.
    expect(server.server.requests.at(-1)!.path).toBe(`/v2/ordenes-de-envio/${order.agrupador}/etiquetas`);
  });

  it("answers a rejected order with Andreani's reason, and a later create for the same reference buys anew", async () => {
    const reference = ref();
    const first = await andreaniCarrier.createShipment(account, andreaniShipmentRequest(reference), io(account));
    if (first.state !== 'pending') throw new Error('expected pending');
    server.settle('rejected');
    const rejected = await andreaniCarrier.checkShipment(account, first.externalId, io(account));
    expect(rejected).toEqual({
      state: 'rejected',
      externalId: first.externalId,
      reason: 'Andreani rejected the shipment: El código postal de destino no es válido para el contrato',
    });
    const before = server.purchases();
    const again = await andreaniCarrier.createShipment(account, andreaniShipmentRequest(reference), io(account));
    expect(again.state).toBe('pending');
    expect(server.purchases() - before).toBe(1);
  });

  it('finds the order a timed-out create made instead of buying another', async () => {
    const reference = ref();
    const before = server.purchases();
    server.failNext('timeout');
    const slow = {
      ...io(account),
      http: new CarrierHttpPool({ ...DEFAULT_CARRIER_HTTP, timeoutMs: 300 }).forAccount(account.id, 'Andreani'),
    };
    expect((await failure(andreaniCarrier.createShipment(account, andreaniShipmentRequest(reference), slow))).kind).toBe('unavailable');
    const again = await andreaniCarrier.createShipment(account, andreaniShipmentRequest(reference), io(account));
    expect(again.state).toBe('pending');
    expect(server.purchases() - before).toBe(1);
    const posts = server.server.requests.filter((r) => r.method === 'POST' && r.body.includes(reference));
    expect(posts).toHaveLength(1);
  });

  it('answers an order Andreani refuses as it is (400) as rejected, saying why', async () => {
    const acc = { ...account, settings: { ...account.settings, contract: '999999999' } };
    const r = await andreaniCarrier.createShipment(acc, andreaniShipmentRequest(ref()), io(acc));
    expect(r.state).toBe('rejected');
    if (r.state === 'rejected') expect(r.reason).toMatch(/Contrato inválido/);
  });

  it('has no cancel: the capability says so and a call explains what to do instead', async () => {
    expect(andreaniCarrier.capabilities.cancel).toBe(false);
    const e = await failure(andreaniCarrier.cancel(account, '360000000000001', io(account)));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/no cancellation.*do not hand the parcel over/);
  });
});

describe('Andreani tracking and branches', () => {
  it('maps the traces with motive and branch, leaving out numbers Andreani does not know', async () => {
    const first = await andreaniCarrier.createShipment({ ...account }, andreaniShipmentRequest(ref()), io(account));
    if (first.state !== 'pending') throw new Error('expected pending');
    server.settle('created');
    server.addTraza(first.externalId, { Estado: 'Ingreso al circuito operativo', EstadoId: 5 });
    server.addTraza(first.externalId, { Estado: 'En distribución', EstadoId: 6 });
    server.addTraza(first.externalId, { Estado: 'Visita', EstadoId: 11, Motivo: 'Domicilio inexistente', MotivoId: 40 });
    const events = await andreaniCarrier.track(account, [first.externalId, '360009999999999', first.externalId], io(account));
    expect(events.map((e) => [e.status, e.reason, e.carrierCode, e.carrierText, e.location])).toEqual([
      ['ready', null, '1', 'Pendiente de ingreso', 'Sucursal Genérica'],
      ['in_transit', null, '5', 'Ingreso al circuito operativo', 'Monserrat'],
      ['out_for_delivery', null, '6', 'En distribución', 'Monserrat'],
      ['attempt_failed', 'address_not_found', '11', 'Visita: Domicilio inexistente', 'Monserrat'],
    ]);
    // Fecha has no offset: the adapter read it as Argentine time, which is how the server wrote it.
    const raw = server.orders.get(first.externalId)!.trazas[1]!.Fecha;
    expect(events[1]!.occurredAt.toISOString().slice(0, 19)).toBe(new Date(`${raw}-03:00`).toISOString().slice(0, 19));
  });

  it('answers branches as Branch rows, coordinates as numbers or null', async () => {
    const branches = await andreaniCarrier.branches!(account, '1093', io(account));
    expect(branches).toEqual([
      { id: '12', name: 'Monserrat', address: 'Av. Belgrano 1260, C.A.B.A.', postalCode: '1093', lat: -34.613, lng: -58.385 },
      {
        id: '2145',
        name: 'PUNTO ANDREANI HOP Kiosco Sol',
        address: 'Av. San Juan 2500, C.A.B.A.',
        postalCode: '1093',
        lat: null,
        lng: null,
      },
    ]);
  });
});

describe('Andreani with synchronous creation', () => {
  it('answers an order created at once as created', async () => {
    const sync = await startAndreaniServer({ labels: 'sync' });
    try {
      const acc = andreaniAccount(sync, { id: `andreani-sync-${Date.now()}` });
      const r = await andreaniCarrier.createShipment(acc, andreaniShipmentRequest(ref()), io(acc));
      expect(r.state).toBe('created');
    } finally {
      await sync.close();
    }
  });
});
