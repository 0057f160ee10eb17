import type { Branch } from '../../../shared';
import {
  CarrierError,
  type CarrierAccountConfig,
  type CarrierAdapter,
  type CarrierIo,
  type CarrierLabel,
  type CarrierTrackingEvent,
  type CreateResult,
  type Quote,
} from '../../ports/carrier.port';
import { fold, postcodeDigits } from './ar-address';
import { branchRows, trackingEvents } from './oca-answers';
import { errorTexts, ingresoXml, ocaCuit, ocaDate, ocaPackage, parseOca, rows, strings } from './oca-xml';

/**
 * OCA e-Pak (Argentina), the `Oep_TrackEPak.asmx` web service as developers.oca.com.ar/epak.html
 * documents it, over its HTTP POST binding (form fields in, XML out). Labels are made with the
 * shipment (sync). A shipment is an "orden de retiro" (what cancel names) holding one "número de
 * envío" (what labels and tracking name): our externalId carries both, `<ordenRetiro>:<numeroEnvio>`.
 * OCA has no webhooks for e-Pak and no manifest/pickup call beyond the pickup the order itself
 * books (`ConfirmarRetiro`), so those capabilities are off.
 */

export const OCA_DEFAULT_BASE_URL = 'http://webservice.oca.com.ar/ePak_tracking/Oep_TrackEPak.asmx';

const SERVICES = [
  { service: 'standard', setting: 'operativa', name: 'OCA e-Pak Puerta a Puerta' },
  { service: 'priority', setting: 'priorityOperativa', name: 'OCA e-Pak Prioritario' },
] as const;

const baseUrl = (a: CarrierAccountConfig) => (a.settings.baseUrl?.trim() || OCA_DEFAULT_BASE_URL).replace(/\/+$/, '');

function setting(a: CarrierAccountConfig, key: string, what: string): string {
  const v = a.settings[key]?.trim();
  if (!v) throw new CarrierError(`OCA account "${a.name}" has no ${key}: set ${what} in the carrier account's settings`, 'invalid');
  return v;
}

function secret(a: CarrierAccountConfig, key: 'username' | 'password'): string {
  const v = a.secrets[key];
  if (!v) {
    throw new CarrierError(
      `OCA account "${a.name}" has no ${key}: enter the e-Pak ${key === 'username' ? 'user (the e-mail you log in to e-Pak with)' : 'password'} in the carrier account form`,
      'auth',
    );
  }
  return v;
}

const CREDENTIALS = /usuario|contrase|password|clave|credencial/i;

function refusedCredentials(a: CarrierAccountConfig, detail: string): CarrierError {
  return new CarrierError(
    `OCA refused the e-Pak user and password of account "${a.name}" (${detail}): check the user (your e-Pak e-mail) and password in the carrier account form`,
    'auth',
  );
}

/**
 * One call to an e-Pak method. ASMX's POST binding wants every parameter of the method present (an
 * absent one is a 500 "Missing parameter"), so callers pass all of them, empty when unused.
 */
async function call(
  account: CarrierAccountConfig,
  io: CarrierIo,
  method: string,
  params: Record<string, string>,
  what: string,
  idempotent = true,
) {
  try {
    const res = await io.http.request({
      what,
      method: 'POST',
      url: `${baseUrl(account)}/${method}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'text/xml' },
      body: new URLSearchParams(params).toString(),
      idempotent,
    });
    return parseOca(res.text(), what);
  } catch (e) {
    // ASMX answers a refused login as an exception page (500) whose text names the user or password.
    if (e instanceof CarrierError && e.kind === 'unavailable' && CREDENTIALS.test(e.message)) throw refusedCredentials(account, '500');
    throw e;
  }
}

/** `<ordenRetiro>:<numeroEnvio>`; a bare number is an envío whose order is looked up. */
function parseId(externalId: string): { orden?: string; envio: string } {
  const i = externalId.indexOf(':');
  return i < 0 ? { envio: externalId } : { orden: externalId.slice(0, i), envio: externalId.slice(i + 1) };
}

interface EnvioState {
  orden: string;
  envio: string;
  estado: string;
}

/** `GetEnvioEstadoActual`: the envío's order and its current state, or undefined when OCA does not know it. */
async function currentState(account: CarrierAccountConfig, io: CarrierIo, envio: string, orden?: string): Promise<EnvioState | undefined> {
  const what = `OCA state of envío ${envio}`;
  const tree = await call(account, io, 'GetEnvioEstadoActual', { numeroEnvio: envio, ordenRetiro: orden ?? '' }, what);
  const row = rows(tree, 'Table').find((r) => (r.numeroenvio ?? envio) === envio);
  if (!row) return undefined;
  const o = row.ordenretiro || row.idordenretiro || row.nroordenretiro || orden;
  if (!o) throw new CarrierError(`${what}: OCA answered the envío without its orden de retiro`, 'protocol');
  return { orden: o, envio, estado: row.estado || row.estadodescripcion || row.desdcripcion_estado || row.descripcion_estado || '' };
}

const voided = (estado: string) => /anulad/.test(fold(estado));

/**
 * The shipment an earlier create made for this reference: `Tracking_Pieza` by NroDocumentoCliente
 * (our reference, sent as the remito) and CUIT lists its envíos. A CONFIRMAR with a real account:
 * whether OCA lists an envío under its remito before its first scan — our loopback does, from the
 * "Lógico recibido" event OCA records when the order is entered.
 */
async function findByReference(
  account: CarrierAccountConfig,
  io: CarrierIo,
  reference: string,
  cuit: string,
): Promise<CreateResult | undefined> {
  const what = `OCA search for shipment ${reference}`;
  const tree = await call(account, io, 'Tracking_Pieza', { NroDocumentoCliente: reference, CUIT: cuit, Pieza: '' }, what);
  const envios = [
    ...new Set(
      rows(tree, 'Table')
        .map((r) => r.numeroenvio)
        .filter((n): n is string => !!n),
    ),
  ];
  for (const envio of envios) {
    const s = await currentState(account, io, envio);
    if (s && !voided(s.estado)) return { state: 'created', externalId: `${s.orden}:${s.envio}`, trackingNumber: s.envio };
  }
  return undefined;
}

export const ocaCarrier: CarrierAdapter = {
  kind: 'oca',
  displayName: 'OCA',
  capabilities: {
    quote: true,
    label: 'sync',
    labelFormats: ['pdf', 'zpl'],
    cancel: true,
    manifest: false,
    pickupBooking: false,
    branches: true,
    webhook: false,
    polling: true,
  },
  settingsSpec: [
    {
      key: 'baseUrl',
      secret: false,
      required: false,
      help: `e-Pak web service address: ${OCA_DEFAULT_BASE_URL} (production, the default) or http://webservice.oca.com.ar/ePak_Tracking_TEST/Oep_TrackEPak.asmx (tests).`,
    },
    { key: 'cuit', secret: false, required: true, help: 'CUIT registered with OCA (e.g. 30-53625919-4; dashes are added if missing).' },
    { key: 'accountNumber', secret: false, required: true, help: 'OCA account number (número de cuenta, e.g. 111757/001).' },
    { key: 'operativa', secret: false, required: true, help: 'Operativa for door-to-door delivery (e.g. 64665), from your OCA contract.' },
    {
      key: 'priorityOperativa',
      secret: false,
      required: false,
      help: 'Operativa of a faster service, if your contract has one (adds the "priority" service).',
    },
    {
      key: 'costCenter',
      secret: false,
      required: false,
      help: 'Cost centre for returns (centro de costo, from GetCentroCostoPorOperativa); default 0.',
    },
    { key: 'timeSlot', secret: false, required: false, help: 'Pickup time slot: 1 = 8–17 h (default), 2 = 8–12 h, 3 = 14–17 h.' },
    {
      key: 'originBranch',
      secret: false,
      required: false,
      help: 'OCA branch id where you drop parcels off (idcentroimposicionorigen), only for branch admission; default 0 (pickup at your address).',
    },
    { key: 'username', secret: true, required: true, help: 'e-Pak user: the e-mail you log in to e-Pak with.' },
    { key: 'password', secret: true, required: true, help: 'e-Pak password.' },
  ],

  async quote(account, req, io): Promise<Quote[]> {
    const cuit = ocaCuit(setting(account, 'cuit', 'the CUIT registered with OCA'));
    setting(account, 'operativa', 'the door-to-door operativa of your OCA contract');
    const packages = req.parcels.map(ocaPackage);
    const weight = packages.reduce((s, p) => s + Number(p.peso), 0);
    const volume = packages.reduce((s, p) => s + p.volumeM3, 0);
    const quotes: Quote[] = [];
    for (const svc of SERVICES) {
      const operativa = account.settings[svc.setting]?.trim();
      if (!operativa) continue;
      const what = `OCA quote (${svc.name}) to ${req.to.postalCode ?? '?'}`;
      const tree = await call(
        account,
        io,
        'Tarifar_Envio_Corporativo',
        {
          PesoTotal: weight.toFixed(2),
          VolumenTotal: volume.toFixed(6),
          CodigoPostalOrigen: postcodeDigits(req.from),
          CodigoPostalDestino: postcodeDigits(req.to),
          CantidadPaquetes: String(Math.max(1, req.parcels.length)),
          ValorDeclarado: String(Math.round(req.declaredValue.amount)),
          Cuit: cuit,
          Operativa: operativa,
        },
        what,
      );
      const row = rows(tree, 'Table')[0];
      const total = Number(row?.total?.replace(',', '.'));
      if (!row || !Number.isFinite(total) || total <= 0) {
        throw new CarrierError(
          `${what}: OCA gave no rate for operativa ${operativa} from ${postcodeDigits(req.from)} to ${postcodeDigits(req.to)}; check the account's CUIT and operativa, and that OCA serves that postcode`,
          'invalid',
        );
      }
      const days = Number(row.plazoentrega);
      quotes.push({
        service: svc.service,
        serviceName: svc.name,
        price: { amount: Math.round(total * 100) / 100, currency: 'ARS' },
        transitDays: Number.isInteger(days) && days >= 0 ? days : 5,
      });
    }
    return quotes;
  },

  async createShipment(account, req, io): Promise<CreateResult> {
    const svc = SERVICES.find((s) => s.service === req.service);
    if (!svc)
      throw new CarrierError(
        `OCA has no service "${req.service}" in Atalaya: use ${SERVICES.map((s) => s.service).join(' or ')}`,
        'invalid',
      );
    const operativa = setting(account, svc.setting, `the operativa for ${svc.name}`);
    const cuit = ocaCuit(setting(account, 'cuit', 'the CUIT registered with OCA'));
    const origin = {
      accountNumber: setting(account, 'accountNumber', 'the OCA account number (e.g. 111757/001)'),
      operativa,
      costCenter: account.settings.costCenter?.trim() || '0',
      timeSlot: account.settings.timeSlot?.trim() || '1',
      originBranch: account.settings.originBranch?.trim() || '0',
      date: ocaDate(io.now()),
    };
    const usr = secret(account, 'username');
    const psw = secret(account, 'password');
    // Retry-safe: a create that timed out may have gone through; find it before buying another.
    const earlier = await findByReference(account, io, req.reference, cuit);
    if (earlier) return earlier;
    const what = `OCA create shipment ${req.reference}`;
    const tree = await call(
      account,
      io,
      'IngresoORMultiplesRetiros',
      { usr, psw, xml_Datos: ingresoXml(req, origin), ConfirmarRetiro: 'true', ArchivoCliente: '', ArchivoProceso: '' },
      what,
      false,
    );
    const errors = errorTexts(tree);
    const credentials = errors.find((e) => CREDENTIALS.test(e));
    if (credentials) throw refusedCredentials(account, credentials);
    const detail = rows(tree, 'DetalleIngresos').find((d) => d.numeroenvio && d.ordenretiro);
    if (!detail) {
      const resumen = rows(tree, 'Resumen')[0];
      const reason = errors.join('; ') || (resumen ? `${resumen.cantidadrechazados ?? '?'} rejected` : 'no envío in the answer');
      return { state: 'rejected', reason: `OCA did not take the shipment: ${reason}` };
    }
    return { state: 'created', externalId: `${detail.ordenretiro}:${detail.numeroenvio}`, trackingNumber: detail.numeroenvio! };
  },

  async checkShipment(account, externalId, io): Promise<CreateResult> {
    const { orden, envio } = parseId(externalId);
    const s = await currentState(account, io, envio, orden);
    if (!s) throw new CarrierError(`OCA does not know envío ${envio}`, 'not_found');
    if (voided(s.estado)) return { state: 'rejected', externalId, reason: `OCA has the order ${s.orden} as "${s.estado}"` };
    return { state: 'created', externalId: `${s.orden}:${s.envio}`, trackingNumber: s.envio };
  },

  async label(account, externalId, format, io): Promise<CarrierLabel> {
    const { orden, envio } = parseId(externalId);
    const what = `OCA ${format.toUpperCase()} label of envío ${envio}`;
    if (format === 'zpl') {
      const tree = await call(account, io, 'ObtenerEtiquetasZPL', { ordenRetiro: orden ?? '', numeroEnvio: envio, numeroBulto: '' }, what);
      const zpl = strings(tree).filter((s) => s.includes('^XA'));
      if (!zpl.length) throw new CarrierError(`${what}: OCA has no label for it (not created, or voided)`, 'not_found');
      return { format: 'zpl', bytes: new Uint8Array(Buffer.from(zpl.join('\n'), 'utf8')) };
    }
    // The 10×15 cm variant, for label printers (the plain one is A4).
    const tree = await call(
      account,
      io,
      'GetPdfDeEtiquetasPorOrdenOrNumeroEnvioParaEtiquetadora',
      { idOrdenRetiro: orden ?? '', nroEnvio: envio, logisticaInversa: 'false' },
      what,
    );
    const b64 = strings(tree).join('').replace(/\s+/g, '');
    if (!b64) throw new CarrierError(`${what}: OCA has no label for it (not created, or voided)`, 'not_found');
    const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
    if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
      throw new CarrierError(`${what}: OCA's answer is not a base64 PDF`, 'protocol');
    }
    return { format: 'pdf', bytes };
  },

  async cancel(account, externalId, io): Promise<{ alreadyCancelled: boolean }> {
    const id = parseId(externalId);
    const orden = id.orden ?? (await currentState(account, io, id.envio))?.orden;
    if (!orden) throw new CarrierError(`OCA does not know envío ${id.envio}: nothing to cancel`, 'not_found');
    const what = `OCA cancel order ${orden}`;
    const tree = await call(
      account,
      io,
      'AnularOrdenGenerada',
      { usr: secret(account, 'username'), psw: secret(account, 'password'), IdOrdenRetiro: orden },
      what,
      false,
    );
    const row = rows(tree, 'Table')[0] ?? {};
    const code = (row.idresult ?? '').trim();
    const message = row.mensaje ?? '';
    if (code === '100') return { alreadyCancelled: false };
    if (code === '110') throw refusedCredentials(account, message || 'usuario inválido');
    if (code === '120') {
      throw new CarrierError(
        `${what}: OCA says the order was not created by this account's e-Pak user (${message}); cancel it from the user that made it`,
        'invalid',
      );
    }
    if (code === '130') {
      // "Wrong state": already voided (success, idempotently) or already on its way (a person must act).
      const s = await currentState(account, io, id.envio, orden);
      if (s && voided(s.estado)) return { alreadyCancelled: true };
      throw new CarrierError(
        `${what}: OCA cannot void it any more, the envío is "${s?.estado ?? 'unknown'}"; ask OCA to return it instead`,
        'invalid',
      );
    }
    throw new CarrierError(`${what}: OCA answered a result we do not know (${code || 'none'}: ${message})`, 'protocol');
  },

  async branches(account, postalCode, io): Promise<Branch[]> {
    const what = `OCA branches near ${postalCode}`;
    const tree = await call(account, io, 'GetCentrosImposicionConServiciosByCP', { CodigoPostal: postcodeDigits({ postalCode }) }, what);
    return branchRows(tree);
  },

  async track(account, trackingNumbers, io): Promise<CarrierTrackingEvent[]> {
    const numbers = [...new Set(trackingNumbers)];
    const found = new Map<string, CarrierTrackingEvent[]>();
    // Tracking_Pieza answers one envío per call: a few at a time.
    const queue = [...numbers];
    const worker = async () => {
      for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
        const tree = await call(account, io, 'Tracking_Pieza', { NroDocumentoCliente: '', CUIT: '', Pieza: n }, `OCA tracking of ${n}`);
        const events = trackingEvents(n, tree);
        if (events.length) found.set(n, events);
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
    return numbers.flatMap((n) => found.get(n) ?? []);
  },
};
