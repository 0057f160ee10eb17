import type { EngineRuntime } from '../engine';

/** What else a host has to say at start: the first-run link, and warnings about its doors. */
export interface BannerNotes {
  /** `<scheme>://<host>:<port>` the desk is reached at, for the first-run link. */
  base?: string;
  /** While no admin exists: the one-time setup token. */
  setupToken?: string | null;
  warnings?: string[];
}

/**
 * What a host prints once it listens: its address (the first line), the database it uses (for the
 * embedded one, the `psql` command that connects to it), the queue backend, where the data lives,
 * and how to stop it. On first run, the link that creates the admin: the token is in the fragment,
 * which a browser never sends, so it reaches no server or proxy log.
 */
export function startupBanner(headline: string, runtime: EngineRuntime, notes: BannerNotes = {}): string {
  const db = runtime.database;
  const lines = [headline, ...(notes.warnings ?? [])];
  if (notes.setupToken && notes.base) {
    lines.push(`First run: create the admin at ${notes.base}/setup#token=${notes.setupToken}`);
    lines.push('           or in a terminal: npm run user -- add <name> --role admin');
  }
  if (db.embedded) {
    lines.push(`  database  embedded PostgreSQL on 127.0.0.1:${db.port}, its files in ${db.dir}`);
    lines.push(`            connect: psql '${db.url}'`);
  } else {
    lines.push(`  database  PostgreSQL ${db.server} (DATABASE_URL)`);
  }
  lines.push(
    runtime.queue.backend === 'redis'
      ? `  queues    Redis ${runtime.queue.server ?? ''} (REDIS_URL)`
      : '  queues    PostgreSQL, in the same database (REDIS_URL is not set)',
  );
  lines.push(`  data      ${runtime.dataDir}`);
  lines.push('Stop with Ctrl-C, or SIGTERM to the process you started; work in progress is finished first.');
  return lines.join('\n');
}
