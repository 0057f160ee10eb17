import { randomUUID } from 'node:crypto';
import { startLoopback, type LoopbackRequest, type Reply } from '../loopback/loopback-server';
import { LoopbackFaults, bearer, pdfLabel, type FailureReplies } from './loopback-faults';

/**
 * Melhor Envio's API v2 (docs.melhorenvio.com.br) on a loopback server with state: quotes, the cart,
 * checkout paying from a wallet (counted: `purchases`), generation that finishes when the test says
 * (`settle`) or fails, public print links, orders searchable by tag, milestone tracking, cancel, and
 * the User-Agent Melhor Envio requires.
 */

export interface MeServerOrder {
  id: string;
  protocol: string;
  serviceId: number;
  status: string;
  tags: string[];
  tracking: string | null;
  selfTracking: string | null;
  times: Partial<Record<'created_at' | 'paid_at' | 'generated_at' | 'posted_at' | 'delivered_at' | 'canceled_at' | 'expired_at', string>>;
  generation: 'none' | 'requested' | 'failed';
  failReason: string | null;
}

export interface MelhorEnvioServer {
  url: string;
  token: string;
  clientSecret: string;
  userAgent: string;
  faults: LoopbackFaults;
  requests: LoopbackRequest[];
  orders: Map<string, MeServerOrder>;
  clientId: string;
  refreshToken: string;
  /** Token refreshes answered. */
  refreshes(): number;
  /** Every access token stops working (as after 30 days). */
  expireTokens(): void;
  /** Reais in the wallet; a checkout costing more is refused. */
  balance: number;
  purchases(): number;
  /** Finish (or fail) the generations asked for. */
  settle(outcome: 'created' | 'rejected'): void;
  /** A status change at Melhor Envio (posted, delivered … sets its milestone time). */
  move(id: string, status: string): void;
  close(): Promise<void>;
}

const PRICES: Record<number, number> = { 1: 25.8, 2: 45.1 };
const meError = (status: number, message: string, errors?: Record<string, string[]>): Reply => ({
  status,
  body: { message, ...(errors ? { errors } : {}) },
});

const replies: FailureReplies = (failure, retryAfterS) => {
  if (failure === 'auth') return meError(401, 'Unauthenticated.');
  if (failure === 'not_found') return meError(404, 'No query results for model [App\\Order].');
  if (failure === 'rate_limited') return { ...meError(429, 'Too Many Attempts.'), headers: { 'retry-after': String(retryAfterS) } };
  return meError(500, 'Server Error');
};

export async function startMelhorEnvioServer(): Promise<MelhorEnvioServer> {
  const faults = new LoopbackFaults();
  const orders = new Map<string, MeServerOrder>();
  const prints = new Map<string, string>();
  const state = {
    token: 'me-token-5d2a',
    clientSecret: 'me-app-secret-88',
    userAgent: 'Atalaya tests (ti@atalaya.test)',
    balance: 10_000,
    purchases: 0,
    serial: 0,
  };
  let clock = Date.now() - 2 * 86_400_000;
  // Melhor Envio writes times as Brasília local time, "YYYY-MM-DD HH:MM:SS".
  const tick = () => new Date((clock += 60_000) - 3 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
  let base = '';
  const tokens = new Set([state.token]);
  const refreshTokens = new Set(['me-refresh-1']);
  let refreshes = 0;
  const tokenEndpoint = (req: LoopbackRequest): Reply => {
    const b = body(req);
    const ok =
      b.grant_type === 'refresh_token' &&
      b.client_id === 'me-client-1' &&
      b.client_secret === state.clientSecret &&
      refreshTokens.has(b.refresh_token);
    if (!ok) return { status: 401, body: { error: 'invalid_grant', message: 'The refresh token is invalid.' } };
    refreshTokens.delete(b.refresh_token);
    refreshes += 1;
    const pair = {
      token_type: 'Bearer',
      expires_in: 2_592_000,
      access_token: `me-token-r${refreshes}`,
      refresh_token: `me-refresh-r${refreshes}`,
    };
    tokens.add(pair.access_token);
    refreshTokens.add(pair.refresh_token);
    return { status: 200, body: pair };
  };

  const json = (o: MeServerOrder) => ({
    id: o.id,
    protocol: o.protocol,
    service_id: o.serviceId,
    status: o.status,
    tracking: o.tracking,
    self_tracking: o.selfTracking,
    tags: o.tags.map((tag) => ({ tag, url: null })),
    created_at: o.times.created_at ?? null,
    paid_at: o.times.paid_at ?? null,
    generated_at: o.times.generated_at ?? null,
    posted_at: o.times.posted_at ?? null,
    delivered_at: o.times.delivered_at ?? null,
    canceled_at: o.times.canceled_at ?? null,
    expired_at: o.times.expired_at ?? null,
  });

  const body = (req: LoopbackRequest) => JSON.parse(req.body || '{}') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  const api = (req: LoopbackRequest): Reply => {
    if (!tokens.has(bearer(req) ?? '')) return meError(401, 'Unauthenticated.');
    if (!String(req.headers['user-agent'] ?? '').includes(state.userAgent))
      return meError(400, 'User-Agent header with your application name and e-mail is required');
    const p = req.path.replace(/^\/api\/v2/, '');
    if (req.method === 'POST' && p === '/me/shipment/calculate') {
      const b = body(req);
      if (!/^\d{8}$/.test(b.to?.postal_code ?? ''))
        return meError(422, 'The given data was invalid.', { 'to.postal_code': ['O campo to.postal code deve ter 8 dígitos.'] });
      return {
        status: 200,
        body: [
          {
            id: 1,
            name: 'PAC',
            price: '25.80',
            custom_price: '25.80',
            discount: '0.00',
            currency: 'R$',
            delivery_time: 6,
            custom_delivery_time: 6,
            delivery_range: { min: 5, max: 6 },
            company: { id: 1, name: 'Correios' },
          },
          {
            id: 2,
            name: 'SEDEX',
            price: '45.10',
            custom_price: '45.10',
            discount: '0.00',
            currency: 'R$',
            delivery_time: 2,
            custom_delivery_time: 2,
            delivery_range: { min: 1, max: 2 },
            company: { id: 1, name: 'Correios' },
          },
          { id: 3, name: '.Package', error: 'Transportadora não atende este trecho.', company: { id: 2, name: 'Jadlog' } },
        ],
      };
    }
    if (req.method === 'POST' && p === '/me/cart') {
      const b = body(req);
      if (!PRICES[b.service]) return meError(422, 'The given data was invalid.', { service: ['Serviço inválido.'] });
      if (!b.from?.document && !b.from?.company_document)
        return meError(422, 'The given data was invalid.', { 'from.document': ['O documento do remetente é obrigatório.'] });
      state.serial += 1;
      const o: MeServerOrder = {
        id: randomUUID(),
        protocol: `ORD-2026${String(state.serial).padStart(8, '0')}`,
        serviceId: b.service,
        status: 'pending',
        tags: (b.options?.tags ?? []).map((t: { tag: string }) => t.tag),
        tracking: null,
        selfTracking: null,
        times: { created_at: tick() },
        generation: 'none',
        failReason: null,
      };
      orders.set(o.id, o);
      return { status: 201, body: json(o) };
    }
    const cartItem = /^\/me\/cart\/([^/]+)$/.exec(p);
    if (req.method === 'DELETE' && cartItem) {
      const o = orders.get(cartItem[1]!);
      if (!o || o.status !== 'pending') return meError(404, 'No query results for model [App\\Order].');
      o.status = 'canceled';
      o.times.canceled_at = tick();
      return { status: 204 };
    }
    if (req.method === 'GET' && p === '/me/orders/search') {
      const q = req.query.get('q') ?? '';
      const hits = [...orders.values()].filter((o) => o.id === q || o.protocol === q || o.tracking === q || o.tags.includes(q));
      return { status: 200, body: hits.map(json) };
    }
    const one = /^\/me\/orders\/([^/]+)$/.exec(p);
    if (req.method === 'GET' && one) {
      const o = orders.get(one[1]!);
      return o ? { status: 200, body: json(o) } : meError(404, 'No query results for model [App\\Order].');
    }
    if (req.method === 'POST' && p === '/me/shipment/checkout') {
      const list = ((body(req).orders ?? []) as string[]).map((id) => orders.get(id));
      if (list.some((o) => !o || o.status !== 'pending')) return meError(422, 'Há envios que não estão no carrinho.');
      const total = list.reduce((s, o) => s + PRICES[o!.serviceId]!, 0);
      if (total > state.balance) return meError(422, 'Saldo insuficiente para realizar a compra.');
      state.balance -= total;
      for (const o of list) {
        o!.status = 'released';
        o!.times.paid_at = tick();
        state.purchases += 1;
      }
      return {
        status: 200,
        body: { purchase: { id: randomUUID(), protocol: `PUR-${state.serial}`, total, status: 'paid', orders: list.map((o) => json(o!)) } },
      };
    }
    if (req.method === 'POST' && p === '/me/shipment/generate') {
      const out: Record<string, { status: boolean; message: string }> = {};
      for (const id of (body(req).orders ?? []) as string[]) {
        const o = orders.get(id);
        if (!o || o.status === 'pending') out[id] = { status: false, message: 'Etiqueta não paga.' };
        else if (o.generation === 'failed') out[id] = { status: false, message: o.failReason ?? 'Erro ao gerar' };
        else if (o.status !== 'released') out[id] = { status: true, message: 'Etiqueta já gerada.' };
        else {
          o.generation = 'requested';
          out[id] = { status: true, message: 'Envio em processo de geração.' };
        }
      }
      return { status: 200, body: out };
    }
    if (req.method === 'POST' && p === '/me/shipment/print') {
      const ids = (body(req).orders ?? []) as string[];
      const o = orders.get(ids[0] ?? '');
      if (!o || ['pending', 'released', 'canceled', 'expired'].includes(o.status))
        return meError(422, 'Etiqueta não está disponível para impressão.');
      const key = randomUUID().replace(/-/g, '');
      prints.set(key, o.id);
      return { status: 200, body: { url: `${base}/imprimir/${key}` } };
    }
    if (req.method === 'POST' && p === '/me/shipment/tracking') {
      const out: Record<string, unknown> = {};
      for (const id of (body(req).orders ?? []) as string[]) {
        const o = orders.get(id);
        if (o) out[id] = { ...json(o), melhorenvio_tracking: o.selfTracking };
      }
      return { status: 200, body: out };
    }
    if (req.method === 'POST' && p === '/me/shipment/cancel') {
      const o = orders.get(body(req).order?.id ?? '');
      if (!o) return meError(404, 'No query results for model [App\\Order].');
      if (['posted', 'delivered', 'canceled'].includes(o.status)) return meError(422, 'Esta etiqueta não pode ser cancelada.');
      o.status = 'canceled';
      o.times.canceled_at = tick();
      return { status: 200, body: { [o.id]: { canceled: true } } };
    }
    return meError(404, `No route ${req.method} ${req.path}`);
  };

  const server = await startLoopback((req) => {
    // Public print links: no token, no injected failures of the API.
    const printed = /^\/imprimir\/([0-9a-f]+)$/.exec(req.path);
    if (req.method === 'GET' && printed) {
      const id = prints.get(printed[1]!);
      return id
        ? { status: 200, body: pdfLabel(orders.get(id)!.protocol), headers: { 'content-type': 'application/pdf' } }
        : { status: 404, body: 'Not found' };
    }
    if (req.method === 'POST' && req.path === '/oauth/token') return tokenEndpoint(req);
    return faults.answer(req, replies, () => api(req));
  });
  base = server.url;

  const move = (id: string, status: string) => {
    const o = orders.get(id);
    if (!o) throw new Error(`no Melhor Envio order ${id} on the loopback server`);
    o.status = status;
    const field = ({ generated: 'generated_at', posted: 'posted_at', delivered: 'delivered_at', canceled: 'canceled_at' } as const)[
      status as 'posted'
    ];
    if (field) o.times[field] = tick();
    if (status === 'generated') o.selfTracking = `ME26${o.id.slice(0, 7).toUpperCase()}`;
    if (status === 'posted') o.tracking = `QB${String(o.protocol.slice(-8)).padStart(9, '0')}BR`;
  };

  return {
    url: server.url,
    token: state.token,
    clientSecret: state.clientSecret,
    userAgent: state.userAgent,
    clientId: 'me-client-1',
    refreshToken: 'me-refresh-1',
    refreshes: () => refreshes,
    expireTokens: () => tokens.clear(),
    faults,
    requests: server.requests,
    orders,
    get balance() {
      return state.balance;
    },
    set balance(v: number) {
      state.balance = v;
    },
    purchases: () => state.purchases,
    settle(outcome) {
      for (const o of orders.values()) {
        if (o.generation !== 'requested' || o.status !== 'released') continue;
        if (outcome === 'created') {
          o.generation = 'none';
          move(o.id, 'generated');
        } else {
          o.generation = 'failed';
          o.failReason = 'CEP de destino não atendido pela transportadora';
        }
      }
    },
    move,
    close: async () => {
      faults.release();
      await server.close();
    },
  };
}
