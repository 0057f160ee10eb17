import { resolve } from 'node:path';
import { loadConfig, localDeskActor } from '../engine';
import { API_ACTOR } from './actors';
import { serveUntilSignal } from './serve';

/**
 * The web desk host: engine + HTTP/WebSocket transport + the built desk, on loopback by default.
 * `npm start` falls back to this where Electron cannot run; the end-to-end tests drive it.
 */
async function main() {
  const host = process.env.HOST ?? '127.0.0.1';
  await serveUntilSignal({
    config: loadConfig(process.env, {}, 'desk'),
    app: { deskDir: resolve(process.env.ATALAYA_DESK_DIR ?? 'out/renderer'), deskActor: localDeskActor(), apiActor: API_ACTOR },
    port: Number(process.env.PORT ?? 4780),
    host,
    headline: (port) => `Atalaya desk: http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`,
  });
}

main().catch((e) => {
  console.error(`Atalaya could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
