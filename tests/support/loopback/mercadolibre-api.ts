import { randomUUID } from 'node:crypto';
import { type LoopbackServer, startLoopback } from './loopback-server';

/**
 * A loopback Mercado Libre API: `POST /oauth/token` (refresh_token grant, rotating the refresh
 * token on every use as ML does: the old one then gets `invalid_grant`), `GET /orders/{id}` and
 * `GET /shipments/{id}` with `Authorization: Bearer`, answering 401 for an expired or unknown
 * token, 403 for another seller's order, 404 for unknown ids and 429 with Retry-After when
 * rate-limited — bodies in ML's `{message, error, status, cause}` shape.
 */
export interface MlApiOptions {
  clientId: string;
  clientSecret: string;
  sellerId: string;
  refreshToken: string;
  /** A token valid from the start (else the adapter must refresh first). */
  accessToken?: string;
  orders: Record<string, { seller?: { id?: number | string } } & Record<string, unknown>>;
  shipments: Record<string, unknown>;
}

export interface MlApi extends LoopbackServer {
  /** The current valid tokens (what the adapter should have saved). */
  tokens(): { accessToken: string | undefined; refreshToken: string };
  /** The access token stops working, as after its 6 hours. */
  expireAccessToken(): void;
  rateLimitNext(n: number, seconds: number): void;
}

const mlError = (status: number, error: string, message: string) => ({ status, body: { message, error, status, cause: [] } });

export async function startMercadoLibreApi(opts: MlApiOptions): Promise<MlApi> {
  let access: string | undefined = opts.accessToken;
  let refresh = opts.refreshToken;
  let limited = 0;
  let retryAfter = 1;
  const server = await startLoopback((req) => {
    if (req.method === 'POST' && req.path === '/oauth/token') {
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
        return mlError(400, 'invalid_request', 'content-type must be application/x-www-form-urlencoded');
      const f = new URLSearchParams(req.body);
      if (f.get('grant_type') !== 'refresh_token') return mlError(400, 'unsupported_grant_type', 'unsupported grant_type');
      if (f.get('client_id') !== opts.clientId || f.get('client_secret') !== opts.clientSecret)
        return mlError(401, 'invalid_client', 'invalid client_id or client_secret');
      if (f.get('refresh_token') !== refresh)
        return mlError(
          400,
          'invalid_grant',
          'Error validating grant. Your authorization code or refresh token may be expired or it was already used',
        );
      access = `APP_USR-${opts.clientId}-${randomUUID()}-${opts.sellerId}`;
      refresh = `TG-${randomUUID()}-${opts.sellerId}`;
      return {
        status: 200,
        body: {
          access_token: access,
          token_type: 'Bearer',
          expires_in: 21600,
          scope: 'offline_access read write',
          user_id: Number(opts.sellerId),
          refresh_token: refresh,
        },
      };
    }
    if (req.method !== 'GET') return mlError(405, 'method_not_allowed', 'method not allowed');
    const auth = req.headers.authorization;
    if (!access || auth !== `Bearer ${access}`) return mlError(401, 'unauthorized', 'invalid access token');
    if (limited > 0) {
      limited -= 1;
      return { ...mlError(429, 'too_many_requests', 'Too Many Requests'), headers: { 'retry-after': String(retryAfter) } };
    }
    let m = /^\/orders\/(\d+)$/.exec(req.path);
    if (m) {
      const order = opts.orders[m[1]!];
      if (!order) return mlError(404, 'not_found', `Order ${m[1]} not found`);
      if (String(order.seller?.id) !== opts.sellerId) return mlError(403, 'forbidden', 'Invalid caller.id');
      return { status: 200, body: order };
    }
    m = /^\/shipments\/(\d+)$/.exec(req.path);
    if (m) {
      const s = opts.shipments[m[1]!];
      return s ? { status: 200, body: s } : mlError(404, 'not_found', `Shipment ${m[1]} not found`);
    }
    return mlError(404, 'not_found', `resource ${req.path} not found`);
  });
  return {
    ...server,
    tokens: () => ({ accessToken: access, refreshToken: refresh }),
    expireAccessToken() {
      access = undefined;
    },
    rateLimitNext(n, seconds) {
      limited = n;
      retryAfter = seconds;
    },
  };
}
