import type { NotificationChannel } from '../../../shared';
import { secretBoxFor, type SecretBox } from '../../adapters/crypto/secret-box';
import { MjmlCompiler } from '../../adapters/notify/mjml-compiler';
import { providerFor } from '../../adapters/notify/registry';
import type { Db } from '../../db/data-source';
import type { ModuleContext } from '../../kernel/context';
import { NotifierError, type NotificationProvider } from '../../ports/notifier.port';
import { listProviders, type StoredProvider } from './notify-config.store';

/**
 * The notification runtime of one engine: each channel's provider built from its stored settings
 * (and opened secrets), kept while the settings stay the same — a provider holds a connection pool
 * — and rebuilt when someone saves new ones; and the one MJML compiler (templates compiled once).
 */

type RuntimeCtx = Pick<ModuleContext, 'ds' | 'config'>;

interface Live {
  stamp: string;
  provider: NotificationProvider | null;
  /** Why the channel cannot send (bad settings), when it cannot. */
  problem: string | null;
}

interface Runtime {
  box?: SecretBox;
  compiler: MjmlCompiler;
  live: Map<NotificationChannel, Live>;
  fallbackWebhook?: Live;
}

const runtimes = new WeakMap<Db, Runtime>();

function runtimeOf(ctx: RuntimeCtx): Runtime {
  let r = runtimes.get(ctx.ds);
  if (!r) runtimes.set(ctx.ds, (r = { compiler: new MjmlCompiler(), live: new Map() }));
  return r;
}

export function notifySecretBox(ctx: RuntimeCtx): SecretBox {
  const r = runtimeOf(ctx);
  return (r.box ??= secretBoxFor(process.env, ctx.config.dataDir));
}

export const mjmlCompiler = (ctx: RuntimeCtx): MjmlCompiler => runtimeOf(ctx).compiler;

/**
 * A provider's configuration from its row: the settings as they are, the secrets where each
 * channel takes them (e-mail: `password` with the `user` setting; WhatsApp: `accessToken`; SMS:
 * `token`).
 */
export function providerConfig(p: Pick<StoredProvider, 'channel' | 'settings'>, secrets: Record<string, string>): Record<string, unknown> {
  const c: Record<string, unknown> = { ...p.settings, channel: p.channel };
  if (p.channel === 'email' && typeof p.settings.user === 'string' && secrets.password)
    c.auth = { user: p.settings.user, pass: secrets.password };
  delete c.user;
  if (p.channel === 'whatsapp' && secrets.accessToken) c.accessToken = secrets.accessToken;
  if (p.channel === 'sms' && secrets.token) c.token = secrets.token;
  return c;
}

/** The channels with an enabled provider, each ready to send (or with why it cannot). */
export async function liveProviders(ctx: RuntimeCtx): Promise<Map<NotificationChannel, Live>> {
  const r = runtimeOf(ctx);
  const stored = await listProviders(ctx.ds.manager);
  const seen = new Set<NotificationChannel>();
  for (const p of stored) {
    if (!p.enabled) continue;
    seen.add(p.channel);
    const stamp = p.updatedAt.toISOString();
    const was = r.live.get(p.channel);
    if (was?.stamp === stamp) continue;
    await was?.provider?.close().catch(() => undefined);
    try {
      const secrets = p.secrets ? notifySecretBox(ctx).open(p.secrets, p.secretsKeyId) : {};
      r.live.set(p.channel, { stamp, provider: providerFor(providerConfig(p, secrets)), problem: null });
    } catch (e) {
      r.live.set(p.channel, {
        stamp,
        provider: null,
        problem: e instanceof NotifierError ? e.message : `cannot open the settings: ${(e as Error).message}`,
      });
    }
  }
  for (const [channel, l] of r.live)
    if (!seen.has(channel)) {
      await l.provider?.close().catch(() => undefined);
      r.live.delete(channel);
    }
  return r.live;
}

/**
 * The webhook client: the one set up under Notifications, else one with the defaults (timeouts,
 * no redirects) — merchant endpoints need no provider account, only their URL and secret.
 */
export function webhookProvider(ctx: RuntimeCtx, live: Map<NotificationChannel, Live>): Live {
  const set = live.get('webhook');
  if (set) return set;
  const r = runtimeOf(ctx);
  r.fallbackWebhook ??= { stamp: 'default', provider: providerFor({ channel: 'webhook' }), problem: null };
  return r.fallbackWebhook;
}

/** Closes every provider (the engine stops). */
export async function closeProviders(ctx: RuntimeCtx): Promise<void> {
  const r = runtimes.get(ctx.ds);
  if (!r) return;
  for (const l of r.live.values()) await l.provider?.close().catch(() => undefined);
  r.live.clear();
  await r.fallbackWebhook?.provider?.close().catch(() => undefined);
  delete r.fallbackWebhook;
}
