import { resolve } from 'node:path';
import { loadConfig, localDeskActor, startEngine } from '../engine';
import { API_ACTOR } from './actors';
import { buildHttpApp } from './http-app';
import { runUntilSignal } from './run-until-signal';

/**
 * The web desk host: engine + HTTP/WebSocket transport + the built desk, on loopback by default.
 * `npm start` falls back to this where Electron cannot run; the end-to-end tests drive it.
 */
async function main() {
  const port = Number(process.env.PORT ?? 4780);
  const host = process.env.HOST ?? '127.0.0.1';
  const engine = await startEngine(loadConfig(process.env, {}, 'desk'));
  const app = await buildHttpApp(engine, {
    deskDir: resolve(process.env.ATALAYA_DESK_DIR ?? 'out/renderer'),
    deskActor: localDeskActor(),
    apiActor: API_ACTOR,
  });
  await app.listen({ port, host });
  console.log(`Atalaya desk: http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`);
  runUntilSignal(async () => {
    await app.close();
    await engine.close();
  });
}

main().catch((e) => {
  console.error(`Atalaya could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
