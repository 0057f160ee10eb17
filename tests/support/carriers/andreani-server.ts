import { randomBytes } from 'node:crypto';
import { startLoopback, type LoopbackRequest, type LoopbackServer, type Reply } from '../loopback/loopback-server';
import { labelPdf } from './ar-label-pdf';
import type { InjectedFailure } from './harness';

/**
 * Andreani's API v2 as a loopback server, answering in its documented format (developers.andreani.com):
 * `GET /login` (Basic → `x-authorization-token` header), `GET /v1/tarifas`, `POST /v2/ordenes-de-envio`
 * (202 "Pendiente" while its TMS works, or "Creada"), `GET /v2/ordenes-de-envio/{numero}`,
 * `GET /v2/ordenes-de-envio/{numero|agrupador}/etiquetas` (PDF), `GET /v1/envios?codigoCliente&idDeProducto`
 * (search by our reference), `GET /v2/envios/{numero}/trazas`, `GET /v2/sucursales?codigoPostal`.
 * It keeps what it was asked (orders, purchases, logins) and misbehaves on request.
 */

export interface AndreaniTraza {
  Fecha: string;
  Estado: string;
  EstadoId: number;
  Motivo?: string;
  MotivoId?: number;
  Traduccion: string;
  Sucursal: string;
  SucursalId: number;
  Ciclo: string;
}

export interface AndreaniOrder {
  numero: string;
  agrupador: string;
  reference: string;
  contract: string;
  estado: 'Pendiente' | 'Creada' | 'Rechazada';
  motivo?: string;
  body: Record<string, unknown>;
  trazas: AndreaniTraza[];
}

export interface AndreaniServerOptions {
  username?: string;
  password?: string;
  clientCode?: string;
  /** Contracts the client has (others are refused with 400). */
  contracts?: readonly string[];
  /** `async` (default, as Andreani does): orders start "Pendiente" until settled; `sync`: "Creada" at once. */
  labels?: 'async' | 'sync';
  /** How long a `timeout` failure holds its answer (longer than the client's timeout). */
  holdMs?: number;
}

export interface AndreaniServer {
  url: string;
  server: LoopbackServer;
  orders: Map<string, AndreaniOrder>;
  /** Orders bought (each POST that created one). */
  purchases(): number;
  logins(): number;
  failNext(failure: InjectedFailure, opts?: { times?: number; retryAfterS?: number }): void;
  /** Every issued token stops working (a token Andreani revoked before its 24 h). */
  revokeTokens(): void;
  /** Pending orders become "Creada" (with the first trace) or "Rechazada" with a motive. */
  settle(outcome: 'created' | 'rejected'): void;
  addTraza(
    numero: string,
    t: Omit<AndreaniTraza, 'Fecha' | 'Traduccion' | 'Sucursal' | 'SucursalId' | 'Ciclo'> & Partial<AndreaniTraza>,
  ): void;
  close(): Promise<void>;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});
const problem = (status: number, detail: string): Reply =>
  json(status, { status, title: status === 401 ? 'Unauthorized' : 'Error', detail });

/** Argentine wall-clock time without an offset, as Andreani writes it ("2024-05-02T10:15:00"). */
function arTime(ms: number): string {
  return new Date(ms - 3 * 3_600_000).toISOString().slice(0, 19);
}

export async function startAndreaniServer(opts: AndreaniServerOptions = {}): Promise<AndreaniServer> {
  const username = opts.username ?? 'atalaya-api';
  const password = opts.password ?? 'Clave-Andreani-1';
  const clientCode = opts.clientCode ?? 'CL0001234';
  const contracts = new Set(opts.contracts ?? ['400006709', '400006711']);
  const holdMs = opts.holdMs ?? 2_500;
  const tokens = new Set<string>();
  const orders = new Map<string, AndreaniOrder>();
  const byGroup = new Map<string, string>();
  const failures: { failure: InjectedFailure; retryAfterS: number }[] = [];
  let refuseNextLogin = false;
  let purchases = 0;
  let logins = 0;
  let seq = 0;
  let lastEventMs = 0;
  let url = '';

  /** Event times strictly increase, a second apart at least, as scans at one place do. */
  const nextEventTime = () => {
    lastEventMs = Math.max(Date.now(), lastEventMs + 1_000);
    return arTime(lastEventMs);
  };

  const addTraza: AndreaniServer['addTraza'] = (numero, t) => {
    const o = orders.get(numero);
    if (!o) throw new Error(`andreani-server: no order ${numero}`);
    o.trazas.push({
      Fecha: nextEventTime(),
      Traduccion: t.Estado.toUpperCase(),
      Sucursal: 'Monserrat',
      SucursalId: 12,
      Ciclo: 'Distribution',
      ...t,
    });
  };

  const created = (o: AndreaniOrder) => {
    o.estado = 'Creada';
    addTraza(o.numero, {
      Estado: 'Pendiente de ingreso',
      EstadoId: 1,
      Traduccion: 'ENVIO INGRESADO AL SISTEMA',
      Sucursal: 'Sucursal Genérica',
      SucursalId: 999,
    });
  };

  const orderJson = (o: AndreaniOrder) => ({
    estado: o.estado,
    tipo: 'B2C',
    sucursalDeDistribucion: { nomenclatura: 'MONSERRAT', descripcion: 'Monserrat', id: '12' },
    fechaCreacion: new Date().toISOString(),
    numeroDePermisionaria: 'RNPSP Nº 586',
    bultos: [
      {
        numeroDeBulto: '1',
        numeroDeEnvio: o.numero,
        totalizador: '1/1',
        linking: [{ meta: 'Etiqueta', contenido: `${url}/v2/ordenes-de-envio/${o.agrupador}/etiquetas?bulto=1` }],
      },
    ],
    agrupadorDeBultos: o.agrupador,
    etiquetasPorAgrupador: `${url}/v2/ordenes-de-envio/${o.agrupador}/etiquetas`,
    ...(o.motivo ? { motivo: o.motivo } : {}),
  });

  /** The injected failure this request answers with, if one is queued (login and the reference search never consume one). */
  const injected = async (req: LoopbackRequest): Promise<Reply | 'hold' | undefined> => {
    if (req.path === '/login' || req.path === '/v1/envios') return undefined;
    const f = failures.shift();
    if (!f) return undefined;
    switch (f.failure) {
      case 'auth':
        // The credentials stop working: this call and the login that follows are refused.
        refuseNextLogin = true;
        return problem(401, 'Token inválido o vencido');
      case 'not_found':
        return problem(404, 'No se encontró el recurso solicitado');
      case 'rate_limited':
        return {
          status: 429,
          headers: { 'retry-after': String(f.retryAfterS) },
          body: { status: 429, title: 'Too Many Requests', detail: 'Límite de solicitudes excedido' },
        };
      case 'server_error':
        return problem(503, 'Servicio no disponible');
      case 'timeout':
        return 'hold';
    }
  };

  const handle = async (req: LoopbackRequest): Promise<Reply> => {
    if (req.method === 'GET' && req.path === '/login') {
      const auth = req.headers.authorization ?? '';
      const given = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : '';
      if (refuseNextLogin || given !== `${username}:${password}`) {
        refuseNextLogin = false;
        return problem(401, 'Usuario o contraseña incorrectos');
      }
      logins++;
      const token = randomBytes(16).toString('hex');
      tokens.add(token);
      return { status: 200, headers: { 'x-authorization-token': token }, body: '' };
    }
    const token = req.headers['x-authorization-token'];
    if (typeof token !== 'string' || !tokens.has(token)) return problem(401, 'Token inválido o vencido');

    const failure = await injected(req);
    let hold = false;
    if (failure === 'hold') hold = true;
    else if (failure) return failure;
    const reply = route(req);
    // A hanging Andreani: the work is done (an order is bought), the answer comes too late.
    if (hold) await new Promise((r) => setTimeout(r, holdMs).unref());
    return reply;
  };

  const route = (req: LoopbackRequest): Reply => {
    const p = req.path;
    if (req.method === 'GET' && p === '/v1/tarifas') {
      const q = req.query;
      for (const k of ['cpDestino', 'contrato', 'cliente', 'bultos[0][volumen]']) {
        if (!q.get(k)) return problem(400, `El parámetro ${k} es obligatorio`);
      }
      if (q.get('cliente') !== clientCode) return problem(400, 'Cliente inválido');
      if (!contracts.has(q.get('contrato')!)) return problem(400, 'Contrato inválido');
      let total = 0;
      for (let i = 0; q.get(`bultos[${i}][volumen]`); i++) {
        total += 1_800 + 420 * Number(q.get(`bultos[${i}][kilos]`) ?? 1) + Number(q.get(`bultos[${i}][volumen]`)) / 200;
      }
      if (q.get('contrato') !== [...contracts][0]) total *= 1.6;
      const sinIva = Math.round(total * 100) / 100;
      const conIva = Math.round(sinIva * 1.21 * 100) / 100;
      return json(200, {
        pesoAforado: '1.50',
        tarifaSinIva: { seguroDistribucion: '12.21', distribucion: String(sinIva - 12.21), total: String(sinIva) },
        tarifaConIva: { seguroDistribucion: '14.77', distribucion: String(conIva - 14.77), total: String(conIva) },
      });
    }
    if (req.method === 'POST' && p === '/v2/ordenes-de-envio') {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(req.body) as Record<string, unknown>;
      } catch {
        return problem(400, 'El cuerpo no es un JSON válido');
      }
      if (!contracts.has(String(body.contrato))) return problem(400, 'Contrato inválido');
      const bultos = body.bultos as { referencias?: { meta: string; contenido: string }[] }[] | undefined;
      const destino = body.destino as { postal?: { codigoPostal?: string } } | undefined;
      if (!Array.isArray(bultos) || !bultos.length) return problem(400, 'Debe informar al menos un bulto');
      if (!destino?.postal?.codigoPostal) return problem(400, 'destino.postal.codigoPostal es obligatorio');
      if (!Array.isArray(body.destinatario)) return problem(400, 'destinatario debe ser una lista');
      const reference = bultos[0]?.referencias?.find((r) => r.meta === 'idCliente')?.contenido ?? String(body.idPedido ?? '');
      seq++;
      const numero = `36000${String(Date.now() % 1e6).padStart(6, '0')}${String(seq).padStart(4, '0')}`;
      const agrupador = `API${String(1e12 + seq * 7919).slice(1)}`;
      const o: AndreaniOrder = { numero, agrupador, reference, contract: String(body.contrato), estado: 'Pendiente', body, trazas: [] };
      orders.set(numero, o);
      byGroup.set(agrupador, numero);
      purchases++;
      if (opts.labels === 'sync') {
        created(o);
        return json(200, orderJson(o));
      }
      return json(202, orderJson(o));
    }
    if (req.method === 'GET' && p === '/v1/envios') {
      if (req.query.get('codigoCliente') !== clientCode) return json(200, { envios: [] });
      const ref = req.query.get('idDeProducto') ?? '';
      const found = [...orders.values()].filter((o) => o.reference === ref);
      return json(200, { envios: found.map((o) => ({ numeroDeTracking: o.numero, contrato: o.contract, estado: o.estado })) });
    }
    const label = /^\/v2\/ordenes-de-envio\/([^/]+)\/etiquetas$/.exec(p);
    if (req.method === 'GET' && label) {
      const o = orders.get(byGroup.get(label[1]!) ?? label[1]!);
      if (!o) return problem(404, 'No se encontró la orden de envío');
      if (o.estado !== 'Creada') return problem(404, 'La orden aún no fue procesada');
      return {
        status: 200,
        headers: { 'content-type': 'application/pdf' },
        body: labelPdf(['ANDREANI', `Envio ${o.numero}`, `Ref ${o.reference}`]),
      };
    }
    const order = /^\/v2\/ordenes-de-envio\/([^/]+)$/.exec(p);
    if (req.method === 'GET' && order) {
      const o = orders.get(byGroup.get(order[1]!) ?? order[1]!);
      return o ? json(200, orderJson(o)) : problem(404, 'No se encontró la orden de envío');
    }
    const trazas = /^\/v2\/envios\/([^/]+)\/trazas$/.exec(p);
    if (req.method === 'GET' && trazas) {
      const o = orders.get(trazas[1]!);
      // An envío exists only once its order was accepted ("Creada"): before, Andreani answers 404.
      if (!o || o.estado !== 'Creada') return problem(404, 'No se encontró el envío');
      return json(200, { eventos: o.trazas });
    }
    if (req.method === 'GET' && p === '/v2/sucursales') {
      const cp = req.query.get('codigoPostal') ?? '';
      return json(200, [
        {
          id: '12',
          codigo: 'MON',
          numero: '12',
          descripcion: 'Monserrat',
          canal: 'B2C',
          direccion: {
            calle: 'Av. Belgrano',
            numero: '1260',
            provincia: 'Ciudad Autónoma de Buenos Aires',
            localidad: 'C.A.B.A.',
            region: 'AR-C',
            pais: 'Argentina',
            codigoPostal: cp || '1093',
          },
          coordenadas: { latitud: '-34.6130', longitud: '-58.3850' },
        },
        {
          id: '2145',
          codigo: 'HOP2145',
          numero: '2145',
          descripcion: 'PUNTO ANDREANI HOP Kiosco Sol',
          canal: 'B2C',
          direccion: {
            calle: 'Av. San Juan',
            numero: '2500',
            localidad: 'C.A.B.A.',
            region: 'AR-C',
            pais: 'Argentina',
            codigoPostal: cp || '1232',
          },
          coordenadas: null,
        },
      ]);
    }
    return problem(404, `No existe ${req.method} ${p}`);
  };

  const server = await startLoopback(handle);
  url = server.url;
  return {
    url,
    server,
    orders,
    purchases: () => purchases,
    logins: () => logins,
    failNext: (failure, o = {}) => {
      for (let i = 0; i < (o.times ?? 1); i++) failures.push({ failure, retryAfterS: o.retryAfterS ?? 1 });
    },
    revokeTokens: () => tokens.clear(),
    settle: (outcome) => {
      for (const o of orders.values()) {
        if (o.estado !== 'Pendiente') continue;
        if (outcome === 'created') created(o);
        else {
          o.estado = 'Rechazada';
          o.motivo = 'El código postal de destino no es válido para el contrato';
        }
      }
    },
    addTraza,
    close: () => server.close(),
  };
}
