import type { EngineRuntime } from '../engine';

/**
 * What a host prints once it listens: its address (the first line), the database it uses (for the
 * embedded one, the `psql` command that connects to it), the queue backend, where the data lives,
 * and how to stop it.
 */
export function startupBanner(headline: string, runtime: EngineRuntime): string {
  const db = runtime.database;
  const lines = [headline];
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
