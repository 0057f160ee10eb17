import { execFileSync } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

export type Yardstick =
  { pgbenchTps: number; simpleUpdateTps: number; clients: number; scale: number; seconds: number } | { skipped: string };

/** Seconds pgbench runs (the issue's ~15 s; ATALAYA_YARDSTICK_SECONDS shortens it for a quick look). */
const SECONDS = Number(process.env.ATALAYA_YARDSTICK_SECONDS ?? 15);

/**
 * The machine's own yardstick: `pgbench -N` (TPC-B-like without the branch/teller updates), 8
 * clients, scale 10, ~15 s, in `db` (pgbench's own tables beside the bench's). Rates mean something
 * only beside it, measured in the same run.
 */
export function pgbenchN(db: TestDatabase): Yardstick {
  try {
    execFileSync('pgbench', ['-i', '-q', '-s', '10', db.url], { stdio: 'ignore' });
    const out = execFileSync('pgbench', ['-N', '-c', '8', '-j', '2', '-T', String(SECONDS), '-n', db.url], { encoding: 'utf8' });
    const m = /tps = ([\d.]+)/.exec(out);
    if (!m) return { skipped: 'pgbench printed no tps' };
    const tps = Math.round(Number(m[1]));
    return { pgbenchTps: tps, simpleUpdateTps: tps, clients: 8, scale: 10, seconds: SECONDS };
  } catch (e) {
    return { skipped: `pgbench not run: ${(e as Error).message.split('\n')[0]} (apt-get install postgresql-client)` };
  }
}

/** {@link pgbenchN} on a scratch database of its own, dropped after. */
export async function measureYardstick(): Promise<Yardstick> {
  console.error(`bench: yardstick pgbench -N (8 clients, scale 10, ${SECONDS} s) on a scratch database`);
  const db = await createTestDatabase();
  try {
    return pgbenchN(db);
  } finally {
    await db.drop();
  }
}

/** Each rate as a share of the yardstick's transactions per second (null when it was not measured). */
export function asRatios<K extends string>(rates: Record<K, number | null | undefined>, y: Yardstick): Record<K, number | null> {
  const tps = 'pgbenchTps' in y ? y.pgbenchTps : null;
  const out = {} as Record<K, number | null>;
  for (const k of Object.keys(rates) as K[]) {
    const r = rates[k];
    out[k] = tps && typeof r === 'number' && Number.isFinite(r) ? Math.round((r / tps) * 1000) / 1000 : null;
  }
  return out;
}
