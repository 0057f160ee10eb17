import { loadConfig, localDeskActor, startEngine } from '../engine';
import { API_ACTOR } from './actors';
import { buildHttpApp } from './http-app';
import { runUntilSignal } from './run-until-signal';

/** An always-on engine node: intake API, events and workers, no desk UI. */
async function main() {
  const port = Number(process.env.PORT ?? 4780);
  const host = process.env.HOST ?? '127.0.0.1';
  const engine = await startEngine(loadConfig());
  const app = await buildHttpApp(engine, { deskActor: localDeskActor(), apiActor: API_ACTOR });
  await app.listen({ port, host });
  console.log(`Atalaya engine (headless): API on http://${host}:${port}/api/v1, health on /healthz`);
  runUntilSignal(async () => {
    await app.close();
    await engine.close();
  });
}

main().catch((e) => {
  console.error(`Atalaya engine could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
