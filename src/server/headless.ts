import { loadConfig, localDeskActor, startEngine } from '../engine';
import { API_ACTOR } from './actors';
import { buildHttpApp } from './http-app';
import { runUntilSignal } from './run-until-signal';
import { startupBanner } from './startup-banner';

/** An always-on engine node: intake API, events and workers, no desk UI. */
async function main() {
  const port = Number(process.env.PORT ?? 4780);
  const host = process.env.HOST ?? '127.0.0.1';
  const starting = (async () => {
    const engine = await startEngine(loadConfig());
    const app = await buildHttpApp(engine, { deskActor: localDeskActor(), apiActor: API_ACTOR }).catch(async (e: unknown) => {
      await engine.close();
      throw e;
    });
    return { engine, app };
  })();
  // From the first moment: a signal during start-up waits for the start to finish, then stops all of it.
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
  console.log(startupBanner(`Atalaya engine (headless): API on http://${host}:${bound}/api/v1, health on /healthz`, engine.runtime));
}

main().catch((e) => {
  console.error(`Atalaya engine could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
