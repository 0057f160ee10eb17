import { resolve } from 'node:path';
import { loadConfig, localDeskActor, startEngine } from '../engine';
import { API_ACTOR } from './actors';
import { buildHttpApp } from './http-app';
import { runUntilSignal } from './run-until-signal';
import { startupBanner } from './startup-banner';

/**
 * The web desk host: engine + HTTP/WebSocket transport + the built desk, on loopback by default.
 * `npm start` falls back to this where Electron cannot run; the end-to-end tests drive it.
 */
async function main() {
  const port = Number(process.env.PORT ?? 4780);
  const host = process.env.HOST ?? '127.0.0.1';
  const starting = (async () => {
    const engine = await startEngine(loadConfig(process.env, {}, 'desk'));
    const app = await buildHttpApp(engine, {
      deskDir: resolve(process.env.ATALAYA_DESK_DIR ?? 'out/renderer'),
      deskActor: localDeskActor(),
      apiActor: API_ACTOR,
    }).catch(async (e: unknown) => {
      await engine.close();
      throw e;
    });
    return { engine, app };
  })();
  // From the first moment: a signal during start-up (the embedded database starting, the demo
  // seeding) waits for the start to finish, then stops all of it instead of leaving it behind.
  runUntilSignal(async () => {
    const started = await starting.catch(() => undefined);
    await started?.app.close();
    await started?.engine.close();
  });
  const { engine, app } = await starting;
  await app.listen({ port, host }).catch(async (e: unknown) => {
    await engine.close(); // e.g. the port is taken: stop the engine (and its database) before saying so
    throw e;
  });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port; // PORT=0: the one the system chose
  console.log(startupBanner(`Atalaya desk: http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}/`, engine.runtime));
}

main().catch((e) => {
  console.error(`Atalaya could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
