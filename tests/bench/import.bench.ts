import { parseArgs } from 'node:util';
import { migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { seedFixture } from '../support/fixtures';
import { createTestDatabase } from '../support/test-database';

/** A CSV of `rows` order lines, two lines per order, every row valid. */
export function generateCsv(rows: number): string {
  const out = ['order_id,customer_name,email,address_line1,city,country,lat,lng,sku,quantity,unit_price'];
  for (let i = 0; i < rows; i++) {
    const o = Math.floor(i / 2);
    out.push(
      `B-${o},Cliente ${o},c${o}@example.com,Calle ${o % 5000} ${o % 97},Buenos Aires,AR,${(-34.6 + (o % 100) / 1000).toFixed(4)},${(-58.4 - (o % 77) / 1000).toFixed(4)},${i % 2 ? 'SKU-B' : 'SKU-A'},${1 + (i % 3)},${1000 + (i % 50)}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/**
 * `npm run bench import [-- --rows 50000 --queue redis|postgres]`: uploads a generated CSV through
 * the contract and times it from upload to the import's end (orders stored; sourcing runs after).
 */
export async function run(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: '50000' },
      queue: { type: 'string', default: process.env.REDIS_URL ? 'redis' : 'postgres' },
    },
  });
  const rows = Number(values.rows);
  const redisUrl = values.queue === 'redis' ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined;
  const db = await createTestDatabase();
  try {
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [
      { location: 'loc-dc-ezeiza', sku: 'SKU-A', onHand: 10 },
      { location: 'loc-dc-ezeiza', sku: 'SKU-B', onHand: 10 },
    ]);
    const engine = await startTestEngine(db.url, { redisUrl });
    try {
      const csv = Buffer.from(generateCsv(rows));
      console.error(`import bench: ${rows} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MB, queues on ${values.queue}`);
      const t0 = performance.now();
      const up = await engine.dispatch('imports.upload', { fileName: 'bench.csv', contentBase64: csv.toString('base64') }, PLANNER);
      for (;;) {
        const s = (await engine.dispatch('imports.get', { id: up.id, limit: 1 }, PLANNER)).import;
        if (s.status === 'done' || s.status === 'failed') {
          const seconds = (performance.now() - t0) / 1000;
          return {
            bench: 'import',
            queue: values.queue,
            rows,
            orders: Math.ceil(rows / 2),
            fileMb: Math.round((csv.length / 1024 / 1024) * 10) / 10,
            status: s.status,
            imported: s.imported,
            failed: s.failed,
            seconds: Math.round(seconds * 100) / 100,
            rowsPerSecond: Math.round(rows / seconds),
            ordersPerSecond: Math.round(rows / 2 / seconds),
            note: 'measured on a shared 2-core machine; sourcing of the imported orders runs after and is not timed',
          };
        }
        if (performance.now() - t0 > 30 * 60_000) throw new Error('import did not finish within 30 minutes');
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await engine.close();
    }
  } finally {
    await db.drop();
  }
}
