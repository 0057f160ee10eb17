import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Actor, type Engine } from '../../src/engine';
import { mercadolibreAdapter } from '../../src/engine/adapters/channels/mercadolibre';
import { openDatabase } from '../../src/engine/db/data-source';
import type { ModuleContext } from '../../src/engine/kernel/context';
import type { ChannelAccount } from '../../src/engine/ports/channel.port';
import { channelIo, withChannelRefreshLock } from '../../src/engine/modules/channels/workflows/inbox-process';
import { migrateTestDatabase, startTestEngine } from '../support/engine-under-test';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { mercadolibreKit } from './channels/kits';

const ADMIN: Actor = { id: 'u-admin', name: 'Ada Admin', role: 'admin' };

/**
 * Two engine nodes (two connection pools, no shared memory) interpret notifications of one Mercado
 * Libre channel at the same moment, both holding the same refresh token. ML accepts a refresh
 * token once: without the channel's advisory lock the second refresh gets invalid_grant.
 */
describe('Mercado Libre token refresh across engine nodes', () => {
  let db: TestDatabase;
  let engine: Engine;
  const nodes: DataSource[] = [];
  const kit = mercadolibreKit(mercadolibreAdapter);
  let account: ChannelAccount;
  const nodeCtx = (ds: DataSource) =>
    ({ ds, bus: { subscribe: () => () => undefined }, config: loadConfig(process.env) }) as unknown as Pick<
      ModuleContext,
      'ds' | 'bus' | 'config'
    >;
  const stored = () => withChannelRefreshLock(nodeCtx(nodes[0]!), account.id, async (s) => ({ ...s }));
  const tokenCalls = () => kit.api().requests.filter((r) => r.path === '/oauth/token').length;

  beforeAll(async () => {
    process.env.ATALAYA_SECRET_KEY = randomBytes(32).toString('base64');
    await kit.setup();
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    engine = await startTestEngine(db.url, { workers: false });
    for (let i = 0; i < 2; i++) nodes.push(await openDatabase({ url: db.url, poolSize: 3 }));
  });
  // Each case has a channel of its own, holding ML's current refresh token and no access token yet:
  // the first interprets must refresh.
  let channels = 0;
  beforeEach(async () => {
    kit.api().expireAccessToken();
    const k = kit.account();
    const a = { ...k, secrets: Object.fromEntries(Object.entries(k.secrets).filter(([, v]) => v !== undefined)) };
    const { channel } = await engine.dispatch(
      'channels.create',
      { kind: 'mercadolibre', name: `${a.name} ${++channels}`, settings: { ...a.settings }, secrets: { ...a.secrets } },
      ADMIN,
    );
    account = { ...a, id: channel.id };
  });
  afterAll(async () => {
    for (const n of nodes) await n.destroy();
    await engine?.close();
    await db?.drop();
    await kit.teardown();
  });

  it('two nodes refreshing at once: one refresh, both read the order with the fresh token, the rotated tokens are stored', async () => {
    const before = tokenCalls();
    // Both nodes start from the same snapshot: no access token yet, the same refresh token.
    const [a, b] = await Promise.all(
      nodes.map((ds) => mercadolibreAdapter.interpret(kit.request(), account, channelIo(nodeCtx(ds), account))),
    );
    expect(a?.[0]?.type).toBe('order.upsert');
    expect(b?.[0]?.type).toBe('order.upsert');
    expect(tokenCalls() - before).toBe(1);
    expect(await stored()).toMatchObject(kit.api().tokens());
  });

  it('after the token expires, two nodes holding the old snapshot again share one refresh', async () => {
    // The channel has been in use: one interpret refreshed, and the rotated tokens are stored.
    await mercadolibreAdapter.interpret(kit.request(), account, channelIo(nodeCtx(nodes[0]!), account));
    const snapshot: ChannelAccount = { ...account, secrets: { ...(await stored()) } };
    kit.api().expireAccessToken();
    const before = tokenCalls();
    const results = await Promise.all(
      nodes.map((ds) => mercadolibreAdapter.interpret(kit.request(), snapshot, channelIo(nodeCtx(ds), snapshot))),
    );
    expect(results.map((r) => r[0]?.type)).toEqual(['order.upsert', 'order.upsert']);
    expect(tokenCalls() - before).toBe(1);
    const now = await stored();
    expect(now.refreshToken).not.toBe(snapshot.secrets.refreshToken);
    expect(now).toMatchObject(kit.api().tokens());
  });
});
