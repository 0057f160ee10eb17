import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CarrierHttpPool, DEFAULT_CARRIER_HTTP } from '../../../src/engine/adapters/carriers/carrier-http';
import { ocaCarrier } from '../../../src/engine/adapters/carriers/oca.carrier';
import { CarrierError, type CarrierAccountConfig, type CarrierIo } from '../../../src/engine/ports/carrier.port';
import { startLoopback } from '../../support/loopback/loopback-server';
import { ocaAccount, ocaShipmentRequest } from '../../support/carriers/oca-harness';
import { startOcaServer, type OcaServer } from '../../support/carriers/oca-server';

/**
 * OCA e-Pak against its loopback server: the ASMX POST binding (every parameter, form-encoded), the
 * ROWS document the create sends, DataSet answers, OCA's own error shapes (credentials refused in the
 * XML or as an exception page, rejected data, cancel result codes), ZPL and PDF labels, tracking rows
 * with motives, branches filtered to those that deliver — what the conformance suite does not look at.
 */

const io = (account: CarrierAccountConfig): CarrierIo => ({
  http: new CarrierHttpPool({ ...DEFAULT_CARRIER_HTTP, timeoutMs: 2_000, initialDelayMs: 5, maxDelayMs: 20 }).forAccount(account.id, 'OCA'),
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

let server: OcaServer;
let account: CarrierAccountConfig;
let n = 0;
const ref = () => `AT2077-${++n}-${Date.now().toString(36).slice(-4)}`;
const form = (i: number) => new URLSearchParams(server.server.requests.at(i)!.body);

beforeAll(async () => {
  server = await startOcaServer();
  account = ocaAccount(server);
});
afterAll(() => server.close());

describe('OCA on the wire', () => {
  it('quotes each operativa by form POST with weight in kg, volume in m³ and the CUIT with dashes', async () => {
    const req = ocaShipmentRequest('Q');
    const quotes = await ocaCarrier.quote(
      account,
      { from: req.from, to: req.to, parcels: [req.parcel, { weightGrams: 750 }], declaredValue: req.declaredValue },
      io(account),
    );
    expect(quotes.map((q) => [q.service, q.serviceName, q.price.currency, q.transitDays])).toEqual([
      ['standard', 'OCA e-Pak Puerta a Puerta', 'ARS', 4],
      ['priority', 'OCA e-Pak Prioritario', 'ARS', 2],
    ]);
    const call = server.server.requests.at(-2)!;
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/ePak_tracking/Oep_TrackEPak.asmx/Tarifar_Envio_Corporativo');
    expect(call.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(form(-2))).toEqual({
      PesoTotal: '2.00',
      VolumenTotal: '0.012000',
      CodigoPostalOrigen: '1425',
      CodigoPostalDestino: '5000',
      CantidadPaquetes: '2',
      ValorDeclarado: '45000',
      Cuit: '30-53625919-4',
      Operativa: '64665',
    });
    // The price is the Total (with VAT) of the Tarifador row.
    expect(quotes[0]!.price.amount).toBeGreaterThan(0);
  });

  it('says what to check when OCA answers no rate (a CUIT that does not own the operativa)', async () => {
    const acc = { ...account, settings: { ...account.settings, cuit: '20-11111111-2' } };
    const e = await failure(ocaCarrier.quote(acc, { ...ocaShipmentRequest('Q'), parcels: [{ weightGrams: 500 }] }, io(acc)));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/no rate for operativa 64665 from 1425 to 5000; check the account's CUIT and operativa/);
  });

  it('creates with the ROWS document in xml_Datos and ConfirmarRetiro, answering the order and the envío', async () => {
    const reference = ref();
    const r = await ocaCarrier.createShipment(account, ocaShipmentRequest(reference), io(account));
    if (r.state !== 'created') throw new Error(`expected created, got ${JSON.stringify(r)}`);
    const envio = server.envios.get(r.trackingNumber)!;
    expect(r.externalId).toBe(`${envio.orden}:${envio.numero}`);
    expect(r.trackingNumber).toMatch(/^\d{19}$/);
    const sent = form(-1);
    expect([...sent.keys()]).toEqual(['usr', 'psw', 'xml_Datos', 'ConfirmarRetiro', 'ArchivoCliente', 'ArchivoProceso']);
    expect(sent.get('ConfirmarRetiro')).toBe('true');
    expect(envio.xml).toContain(`nroremito="${reference}"`);
    expect(envio.xml).toContain('<destinatario apellido="Fernández" nombre="Martín" calle="Bv. San Juan" nro="450"');
    // It looked the reference up first (Tracking_Pieza by NroDocumentoCliente and CUIT).
    const lookup = new URLSearchParams(server.server.requests.at(-2)!.body);
    expect(Object.fromEntries(lookup)).toEqual({ NroDocumentoCliente: reference, CUIT: '30-53625919-4', Pieza: '' });
  });

  it('answers data OCA refuses as rejected with its description, and buys nothing', async () => {
    const before = server.purchases();
    const req = ocaShipmentRequest(ref());
    const r = await ocaCarrier.createShipment(account, { ...req, to: { ...req.to, postalCode: '9999' } }, io(account));
    expect(r).toEqual({ state: 'rejected', reason: 'OCA did not take the shipment: Código postal de destino inexistente: 9999' });
    expect(server.purchases()).toBe(before);
  });

  it('reads refused credentials as auth whether OCA says so in the XML or in an exception page', async () => {
    const bad = { ...account, secrets: { username: 'epak@atalaya.test', password: 'nope' } };
    const inXml = await failure(ocaCarrier.createShipment(bad, ocaShipmentRequest(ref()), io(bad)));
    expect(inXml.kind).toBe('auth');
    expect(inXml.message).toMatch(
      /OCA refused the e-Pak user and password of account "OCA \(loopback\)" \(Usuario o contraseña inválidos\)/,
    );

    const page = await startLoopback((r) =>
      r.path.endsWith('/Tracking_Pieza')
        ? { status: 200, headers: { 'content-type': 'text/xml' }, body: '<DataSet><diffgram><NewDataSet/></diffgram></DataSet>' }
        : { status: 500, body: 'System.Exception: Usuario y/o contraseña incorrectos.\n   at Oca.ePak.Ingreso()' },
    );
    try {
      const acc = { ...account, id: 'oca-page', settings: { ...account.settings, baseUrl: page.url } };
      const e = await failure(ocaCarrier.createShipment(acc, ocaShipmentRequest(ref()), io(acc)));
      expect(e.kind).toBe('auth');
    } finally {
      await page.close();
    }
  });

  it('names the missing setting or secret', async () => {
    const noOp = { ...account, settings: { ...account.settings, operativa: '' } };
    expect((await failure(ocaCarrier.createShipment(noOp, ocaShipmentRequest(ref()), io(noOp)))).message).toMatch(
      /has no operativa: set the operativa for OCA e-Pak Puerta a Puerta/,
    );
    const noUser = { ...account, secrets: { password: 'x' } };
    const e = await failure(ocaCarrier.createShipment(noUser, ocaShipmentRequest(ref()), io(noUser)));
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/has no username: enter the e-Pak user/);
  });
});

describe('OCA labels, cancel and tracking', () => {
  it('gives the 10×15 PDF and the ZPL label of an envío', async () => {
    const r = await ocaCarrier.createShipment(account, ocaShipmentRequest(ref()), io(account));
    if (r.state !== 'created') throw new Error('expected created');
    const pdf = await ocaCarrier.label(account, r.externalId, 'pdf', io(account));
    expect(pdf.format).toBe('pdf');
    expect(Buffer.from(pdf.bytes).toString('latin1')).toContain(`Envio ${r.trackingNumber}`);
    expect(server.server.requests.at(-1)!.path).toMatch(/GetPdfDeEtiquetasPorOrdenOrNumeroEnvioParaEtiquetadora$/);
    const zpl = await ocaCarrier.label(account, r.externalId, 'zpl', io(account));
    const text = Buffer.from(zpl.bytes).toString('utf8');
    expect(text).toMatch(/^\^XA[\s\S]*\^XZ$/);
    expect(text).toContain(`^FD${r.trackingNumber}^FS`);
    expect(Object.fromEntries(form(-1))).toEqual({
      ordenRetiro: r.externalId.split(':')[0],
      numeroEnvio: r.trackingNumber,
      numeroBulto: '',
    });
  });

  it('cancels by orden de retiro: once, then "already cancelled"; the label is gone; a new create buys anew', async () => {
    const reference = ref();
    const r = await ocaCarrier.createShipment(account, ocaShipmentRequest(reference), io(account));
    if (r.state !== 'created') throw new Error('expected created');
    expect(await ocaCarrier.cancel(account, r.externalId, io(account))).toEqual({ alreadyCancelled: false });
    expect(Object.fromEntries(form(-1))).toEqual({
      usr: 'epak@atalaya.test',
      psw: 'Clave-OCA-1',
      IdOrdenRetiro: r.externalId.split(':')[0],
    });
    // A bare envío number works too: the order is looked up.
    expect(await ocaCarrier.cancel(account, r.trackingNumber, io(account))).toEqual({ alreadyCancelled: true });
    expect((await failure(ocaCarrier.label(account, r.externalId, 'pdf', io(account)))).kind).toBe('not_found');
    expect(await ocaCarrier.checkShipment(account, r.externalId, io(account))).toMatchObject({ state: 'rejected' });
    const before = server.purchases();
    const again = await ocaCarrier.createShipment(account, ocaShipmentRequest(reference), io(account));
    expect(again.state).toBe('created');
    expect(server.purchases() - before).toBe(1);
  });

  it('refuses to cancel an envío already on its way, saying what to do', async () => {
    const r = await ocaCarrier.createShipment(account, ocaShipmentRequest(ref()), io(account));
    if (r.state !== 'created') throw new Error('expected created');
    server.addEvent(r.trackingNumber, 'Físico Recibido');
    const e = await failure(ocaCarrier.cancel(account, r.externalId, io(account)));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/cannot void it any more, the envío is "Físico Recibido"; ask OCA to return it/);
  });

  it('maps tracking rows with motive and branch, oldest first', async () => {
    const r = await ocaCarrier.createShipment(account, ocaShipmentRequest(ref()), io(account));
    if (r.state !== 'created') throw new Error('expected created');
    server.addEvent(r.trackingNumber, 'Despachada a Planta');
    server.addEvent(r.trackingNumber, 'En Calle');
    server.addEvent(r.trackingNumber, 'Visita', 'Domicilio inexistente');
    const events = await ocaCarrier.track(account, [r.trackingNumber, '3867599999999999999'], io(account));
    expect(events.map((e) => [e.status, e.reason, e.carrierCode, e.carrierText, e.location])).toEqual([
      ['ready', null, 'Lógico Recibido', 'Lógico Recibido', 'CAPITAL FEDERAL'],
      ['in_transit', null, 'Despachada a Planta', 'Despachada a Planta', 'CAPITAL FEDERAL'],
      ['out_for_delivery', null, 'En Calle', 'En Calle', 'CAPITAL FEDERAL'],
      ['attempt_failed', 'address_not_found', 'Visita', 'Visita: Domicilio inexistente', 'CAPITAL FEDERAL'],
    ]);
    expect(events.every((e, i) => i === 0 || e.occurredAt >= events[i - 1]!.occurredAt)).toBe(true);
    expect(Object.fromEntries(form(-1))).toEqual({ NroDocumentoCliente: '', CUIT: '', Pieza: '3867599999999999999' });
  });

  it('lists only branches that hand parcels over, with coordinates read from decimal commas', async () => {
    const branches = await ocaCarrier.branches!(account, 'X5000ABC', io(account));
    expect(branches).toEqual([
      { id: '115', name: 'Córdoba Centro', address: 'Av. Colón 850, CORDOBA', postalCode: '5000', lat: -31.4135, lng: -64.19 },
      { id: '117', name: 'Agente Oficial Güemes', address: 'Belgrano 700, CORDOBA', postalCode: '5000', lat: null, lng: null },
    ]);
  });
});
