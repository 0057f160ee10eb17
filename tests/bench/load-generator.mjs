// The bench's HTTP client, in its own process (as real channels are): POSTs `total` orders with
// `concurrency` in flight and prints one JSON line with each order's id, send time and latency.
const [base, totalArg, concurrencyArg] = process.argv.slice(2);
const total = Number(totalArg);
const concurrency = Number(concurrencyArg);
const results = [];
let next = 0;
let failures = 0;
const t0 = performance.now();
const epoch0 = Date.now();
async function worker() {
  while (next < total) {
    const i = next++;
    const body = {
      channel: 'api',
      externalId: `BENCH-${i}`,
      customer: { name: `Cliente ${i}` },
      shipTo: { line1: `Calle ${i}`, city: 'Bench', country: 'AR', lat: -24 - (i % 1600) / 100, lng: -58 - (i % 900) / 100 },
      lines: Array.from({ length: 1 + (i % 3) }, (_, k) => ({ sku: `SKU-${1 + ((i * 31 + k * 17) % 2000)}`, quantity: 1 + (k % 2), unitPrice: 1000 })),
    };
    const s = performance.now();
    const res = await fetch(`${base}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${i}` }, body: JSON.stringify(body) });
    const json = await res.json();
    const ms = performance.now() - s;
    if (res.status !== 201 || !json.id) failures++;
    else results.push([json.id, epoch0 + (s - t0), ms]);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
process.stdout.write(JSON.stringify({ seconds: (performance.now() - t0) / 1000, failures, results }) + '\n');
