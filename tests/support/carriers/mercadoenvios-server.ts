import { crc32, deflateRawSync } from 'node:zlib';
import { startLoopback, type LoopbackRequest, type Reply } from '../loopback/loopback-server';
import { LoopbackFaults, bearer, pdfLabel, zplLabel, type FailureReplies } from './loopback-faults';

/**
 * Mercado Libre's API as far as Mercado Envíos goes (developers.mercadolibre.com.ar, "Envíos"), on a
 * loopback server with state: shipments made with each sale (handling → ready_to_ship → shipped …),
 * their status history, labels (`pdf`, or `zpl2` as a ZIP holding the ZPL text) printable only once
 * ready_to_ship, OAuth refresh with rotating refresh tokens, and injected failures.
 */

export interface MlHistoryRow {
  status: string;
  substatus: string | null;
  date: string;
}

export interface MlServerShipment {
  id: string;
  reference: string;
  status: string;
  substatus: string | null;
  logisticType: 'drop_off' | 'cross_docking' | 'self_service' | 'fulfillment';
  mode: 'me2' | 'me1' | 'custom';
  history: MlHistoryRow[];
  /** Label downloads (ML marks the shipment `printed` on the first). */
  labelPrints: number;
  eta: string;
}

export interface MercadoEnviosServer {
  url: string;
  appId: string;
  sellerId: string;
  clientSecret: string;
  refreshToken: string;
  accessToken: string;
  faults: LoopbackFaults;
  requests: LoopbackRequest[];
  shipments: Map<string, MlServerShipment>;
  /** Token refreshes ML answered successfully. */
  refreshes: number;
  /** The sale's shipment for this reference (made once: the same reference is the same sale). */
  addShipment(
    reference: string,
    opts?: Partial<Pick<MlServerShipment, 'logisticType' | 'mode' | 'status' | 'substatus'>>,
  ): MlServerShipment;
  /** A status change at ML (kept in the history). */
  move(id: string, status: string, substatus: string | null): void;
  /** Every access token issued so far stops working (as after 6 hours). */
  expireAccessTokens(): void;
  close(): Promise<void>;
}

/** A ZIP archive with one deflated file, as ML answers `response_type=zpl2`. */
export function zipOf(name: string, content: string): Uint8Array {
  const data = Buffer.from(content, 'utf8');
  const packed = deflateRawSync(data);
  const nameBytes = Buffer.from(name, 'utf8');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + nameBytes.length + packed.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + nameBytes.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return new Uint8Array(Buffer.concat([local, nameBytes, packed, central, nameBytes, eocd]));
}

const mlError = (status: number, error: string, message: string): Reply => ({ status, body: { message, error, status, cause: [] } });

const replies: FailureReplies = (failure, retryAfterS) => {
  if (failure === 'auth') return mlError(401, 'unauthorized', 'invalid access token');
  if (failure === 'not_found') return mlError(404, 'not_found', 'Shipment not found');
  if (failure === 'rate_limited')
    return { ...mlError(429, 'too_many_requests', 'Too Many Requests'), headers: { 'retry-after': String(retryAfterS) } };
  return mlError(503, 'service_unavailable', 'Service temporarily unavailable');
};

export async function startMercadoEnviosServer(): Promise<MercadoEnviosServer> {
  const faults = new LoopbackFaults();
  const shipments = new Map<string, MlServerShipment>();
  const byReference = new Map<string, string>();
  const access = new Set<string>();
  const refresh = new Set<string>();
  let revokeNextRefresh = false;
  let serial = 0;
  // A clock that only moves forward, so a shipment's history is strictly ordered.
  let clock = Date.now() - 3 * 86_400_000;
  const tick = () => new Date((clock += 60_000)).toISOString();

  const state = {
    appId: '4123456789012345',
    sellerId: '241112233',
    clientSecret: 'ml-secret-XYZ',
    refreshToken: 'TG-initial-refresh',
    accessToken: 'APP_USR-initial-access',
    refreshes: 0,
  };
  access.add(state.accessToken);
  refresh.add(state.refreshToken);

  const shipmentJson = (s: MlServerShipment) => ({
    id: Number(s.id),
    status: s.status,
    substatus: s.substatus,
    tracking_number: s.status === 'shipped' || s.status === 'delivered' ? `TRK${s.id}` : null,
    tracking_method: 'Correo',
    logistic: { mode: s.mode, type: s.logisticType, direction: 'forward' },
    date_created: s.history[0]!.date,
    last_updated: s.history.at(-1)!.date,
    lead_time: { estimated_delivery_time: { date: s.eta } },
    external_reference: s.reference,
  });

  const tokenEndpoint = (req: LoopbackRequest): Reply => {
    const form = new URLSearchParams(req.body);
    const ok =
      form.get('grant_type') === 'refresh_token' &&
      form.get('client_id') === state.appId &&
      form.get('client_secret') === state.clientSecret &&
      refresh.has(form.get('refresh_token') ?? '') &&
      !revokeNextRefresh;
    revokeNextRefresh = false;
    if (!ok)
      return mlError(
        400,
        'invalid_grant',
        'Error validating grant. Your authorization code or refresh token may be expired or it was already used',
      );
    // ML rotates: the refresh token just used dies, a new pair is issued.
    refresh.delete(form.get('refresh_token')!);
    state.refreshes += 1;
    const pair = { access_token: `APP_USR-${state.refreshes}-${serial}`, refresh_token: `TG-${state.refreshes}-${serial}` };
    access.add(pair.access_token);
    refresh.add(pair.refresh_token);
    return {
      status: 200,
      body: { ...pair, token_type: 'bearer', expires_in: 21_600, scope: 'offline_access read write', user_id: Number(state.sellerId) },
    };
  };

  const api = (req: LoopbackRequest): Reply => {
    if (!access.has(bearer(req) ?? '')) return mlError(401, 'unauthorized', 'invalid access token');
    let m = /^\/shipments\/([^/]+)(\/history)?$/.exec(req.path);
    if (req.method === 'GET' && m) {
      if (!/^\d+$/.test(m[1]!)) return mlError(400, 'bad_request', `Invalid shipment id ${m[1]}`);
      const s = shipments.get(m[1]!);
      if (!s) return mlError(404, 'not_found', `Shipment ${m[1]} not found`);
      return { status: 200, body: m[2] ? s.history : shipmentJson(s) };
    }
    m = /^\/shipment_labels$/.exec(req.path);
    if (req.method === 'GET' && m) {
      const id = req.query.get('shipment_ids') ?? '';
      const type = req.query.get('response_type') ?? 'pdf';
      const s = shipments.get(id);
      if (!s) return mlError(404, 'not_found', `Shipment ${id} not found`);
      const printable =
        s.status === 'ready_to_ship' && ['ready_to_print', 'printed'].includes(s.substatus ?? '') && s.logisticType !== 'self_service';
      if (!printable) {
        return {
          status: 400,
          body: {
            failed_shipments: [
              { shipment_id: Number(id), status: s.status, substatus: s.substatus, message: 'The shipment is not ready to print' },
            ],
          },
        };
      }
      s.labelPrints += 1;
      if (s.substatus === 'ready_to_print') {
        s.substatus = 'printed';
        s.history.push({ status: s.status, substatus: 'printed', date: tick() });
      }
      if (type === 'zpl2') {
        return { status: 200, body: zipOf('Etiqueta de envio.txt', zplLabel(s.id)), headers: { 'content-type': 'application/zip' } };
      }
      return { status: 200, body: pdfLabel(s.id), headers: { 'content-type': 'application/pdf' } };
    }
    return mlError(404, 'not_found', `Resource ${req.method} ${req.path} not found`);
  };

  const server = await startLoopback((req) => {
    if (req.method === 'POST' && req.path === '/oauth/token') return tokenEndpoint(req);
    return faults.answer(
      req,
      (failure, retryAfterS) => {
        // An injected 401 is a revoked authorization: the refresh that follows is refused too.
        if (failure === 'auth') revokeNextRefresh = true;
        return replies(failure, retryAfterS);
      },
      () => api(req),
    );
  });

  return {
    url: server.url,
    get appId() {
      return state.appId;
    },
    get sellerId() {
      return state.sellerId;
    },
    clientSecret: state.clientSecret,
    refreshToken: state.refreshToken,
    accessToken: state.accessToken,
    faults,
    requests: server.requests,
    shipments,
    get refreshes() {
      return state.refreshes;
    },
    addShipment(reference, opts = {}) {
      const known = byReference.get(reference);
      if (known) return shipments.get(known)!;
      serial += 1;
      const id = String(44_000_000_000 + serial);
      const status = opts.status ?? 'handling';
      const s: MlServerShipment = {
        id,
        reference,
        status,
        substatus: opts.substatus ?? null,
        logisticType: opts.logisticType ?? 'drop_off',
        mode: opts.mode ?? 'me2',
        history: [{ status, substatus: opts.substatus ?? null, date: tick() }],
        labelPrints: 0,
        eta: new Date(Date.now() + 4 * 86_400_000).toISOString(),
      };
      shipments.set(id, s);
      byReference.set(reference, id);
      return s;
    },
    move(id, status, substatus) {
      const s = shipments.get(id);
      if (!s) throw new Error(`no Mercado Envíos shipment ${id} on the loopback server`);
      s.status = status;
      s.substatus = substatus;
      s.history.push({ status, substatus, date: tick() });
    },
    expireAccessTokens() {
      access.clear();
    },
    close: async () => {
      faults.release();
      await server.close();
    },
  };
}
