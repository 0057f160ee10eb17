import {
  CarrierError,
  type CarrierAccountConfig,
  type CarrierIo,
  type CarrierLabel,
  type CreateResult,
  type HttpRequest,
  type HttpResponse,
} from '../../ports/carrier.port';
import type { BearerSession } from './carrier-oauth';
import { MeGenerated, MeOrder, MeOrders, MePrinted, meError, readMe } from './melhorenvio-payload';

/**
 * Buying a Melhor Envio label is four calls — cart (the shipment, tagged with our reference) →
 * checkout (pays from the wallet) → generate (may finish later) → print (a link to the PDF) — and a
 * timeout can strike after any of them did its work. So nothing is repeated blindly: a create first
 * searches the orders for our reference and continues from the step that order reached (`pending`:
 * in the cart, not paid; `released`: paid; `generated`: printable), and only an order-less reference
 * goes to the cart. Cart and checkout are never retried by the client (they add and pay); generate,
 * print and reads are (generating a paid label twice does not pay twice).
 */

export interface MeContext {
  account: CarrierAccountConfig;
  io: CarrierIo;
  session: BearerSession;
  base: string;
}

/** How long to wait before asking again about a label Melhor Envio is still generating. */
const GENERATING_RETRY_MS = 60_000;
const GONE = new Set(['canceled', 'cancelled', 'expired']);

export function meCall(ctx: MeContext, req: Omit<HttpRequest, 'url' | 'body'> & { path: string; body?: unknown }): Promise<HttpResponse> {
  const { path, body, ...rest } = req;
  return ctx.session.request({
    ...rest,
    url: `${ctx.base}/api/v2${path}`,
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function getOrder(ctx: MeContext, id: string): Promise<MeOrder> {
  const what = `Melhor Envio order ${id}`;
  return readMe(MeOrder, (await meCall(ctx, { what, method: 'GET', path: `/me/orders/${encodeURIComponent(id)}` })).json(), what);
}

/** The live order (not cancelled or expired) tagged with our reference, newest first, if any. */
export async function orderFor(ctx: MeContext, reference: string): Promise<MeOrder | null> {
  const what = `Melhor Envio orders tagged ${reference}`;
  const res = await meCall(ctx, { what, method: 'GET', path: `/me/orders/search?${new URLSearchParams({ q: reference })}` });
  const mine = readMe(MeOrders, res.json(), what).filter((o) => !GONE.has(o.status) && (o.tags ?? []).some((t) => t.tag === reference));
  mine.sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''));
  return mine[0] ?? null;
}

/** Adds the shipment to the cart (not repeated by the client: a second call would add a second one). */
export async function addToCart(ctx: MeContext, reference: string, body: unknown): Promise<MeOrder> {
  const what = `Melhor Envio cart ${reference}`;
  const res = await meCall(ctx, { what, method: 'POST', path: '/me/cart', body, okStatuses: [400, 422] });
  if (res.status !== 200 && res.status !== 201)
    throw new CarrierError(`${what}: Melhor Envio refused the shipment: ${meError(res.json())}`, 'invalid');
  return readMe(MeOrder, res.json(), what);
}

/** The label's PDF, through a public print link (fetched without our token). */
export async function printLabel(ctx: MeContext, id: string): Promise<CarrierLabel> {
  const what = `Melhor Envio label ${id}`;
  const res = await meCall(ctx, {
    what,
    method: 'POST',
    path: '/me/shipment/print',
    body: { mode: 'public', orders: [id] },
    idempotent: true,
  });
  const { url } = readMe(MePrinted, res.json(), what);
  const file = await ctx.io.http.request({ what, method: 'GET', url });
  if (Buffer.from(file.bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
    throw new CarrierError(`${what}: Melhor Envio's print link did not give a PDF`, 'protocol');
  }
  return { format: 'pdf', bytes: file.bytes };
}

/** Takes an order from the step it reached to a printed label (or says why it will not get there). */
export async function continueOrder(ctx: MeContext, start: MeOrder): Promise<CreateResult> {
  let order = start;
  if (order.status === 'pending') {
    const what = `Melhor Envio checkout ${order.id}`;
    // Pays: never repeated by the client. A retry after a timeout finds the order `released` and goes on.
    const res = await meCall(ctx, {
      what,
      method: 'POST',
      path: '/me/shipment/checkout',
      body: { orders: [order.id] },
      okStatuses: [400, 402, 422],
    });
    if (res.status >= 400) {
      throw new CarrierError(
        `${what}: Melhor Envio did not take the payment: ${meError(res.json())} — add balance to the Melhor Envio wallet (the label waits in the cart) and retry`,
        'invalid',
      );
    }
    order = { ...order, status: 'released' };
  }
  if (order.status === 'released') {
    const what = `Melhor Envio generate ${order.id}`;
    const res = await meCall(ctx, { what, method: 'POST', path: '/me/shipment/generate', body: { orders: [order.id] }, idempotent: true });
    const answer = readMe(MeGenerated, res.json(), what)[order.id];
    if (answer && !answer.status) {
      return {
        state: 'rejected',
        externalId: order.id,
        reason: `Melhor Envio could not generate the label: ${answer.message ?? 'no reason given'} (the label is paid: cancel it at Melhor Envio for the refund)`,
      };
    }
    order = await getOrder(ctx, order.id);
    if (order.status === 'released') return { state: 'pending', externalId: order.id, retryAfterMs: GENERATING_RETRY_MS };
  }
  if (GONE.has(order.status))
    return { state: 'rejected', externalId: order.id, reason: `Melhor Envio order ${order.protocol ?? order.id} is ${order.status}` };
  if (order.status === 'paused' || order.status === 'suspended') {
    return {
      state: 'rejected',
      externalId: order.id,
      reason: `Melhor Envio ${order.status} order ${order.protocol ?? order.id}: see it in the Melhor Envio panel`,
    };
  }
  const label = await printLabel(ctx, order.id);
  const code = order.tracking || order.self_tracking;
  return {
    state: 'created',
    externalId: order.id,
    // Melhor Envio tracks by its order id (the carrier's code comes only once posted).
    trackingNumber: order.id,
    label,
    trackingUrl: code ? `https://melhorrastreio.com.br/rastreio/${encodeURIComponent(code)}` : undefined,
  };
}
