import { type LoopbackServer, startLoopback } from './loopback-server';

/**
 * A loopback VTEX OMS: `GET /api/oms/pvt/orders/{orderId}` with the `X-VTEX-API-AppKey` /
 * `X-VTEX-API-AppToken` headers, answering as VTEX does — 401 without valid credentials, 403 for
 * a key without the OMS role, 404 for an unknown order, 429 with Retry-After when rate-limited,
 * 503 when told the platform is down.
 */
export interface VtexOmsOptions {
  appKey: string;
  appToken: string;
  orders: Record<string, unknown>;
  /** App keys that authenticate but lack the OMS "View order" resource. */
  forbiddenKeys?: string[];
}

export interface VtexOms extends LoopbackServer {
  /** The next `n` order requests get 429 with `Retry-After: seconds`. */
  rateLimitNext(n: number, seconds: number): void;
  /** The next `n` order requests get 503. */
  failNext(n: number): void;
}

export async function startVtexOms(opts: VtexOmsOptions): Promise<VtexOms> {
  let limited = 0;
  let retryAfter = 1;
  let failing = 0;
  const server = await startLoopback((req) => {
    const m = /^\/api\/oms\/pvt\/orders\/([^/]+)$/.exec(req.path);
    if (req.method !== 'GET' || !m)
      return { status: 404, body: { error: { code: '404', message: 'Resource not found', exception: null } } };
    const key = req.headers['x-vtex-api-appkey'];
    const token = req.headers['x-vtex-api-apptoken'];
    if (opts.forbiddenKeys?.includes(String(key)) && token === opts.appToken)
      return { status: 403, body: { error: { code: '403', message: 'Access denied', exception: null } } };
    if (key !== opts.appKey || token !== opts.appToken) return { status: 401, body: '' };
    if (limited > 0) {
      limited -= 1;
      return {
        status: 429,
        headers: { 'retry-after': String(retryAfter) },
        body: { error: { code: '429', message: 'Too many requests', exception: null } },
      };
    }
    if (failing > 0) {
      failing -= 1;
      return { status: 503, body: 'Service Unavailable' };
    }
    const order = opts.orders[decodeURIComponent(m[1]!)];
    if (!order) return { status: 404, body: { error: { code: 'OMS003', message: 'Order not found', exception: null } } };
    return { status: 200, body: order };
  });
  return {
    ...server,
    rateLimitNext(n, seconds) {
      limited = n;
      retryAfter = seconds;
    },
    failNext(n) {
      failing = n;
    },
  };
}
