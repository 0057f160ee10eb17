import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * CPU time used so far by the processes on this machine, grouped by command name (Linux /proc;
 * an empty map elsewhere). Two readings around a phase tell where its CPU went — this process,
 * Postgres backends, Redis — which wall-clock statement timings on a busy 2-core machine cannot.
 * Backends that exit between the readings are not counted, so phases should keep their pools open.
 */
export function cpuByCommand(): Map<string, number> {
  const out = new Map<string, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  const tickMs = 1000 / 100; // USER_HZ is 100 on Linux
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      // Fields after the command: state(0) … utime(11) stime(12).
      const ms = (Number(f[11]) + Number(f[12])) * tickMs;
      const name = comm === 'postgres' ? postgresRole(pid) : comm;
      out.set(name, (out.get(name) ?? 0) + ms);
    } catch {
      // The process ended while we read.
    }
  }
  return out;
}

/** CPU milliseconds per unit of work between two readings, for the commands that used any, plus the share of the machine used. */
export function cpuPerUnit(
  before: Map<string, number>,
  after: Map<string, number>,
  units: number,
  seconds: number,
): { msPerUnit: Record<string, number>; machineBusy: number } {
  const msPerUnit: Record<string, number> = {};
  let total = 0;
  for (const [comm, ms] of after) {
    const used = ms - (before.get(comm) ?? 0);
    if (used <= 0) continue;
    total += used;
    if (used / units >= 0.01) msPerUnit[comm] = Math.round((used / units) * 100) / 100;
  }
  return { msPerUnit, machineBusy: Math.round((total / (seconds * 1000 * cpus().length)) * 100) / 100 };
}

/** Postgres processes by role: client backends, or the background process (autovacuum, WAL writer, …) its title names. */
function postgresRole(pid: string): string {
  const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  const m = /^postgres: (?:\S+: )?(.*)$/.exec(title);
  if (!m) return 'postgres';
  const what = m[1]!;
  if (/ (idle|active|idle in transaction|SELECT|UPDATE|INSERT|COMMIT)\b/.test(what) || /^\S+ \S+ (\[local\]|\d)/.test(what))
    return 'postgres backends';
  return `postgres ${what.replace(/ .*/, '').replace(/\d+$/, '')}`.trim();
}
