import { type LoopbackServer, startLoopback } from './loopback-server';

/**
 * A loopback Shopify Admin REST API, the refund part (2024-10): `GET orders/{id}.json` (line items),
 * `GET orders/{id}/refunds.json`, `POST orders/{id}/refunds/calculate.json` (suggested transactions:
 * the units' price, from the order's one paid transaction) and `POST orders/{id}/refunds.json`
 * (records the refund). `X-Shopify-Access-Token` is checked (401 `[API] Invalid API key or access
 * token`); `failNext` answers 503 to the next refund creations — after recording it when `lose` is
 * set, as a reply lost on the way back.
 */
export interface ShopifyAdminOrder {
  id: string;
  lineItems: { id: number; sku: string; quantity: number; price: string }[];
  transactionId: number;
  gateway: string;
}

export interface ShopifyRefundRecord {
  id: number;
  orderId: string;
  note: string;
  notify: boolean;
  refund_line_items: { line_item_id: number; quantity: number; restock_type: string }[];
  transactions: { parent_id: number; amount: string; kind: string; gateway: string }[];
}

export interface ShopifyAdmin extends LoopbackServer {
  refunds: ShopifyRefundRecord[];
  failNext(n: number, opts?: { lose?: boolean }): void;
}

export async function startShopifyAdmin(opts: { token: string; orders: ShopifyAdminOrder[] }): Promise<ShopifyAdmin> {
  const refunds: ShopifyRefundRecord[] = [];
  let failing = 0;
  let lose = false;
  let nextId = 880_000;
  const server = await startLoopback((req) => {
    if (req.headers['x-shopify-access-token'] !== opts.token)
      return { status: 401, body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' } };
    const m = /^\/admin\/api\/2024-10\/orders\/([^/.]+)(\.json|\/refunds\.json|\/refunds\/calculate\.json)$/.exec(req.path);
    const order = m ? opts.orders.find((o) => o.id === m[1]) : undefined;
    if (!m || !order) return { status: 404, body: { errors: 'Not Found' } };
    const body = req.body ? (JSON.parse(req.body) as { refund?: Record<string, unknown> }) : {};
    if (m[2] === '.json' && req.method === 'GET')
      return {
        status: 200,
        body: { order: { id: Number(order.id), line_items: order.lineItems.map((l) => ({ id: l.id, sku: l.sku, quantity: l.quantity })) } },
      };
    if (m[2] === '/refunds.json' && req.method === 'GET')
      return { status: 200, body: { refunds: refunds.filter((r) => r.orderId === order.id).map((r) => ({ id: r.id, note: r.note })) } };
    const items = (body.refund?.refund_line_items ?? []) as ShopifyRefundRecord['refund_line_items'];
    const unknown = items.find((i) => !order.lineItems.some((l) => l.id === i.line_item_id));
    if (unknown)
      return { status: 422, body: { errors: { refund_line_items: [`line item ${unknown.line_item_id} is not on this order`] } } };
    if (m[2] === '/refunds/calculate.json' && req.method === 'POST') {
      const amount = items.reduce((s, i) => s + i.quantity * Number(order.lineItems.find((l) => l.id === i.line_item_id)!.price), 0);
      return {
        status: 200,
        body: {
          refund: {
            refund_line_items: items,
            transactions: [{ parent_id: order.transactionId, amount: amount.toFixed(2), kind: 'suggested_refund', gateway: order.gateway }],
          },
        },
      };
    }
    if (m[2] === '/refunds.json' && req.method === 'POST') {
      const record: ShopifyRefundRecord = {
        id: nextId++,
        orderId: order.id,
        note: String(body.refund?.note ?? ''),
        notify: body.refund?.notify === true,
        refund_line_items: items,
        transactions: (body.refund?.transactions ?? []) as ShopifyRefundRecord['transactions'],
      };
      if (failing > 0) {
        failing -= 1;
        if (lose) refunds.push(record);
        return { status: 503, body: { errors: 'Service Unavailable' }, headers: { 'retry-after': '1' } };
      }
      refunds.push(record);
      return { status: 201, body: { refund: { id: record.id, note: record.note } } };
    }
    return { status: 405, body: { errors: 'Method Not Allowed' } };
  });
  return Object.assign(server, {
    refunds,
    failNext(n: number, o: { lose?: boolean } = {}) {
      failing = n;
      lose = !!o.lose;
    },
  });
}
