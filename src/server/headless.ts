import { loadConfig } from '../engine';
import { API_ACTOR } from './actors';
import { hostSettingsFromEnv } from './host-settings';
import { serveUntilSignal } from './serve';

/** An always-on engine node: intake API, events and workers, no desk UI. */
async function main() {
  const host = process.env.HOST ?? '127.0.0.1';
  const settings = hostSettingsFromEnv(process.env);
  const scheme = settings.tls ? 'https' : 'http';
  await serveUntilSignal({
    config: loadConfig(),
    app: { apiActor: API_ACTOR, ...settings },
    port: Number(process.env.PORT ?? 4780),
    host,
    headline: (port) => `Atalaya engine (headless): API on ${scheme}://${host}:${port}/api/v1, health on /healthz`,
  });
}

main().catch((e) => {
  console.error(`Atalaya engine could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
