import { resolve } from 'node:path';
import { loadConfig } from '../engine';
import { API_ACTOR } from './actors';
import { hostSettingsFromEnv } from './host-settings';
import { serveUntilSignal } from './serve';

/**
 * The web desk host: engine + HTTP/WebSocket transport + the built desk, on loopback by default.
 * `npm start` falls back to this where Electron cannot run; the end-to-end tests drive it. Nobody
 * acts without signing in; on first run the banner prints the link that creates the admin.
 */
async function main() {
  const host = process.env.HOST ?? '127.0.0.1';
  const settings = hostSettingsFromEnv(process.env);
  const scheme = settings.tls ? 'https' : 'http';
  await serveUntilSignal({
    config: loadConfig(process.env, {}, 'desk'),
    app: { deskDir: resolve(process.env.ATALAYA_DESK_DIR ?? 'out/renderer'), apiActor: API_ACTOR, ...settings },
    port: Number(process.env.PORT ?? 4780),
    host,
    headline: (port) => `Atalaya desk: ${scheme}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`,
  });
}

main().catch((e) => {
  console.error(`Atalaya could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
