// The tracking bench's carrier, in its own process (as a real carrier is): for each line
// `<wave file>` read on stdin it POSTs every webhook of that file — a JSON array of
// [trackingNumber, deliveryId] — signed as the simulator signs them (x-sim-signature: base64
// HMAC-SHA256 of the raw body), `concurrency` in flight over keep-alive connections, then prints one
// JSON line: the wave's seconds, status counts, duplicates answered and each acknowledgement's latency.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createInterface } from 'node:readline';

const [base, accountId, secret, concurrencyArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const url = new URL(`/api/v1/carriers/${accountId}/webhook`, base);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function post(body) {
  const raw = Buffer.from(body);
  const signature = createHmac('sha256', secret).update(raw).digest('base64');
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': raw.length, 'x-sim-signature': signature },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(raw);
  });
}

async function wave(file) {
  const items = JSON.parse(readFileSync(file, 'utf8'));
  const latencies = [];
  const statuses = {};
  let duplicates = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const [tn, id] = items[next++];
        const s = performance.now();
        const res = await post(JSON.stringify({ id, trackingNumbers: [tn] }));
        latencies.push(performance.now() - s);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === 200 && JSON.parse(res.body).duplicate) duplicates++;
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, statuses, duplicates, latencies };
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  process.stdout.write(JSON.stringify(await wave(line.trim())) + '\n');
}
