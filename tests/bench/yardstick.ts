import { execFileSync } from 'node:child_process';
import type { TestDatabase } from '../support/test-database';

/**
 * The machine's own yardstick: `pgbench -N` (TPC-B-like without the branch/teller updates), 8
 * clients for 5 s on a scratch schema of the bench's database. Rates mean something only beside it.
 */
export function pgbenchN(db: TestDatabase): { simpleUpdateTps: number } | { skipped: string } {
  try {
    execFileSync('pgbench', ['-i', '-q', '-s', '1', db.url], { stdio: 'ignore' });
    const out = execFileSync('pgbench', ['-N', '-c', '8', '-j', '4', '-T', '5', '-n', db.url], { encoding: 'utf8' });
    const m = /tps = ([\d.]+)/.exec(out);
    return m ? { simpleUpdateTps: Math.round(Number(m[1])) } : { skipped: 'pgbench printed no tps' };
  } catch (e) {
    return { skipped: `pgbench not run: ${(e as Error).message.split('\n')[0]} (apt-get install postgresql-client)` };
  }
}
