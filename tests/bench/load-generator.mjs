// The bench's HTTP client, in its own process (as real channels are): POSTs `total` orders with
// `concurrency` in flight and prints one JSON line with each order's external id, send time and
// acknowledgement latency. `mix` is a comma list of request kinds taken in turn:
//   rest    — POST /api/v1/orders (synchronous: the order comes back)
//   webhook — POST /api/v1/channels/<id>/orders (asynchronous: acknowledged once in the inbox)
//   shopify — a Shopify orders/create webhook, HMAC-signed, to the Shopify channel (asynchronous)
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [
  base,
  totalArg,
  concurrencyArg,
  mixArg = 'rest',
  apiKey = '',
  channelId = '',
  shopifyChannelId = '',
  shopifySecret = '',
  shopifyFixture = '',
] = process.argv.slice(2);
const shopifyTemplate = shopifyFixture ? JSON.parse(readFileSync(shopifyFixture, 'utf8')) : null;
const total = Number(totalArg);
const concurrency = Number(concurrencyArg);
const mix = mixArg.split(',').filter(Boolean);
const results = [];
let next = 0;
let failures = 0;
const firstErrors = [];
const t0 = performance.now();
const epoch0 = Date.now();
async function worker() {
  while (next < total) {
    const i = next++;
    const kind = mix[i % mix.length];
    const externalId = `BENCH-${i}`;
    const body = {
      channel: 'api',
      externalId,
      customer: { name: `Cliente ${i}` },
      shipTo: { line1: `Calle ${i}`, city: 'Bench', country: 'AR', lat: -24 - (i % 1600) / 100, lng: -58 - (i % 900) / 100 },
      lines: Array.from({ length: 1 + (i % 3) }, (_, k) => ({
        sku: `SKU-${1 + ((i * 31 + k * 17) % 2000)}`,
        quantity: 1 + (k % 2),
        unitPrice: 1000,
      })),
    };
    let url = kind === 'webhook' ? `${base}/api/v1/channels/${channelId}/orders` : `${base}/api/v1/orders`;
    let headers = { 'content-type': 'application/json', 'idempotency-key': `bench-${i}`, ...(apiKey ? { 'x-api-key': apiKey } : {}) };
    let raw = JSON.stringify(body);
    let ref = externalId;
    if (kind === 'shopify') {
      const id = 9_000_000_000_000 + i;
      const address = {
        ...shopifyTemplate.shipping_address,
        address1: body.shipTo.line1,
        latitude: body.shipTo.lat,
        longitude: body.shipTo.lng,
      };
      const order = {
        ...shopifyTemplate,
        id,
        name: `#B${i}`,
        order_number: i,
        shipping_address: address,
        billing_address: address,
        line_items: body.lines.map((l, k) => ({
          ...shopifyTemplate.line_items[0],
          id: id * 10 + k,
          sku: l.sku,
          quantity: l.quantity,
          price: '1000.00',
          discount_allocations: [],
          tax_lines: [],
        })),
      };
      raw = JSON.stringify(order);
      ref = String(id);
      url = `${base}/api/v1/channels/${shopifyChannelId}/webhooks`;
      headers = {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-webhook-id': randomUUID(),
        'x-shopify-shop-domain': 'bench.myshopify.com',
        'x-shopify-hmac-sha256': createHmac('sha256', shopifySecret).update(raw).digest('base64'),
      };
    }
    const s = performance.now();
    const res = await fetch(url, { method: 'POST', headers, body: raw });
    const json = await res.json();
    const ms = performance.now() - s;
    const ok = kind === 'rest' ? res.status === 201 && json.id : res.status === 200 && json.received;
    if (!ok) {
      failures++;
      if (firstErrors.length < 3) firstErrors.push({ status: res.status, body: json });
    } else results.push([ref, epoch0 + (s - t0), ms, kind]);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
process.stdout.write(JSON.stringify({ seconds: (performance.now() - t0) / 1000, failures, firstErrors, results }) + '\n');
