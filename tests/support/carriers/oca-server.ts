import { XMLParser } from 'fast-xml-parser';
import { startLoopback, type LoopbackRequest, type LoopbackServer, type Reply } from '../loopback/loopback-server';
import { labelPdf } from './ar-label-pdf';
import type { InjectedFailure } from './harness';

/**
 * OCA e-Pak's `Oep_TrackEPak.asmx` as a loopback server speaking its HTTP POST binding (form fields
 * in, XML out), as developers.oca.com.ar/epak.html documents it: DataSet answers
 * (`<DataSet><xs:schema/><diffgr:diffgram><NewDataSet><Table>…`), `<string>` label results,
 * `IngresoORMultiplesRetiros` taking the ROWS XML, `AnularOrdenGenerada` result codes 100/110/120/130,
 * and ASMX's habit of refusing a call that lacks any parameter. Keeps envíos, purchases, cancels.
 */

export const OCA_PATH = '/ePak_tracking/Oep_TrackEPak.asmx';

export interface OcaEvent {
  estado: string;
  motivo: string;
  suc: string;
  at: number;
}

export interface OcaEnvio {
  orden: string;
  numero: string;
  remito: string;
  operativa: string;
  /** The ROWS document as received (to check what the adapter sent). */
  xml: string;
  voided: boolean;
  events: OcaEvent[];
}

export interface OcaServerOptions {
  username?: string;
  password?: string;
  cuit?: string;
  accountNumber?: string;
  operativas?: readonly string[];
  /** Destination postcodes OCA refuses (the order is not entered). */
  refusedPostcodes?: readonly string[];
  holdMs?: number;
}

export interface OcaServer {
  url: string;
  /** The account's baseUrl: the .asmx address on this server. */
  asmx: string;
  server: LoopbackServer;
  envios: Map<string, OcaEnvio>;
  purchases(): number;
  cancels(): number;
  failNext(failure: InjectedFailure, opts?: { times?: number; retryAfterS?: number }): void;
  addEvent(numero: string, estado: string, motivo?: string): void;
  close(): Promise<void>;
}

/** Every parameter of each method, as ASMX's POST binding requires them. */
const PARAMS: Readonly<Record<string, readonly string[]>> = {
  Tarifar_Envio_Corporativo: [
    'PesoTotal',
    'VolumenTotal',
    'CodigoPostalOrigen',
    'CodigoPostalDestino',
    'CantidadPaquetes',
    'ValorDeclarado',
    'Cuit',
    'Operativa',
  ],
  IngresoORMultiplesRetiros: ['usr', 'psw', 'xml_Datos', 'ConfirmarRetiro', 'ArchivoCliente', 'ArchivoProceso'],
  GetEnvioEstadoActual: ['numeroEnvio', 'ordenRetiro'],
  Tracking_Pieza: ['NroDocumentoCliente', 'CUIT', 'Pieza'],
  GetPdfDeEtiquetasPorOrdenOrNumeroEnvioParaEtiquetadora: ['idOrdenRetiro', 'nroEnvio', 'logisticaInversa'],
  GetPdfDeEtiquetasPorOrdenOrNumeroEnvio: ['idOrdenRetiro', 'nroEnvio', 'logisticaInversa'],
  ObtenerEtiquetasZPL: ['ordenRetiro', 'numeroEnvio', 'numeroBulto'],
  AnularOrdenGenerada: ['usr', 'psw', 'IdOrdenRetiro'],
  GetCentrosImposicionConServiciosByCP: ['CodigoPostal'],
};

/** Documented maximum lengths of the ROWS attributes OCA checks. */
const LENGTHS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  origen: {
    calle: 30,
    nro: 5,
    piso: 2,
    depto: 4,
    cp: 4,
    localidad: 30,
    provincia: 30,
    contacto: 30,
    email: 100,
    solicitante: 30,
    observaciones: 100,
    centrocosto: 10,
    idfranjahoraria: 1,
    idcentroimposicionorigen: 3,
  },
  destinatario: {
    apellido: 30,
    nombre: 30,
    calle: 30,
    nro: 5,
    piso: 6,
    depto: 4,
    localidad: 30,
    provincia: 30,
    cp: 4,
    telefono: 30,
    email: 100,
    idci: 3,
    celular: 15,
    observaciones: 100,
  },
  envio: { idoperativa: 6, nroremito: 30 },
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const xmlReply = (body: string, status = 200): Reply => ({
  status,
  headers: { 'content-type': 'text/xml; charset=utf-8' },
  body: `<?xml version="1.0" encoding="utf-8"?>\n${body}`,
});
const row = (fields: Record<string, string>, i: number) =>
  `<Table diffgr:id="Table${i + 1}" msdata:rowOrder="${i}">${Object.entries(fields)
    .map(([k, v]) => `<${k}>${esc(v)}</${k}>`)
    .join('')}</Table>`;
/** A .NET DataSet as ASMX serialises it: the schema, then the rows in a diffgram. */
const dataSet = (rows: Record<string, string>[], inner = rows.map(row).join('')) =>
  xmlReply(
    `<DataSet xmlns="#Oca_e_Pak"><xs:schema id="NewDataSet" xmlns="" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="urn:schemas-microsoft-com:xml-msdata"><xs:element name="NewDataSet" msdata:IsDataSet="true"><xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="Table"/></xs:choice></xs:complexType></xs:element></xs:schema><diffgr:diffgram xmlns:msdata="urn:schemas-microsoft-com:xml-msdata" xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1"><NewDataSet xmlns="">${inner}</NewDataSet></diffgr:diffgram></DataSet>`,
  );
/** ASMX's exception page: a 500 with the .NET exception as text. */
const aspError = (message: string, status = 500): Reply => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: message,
});
/** DataSet dateTime, Argentine offset. */
const arIso = (ms: number) => `${new Date(ms - 3 * 3_600_000).toISOString().slice(0, 19)}-03:00`;

/** A parsed ROWS element: attributes as strings, children as elements. */
interface El {
  [k: string]: string | El | El[] | undefined;
}

const rowsParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false });

export async function startOcaServer(opts: OcaServerOptions = {}): Promise<OcaServer> {
  const username = opts.username ?? 'epak@atalaya.test';
  const password = opts.password ?? 'Clave-OCA-1';
  const cuit = opts.cuit ?? '30-53625919-4';
  const accountNumber = opts.accountNumber ?? '111757/001';
  const operativas = new Set(opts.operativas ?? ['64665', '62342']);
  const refused = new Set(opts.refusedPostcodes ?? ['9999']);
  const holdMs = opts.holdMs ?? 2_500;
  const envios = new Map<string, OcaEnvio>();
  const failures: { failure: InjectedFailure; retryAfterS: number }[] = [];
  let purchases = 0;
  let cancels = 0;
  let seq = 0;
  let lastMs = 0;

  const addEvent = (numero: string, estado: string, motivo = 'Sin Motivo') => {
    const e = envios.get(numero);
    if (!e) throw new Error(`oca-server: no envío ${numero}`);
    lastMs = Math.max(Date.now(), lastMs + 1_000);
    e.events.push({ estado, motivo, suc: 'CAPITAL FEDERAL', at: lastMs });
  };

  const injected = (method: string, p: Record<string, string>): Reply | 'hold' | undefined => {
    // The reference lookup (Tracking_Pieza by NroDocumentoCliente) never consumes a failure: the
    // failures are meant for the call a case aims at (the create, a tracking, a check).
    if (method === 'Tracking_Pieza' && !p.Pieza) return undefined;
    const f = failures.shift();
    if (!f) return undefined;
    switch (f.failure) {
      case 'auth':
        if (method === 'IngresoORMultiplesRetiros') return ingresoError('Usuario o contraseña inválidos');
        if (method === 'AnularOrdenGenerada') return dataSet([{ IdResult: '110', Mensaje: 'Usuario inválido' }]);
        return aspError('401 - Unauthorized: Access is denied due to invalid credentials.', 401);
      case 'not_found':
        return aspError('The resource cannot be found.', 404);
      case 'rate_limited':
        return { status: 429, headers: { 'retry-after': String(f.retryAfterS), 'content-type': 'text/plain' }, body: 'Too Many Requests' };
      case 'server_error':
        return aspError('System.Web.Services.Protocols.SoapException: Server was unable to process request. ---> System.TimeoutException');
      case 'timeout':
        return 'hold';
    }
  };

  const ingresoError = (description: string) =>
    dataSet(
      [],
      `<Resultado><Resumen diffgr:id="Resumen1" msdata:rowOrder="0"><CodigoOperacion>0</CodigoOperacion><CantidadRegistros>1</CantidadRegistros><CantidadIngresados>0</CantidadIngresados><CantidadRechazados>1</CantidadRechazados></Resumen><Errores><Error><Descripcion>${esc(description)}</Descripcion></Error></Errores></Resultado>`,
    );

  const ingreso = (p: Record<string, string>): Reply => {
    if (p.usr !== username || p.psw !== password) return ingresoError('Usuario o contraseña inválidos');
    let doc: Record<string, unknown>;
    try {
      doc = rowsParser.parse(p.xml_Datos!) as Record<string, unknown>;
    } catch {
      return ingresoError('El XML de datos no es válido');
    }
    const rows = doc.ROWS as El | undefined;
    const cab = rows?.cabecera as El | undefined;
    const origen = (rows?.origenes as El | undefined)?.origen as El | undefined;
    const envio = (origen?.envios as El | undefined)?.envio as El | undefined;
    const dest = envio?.destinatario as El | undefined;
    const paquete = (envio?.paquetes as El | undefined)?.paquete as El | undefined;
    if (!cab || !origen || !envio || !dest || !paquete) return ingresoError('Estructura del XML incompleta');
    if (cab.ver !== '2.0' || cab.nrocuenta !== accountNumber) return ingresoError(`Número de cuenta inválido: ${String(cab.nrocuenta)}`);
    if (!/^\d{8}$/.test(String(origen.fecha))) return ingresoError('Fecha inválida (AAAAMMDD)');
    for (const [el, attrs] of [
      ['origen', origen],
      ['destinatario', dest],
      ['envio', envio],
    ] as const) {
      for (const [k, max] of Object.entries(LENGTHS[el]!)) {
        const v = attrs[k];
        if (v === undefined) return ingresoError(`Falta el atributo ${k} de ${el}`);
        if (typeof v === 'string' && v.length > max) return ingresoError(`El atributo ${k} de ${el} supera ${max} caracteres`);
      }
    }
    if (!operativas.has(String(envio.idoperativa))) return ingresoError(`Operativa inválida: ${String(envio.idoperativa)}`);
    if (!/^\d{4}$/.test(String(dest.cp)) || refused.has(String(dest.cp)))
      return ingresoError(`Código postal de destino inexistente: ${String(dest.cp)}`);
    if (!envio.nroremito) return ingresoError('Falta el número de remito');
    seq++;
    purchases++;
    const orden = String(1_000_000 + seq);
    const numero = `38675${String(Date.now() % 1e8).padStart(8, '0')}${String(seq).padStart(6, '0')}`;
    envios.set(numero, {
      orden,
      numero,
      remito: String(envio.nroremito),
      operativa: String(envio.idoperativa),
      xml: p.xml_Datos!,
      voided: false,
      events: [],
    });
    addEvent(numero, 'Lógico Recibido');
    return dataSet(
      [],
      `<Resultado><Resumen diffgr:id="Resumen1" msdata:rowOrder="0"><CodigoOperacion>${700_000 + seq}</CodigoOperacion><FechaIngreso>${arIso(Date.now())}</FechaIngreso><mailUsuario>${esc(username)}</mailUsuario><CantidadRegistros>1</CantidadRegistros><CantidadIngresados>1</CantidadIngresados><CantidadRechazados>0</CantidadRechazados></Resumen><DetalleIngresos diffgr:id="DetalleIngresos1" msdata:rowOrder="0"><Operativa>${esc(String(envio.idoperativa))}</Operativa><OrdenRetiro>${orden}</OrdenRetiro><NumeroEnvio>${numero}</NumeroEnvio><Remito>${esc(String(envio.nroremito))}</Remito><Estado>Ingresado</Estado><sucursalDestino>CORDOBA</sucursalDestino></DetalleIngresos></Resultado>`,
    );
  };

  const state = (e: OcaEnvio) => (e.voided ? 'Anulada' : (e.events.at(-1)?.estado ?? 'Ingresado'));
  const trackingRows = (list: OcaEnvio[]) =>
    list.flatMap((e) =>
      e.events.map((ev) => ({
        NumeroEnvio: e.numero,
        Descripcion_Motivo: ev.motivo,
        Desdcripcion_Estado: ev.estado,
        SUC: ev.suc,
        fecha: arIso(ev.at),
      })),
    );

  const route = (method: string, p: Record<string, string>): Reply => {
    switch (method) {
      case 'Tarifar_Envio_Corporativo': {
        if (p.Cuit !== cuit || !operativas.has(p.Operativa!)) return dataSet([]);
        const kg = Number(p.PesoTotal);
        const m3 = Number(p.VolumenTotal);
        if (!Number.isFinite(kg) || !Number.isFinite(m3))
          return aspError(`System.ArgumentException: Cannot convert ${p.PesoTotal} to System.Decimal.`);
        const precio = Math.round((2_100 + 380 * kg + 9_000 * m3) * (p.Operativa === [...operativas][0] ? 1 : 1.5) * 100) / 100;
        return dataSet([
          {
            Tarifador: '15',
            Precio: precio.toFixed(2),
            Ambito: 'Nacional',
            PlazoEntrega: p.Operativa === [...operativas][0] ? '4' : '2',
            Adicional: '0.00',
            Total: (precio * 1.21).toFixed(2),
          },
        ]);
      }
      case 'IngresoORMultiplesRetiros':
        return ingreso(p);
      case 'GetEnvioEstadoActual': {
        const e = envios.get(p.numeroEnvio!);
        if (!e || (p.ordenRetiro && p.ordenRetiro !== e.orden)) return dataSet([]);
        return dataSet([
          {
            NumeroEnvio: e.numero,
            OrdenRetiro: e.orden,
            Remito: e.remito,
            Operativa: e.operativa,
            Estado: state(e),
            FechaEstado: arIso(e.events.at(-1)?.at ?? Date.now()),
          },
        ]);
      }
      case 'Tracking_Pieza': {
        if (p.Pieza) {
          const e = envios.get(p.Pieza);
          return dataSet(e ? trackingRows([e]) : []);
        }
        if (!p.NroDocumentoCliente || p.CUIT !== cuit) return dataSet([]);
        return dataSet(trackingRows([...envios.values()].filter((e) => e.remito === p.NroDocumentoCliente)));
      }
      case 'GetPdfDeEtiquetasPorOrdenOrNumeroEnvio':
      case 'GetPdfDeEtiquetasPorOrdenOrNumeroEnvioParaEtiquetadora': {
        const e = envios.get(p.nroEnvio!) ?? [...envios.values()].find((x) => x.orden === p.idOrdenRetiro);
        if (!e || e.voided) return xmlReply('<string xmlns="#Oca_e_Pak" />');
        const pdf = Buffer.from(labelPdf(['OCA e-Pak', `Envio ${e.numero}`, `Remito ${e.remito}`])).toString('base64');
        return xmlReply(`<string xmlns="#Oca_e_Pak">${pdf}</string>`);
      }
      case 'ObtenerEtiquetasZPL': {
        const e = envios.get(p.numeroEnvio!) ?? [...envios.values()].find((x) => x.orden === p.ordenRetiro);
        if (!e || e.voided) return xmlReply('<ArrayOfString xmlns="#Oca_e_Pak" />');
        const zpl = `^XA^CI28^FO40,40^A0N,40,40^FDOCA e-Pak^FS^FO40,100^BCN,120,Y,N,N^FD${e.numero}^FS^FO40,280^A0N,30,30^FDRemito ${e.remito}^FS^XZ`;
        return xmlReply(`<ArrayOfString xmlns="#Oca_e_Pak"><string>${esc(zpl)}</string></ArrayOfString>`);
      }
      case 'AnularOrdenGenerada': {
        if (p.usr !== username || p.psw !== password) return dataSet([{ IdResult: '110', Mensaje: 'Usuario inválido' }]);
        const e = [...envios.values()].find((x) => x.orden === p.IdOrdenRetiro);
        if (!e) return dataSet([{ IdResult: '120', Mensaje: 'La Orden no fue generada por el usuario indicado' }]);
        // Only an order not yet picked up can be voided (its only event is the one OCA made at entry).
        if (e.voided || e.events.length > 1) {
          return dataSet([{ IdResult: '130', Mensaje: 'La Orden no puede ser anulada porque se encuentra en un estado incorrecto' }]);
        }
        e.voided = true;
        cancels++;
        addEvent(e.numero, 'Anulada');
        return dataSet([{ IdResult: '100', Mensaje: 'Anulación exitosa' }]);
      }
      case 'GetCentrosImposicionConServiciosByCP': {
        const cp = p.CodigoPostal!;
        const centro = (
          id: string,
          sucursal: string,
          calle: string,
          numero: string,
          services: [string, string][],
          lat: string,
          lng: string,
        ) =>
          `<Centro><IdCentroImposicion>${id}</IdCentroImposicion><Sigla>${sucursal.slice(0, 3).toUpperCase()}</Sigla><Sucursal>${esc(sucursal)}</Sucursal><Calle>${esc(calle)}</Calle><Numero>${numero}</Numero><Localidad>CORDOBA</Localidad><Provincia>CORDOBA</Provincia><CodigoPostal>${esc(cp)}</CodigoPostal><Latitud>${lat}</Latitud><Longitud>${lng}</Longitud><Servicios>${services
            .map(([sid, desc]) => `<Servicio><IdTipoServicio>${sid}</IdTipoServicio><ServicioDesc>${desc}</ServicioDesc></Servicio>`)
            .join('')}</Servicios></Centro>`;
        return xmlReply(
          `<CentrosDeImposicion xmlns="">${centro(
            '115',
            'Córdoba Centro',
            'Av. Colón',
            '850',
            [
              ['1', 'Admisión de paquetes'],
              ['2', 'Entrega de paquetes'],
            ],
            '-31,4135',
            '-64,1900',
          )}${centro('116', 'Agente Oficial Alberdi', 'Duarte Quirós', '1200', [['1', 'Admisión de paquetes']], '0', '0')}${centro('117', 'Agente Oficial Güemes', 'Belgrano', '700', [['2', 'Entrega de paquetes']], '', '')}</CentrosDeImposicion>`,
        );
      }
    }
    return aspError(`System.InvalidOperationException: ${method} Web Service method name is not valid.`);
  };

  const handle = async (req: LoopbackRequest): Promise<Reply> => {
    if (!req.path.toLowerCase().startsWith(OCA_PATH.toLowerCase() + '/')) return aspError('The resource cannot be found.', 404);
    const method = req.path.slice(OCA_PATH.length + 1);
    const form = req.method === 'POST' ? new URLSearchParams(req.body) : req.query;
    // ASP.NET reads form fields without regard to case.
    const given = new Map([...form.entries()].map(([k, v]) => [k.toLowerCase(), v]));
    const params: Record<string, string> = {};
    for (const name of PARAMS[method] ?? []) {
      const v = given.get(name.toLowerCase());
      if (v === undefined) return aspError(`System.InvalidOperationException: Missing parameter: ${name}.`);
      params[name] = v;
    }
    const failure = injected(method, params);
    if (failure && failure !== 'hold') return failure;
    const reply = route(method, params);
    // A hanging OCA: the work is done (an order is entered), the answer comes too late.
    if (failure === 'hold') await new Promise((r) => setTimeout(r, holdMs).unref());
    return reply;
  };

  const server = await startLoopback(handle);
  return {
    url: server.url,
    asmx: `${server.url}${OCA_PATH}`,
    server,
    envios,
    purchases: () => purchases,
    cancels: () => cancels,
    failNext: (failure, o = {}) => {
      for (let i = 0; i < (o.times ?? 1); i++) failures.push({ failure, retryAfterS: o.retryAfterS ?? 1 });
    },
    addEvent,
    close: () => server.close(),
  };
}
