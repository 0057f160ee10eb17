import { startEngine, type Engine, type EngineConfig } from '../engine';
import { buildHttpApp, type HttpAppOptions } from './http-app';
import { allInterfacesWarning } from './host-settings';
import { runUntilSignal } from './run-until-signal';
import { startupBanner } from './startup-banner';

/**
 * Starts an engine and its HTTP host, listens, prints the start banner, and stops it all on a
 * signal — the one way both hosts (the web desk, the headless node) run. A signal during start-up
 * (the embedded database starting, the demo seeding) waits for the start to finish, then stops all
 * of it instead of leaving it behind. `headline` gets the port actually bound (PORT=0 works).
 */
export async function serveUntilSignal(o: {
  config: EngineConfig;
  app: HttpAppOptions;
  port: number;
  host: string;
  headline: (port: number) => string;
}): Promise<void> {
  const warning = allInterfacesWarning(o.host, process.env);
  const starting = (async () => {
    const engine: Engine = await startEngine(o.config);
    const app = await buildHttpApp(engine, o.app).catch(async (e: unknown) => {
      await engine.close();
      throw e;
    });
    return { engine, app };
  })();
  runUntilSignal(async () => {
    const started = await starting.catch(() => undefined);
    await started?.app.close();
    await started?.engine.close();
  });
  const { engine, app } = await starting;
  await app.listen({ port: o.port, host: o.host }).catch(async (e: unknown) => {
    await engine.close(); // e.g. the port is taken: stop the engine (and its database) before saying so
    throw e;
  });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : o.port;
  const shown = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host.includes(':') ? `[${o.host}]` : o.host;
  const setupToken = await engine.identity.pendingSetupToken().catch((e: unknown) => {
    console.error(`Could not tell whether an admin exists: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  });
  console.log(
    startupBanner(o.headline(bound), engine.runtime, {
      base: `${o.app.tls ? 'https' : 'http'}://${shown}:${bound}`,
      setupToken,
      warnings: warning ? [warning] : [],
    }),
  );
}
