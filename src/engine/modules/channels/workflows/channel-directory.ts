import type { Db } from '../../../db/data-source';
import { countApiChannels, findChannelByApiKeyHash, getChannel, type StoredChannel } from '../channel.store';
import { adapterFor } from '../../../adapters/channels/registry';
import { secretBoxFor, type SecretBox } from '../../../adapters/crypto/secret-box';
import type { ModuleContext } from '../../../kernel/context';
import type { ChannelAccount, ChannelAdapter } from '../../../ports/channel.port';

/** A channel ready for intake: its adapter and its account with secrets opened. */
export interface LiveChannel {
  stored: StoredChannel;
  account: ChannelAccount;
  adapter: ChannelAdapter | undefined;
}

/**
 * Channels by id for the hot intake path, cached in memory. Any change to a channel (by any engine
 * on the database) arrives as a `channels.changed` event and drops the entry; this engine's own
 * changes drop it at once.
 */
export class ChannelDirectory {
  private readonly byId = new Map<string, Promise<LiveChannel | null>>();
  private readonly byKey = new Map<string, Promise<LiveChannel | null>>();
  private apiChannels?: Promise<boolean>;

  private secretBox?: SecretBox;

  constructor(
    private readonly ds: Db,
    private readonly openBox: () => SecretBox,
  ) {}

  /** The secret box, opened on first use (a node that never sees a secret never reads the key). */
  get box(): SecretBox {
    return (this.secretBox ??= this.openBox());
  }

  get(id: string): Promise<LiveChannel | null> {
    let p = this.byId.get(id);
    if (!p) {
      p = getChannel(this.ds.manager, id).then((s) => (s ? this.live(s) : null));
      this.byId.set(id, p);
      // A failed lookup (database hiccup) is not cached.
      p.catch(() => this.byId.delete(id));
    }
    return p;
  }

  /** The API channel holding this key hash; found channels are cached, misses are not (so guesses cannot fill memory). */
  async byApiKeyHash(hash: string): Promise<LiveChannel | null> {
    const hit = this.byKey.get(hash);
    if (hit) return hit;
    const s = await findChannelByApiKeyHash(this.ds.manager, hash);
    if (!s) return null;
    const live = Promise.resolve(this.live(s));
    this.byKey.set(hash, live);
    return live;
  }

  /** Whether any API channel exists (then every REST call needs a key). */
  hasApiChannels(): Promise<boolean> {
    this.apiChannels ??= countApiChannels(this.ds.manager).then((n) => n > 0);
    this.apiChannels.catch(() => (this.apiChannels = undefined));
    return this.apiChannels;
  }

  invalidate(id?: string): void {
    if (id) this.byId.delete(id);
    else this.byId.clear();
    this.byKey.clear();
    this.apiChannels = undefined;
  }

  /** Opens the secrets; the API key's hash travels as a secret so the REST adapter can check keys. */
  live(s: StoredChannel): LiveChannel {
    const secrets = s.secrets ? this.box.open(s.secrets, s.secretsKeyId) : {};
    return {
      stored: s,
      account: {
        id: s.id,
        kind: s.kind,
        name: s.name,
        settings: s.settings,
        secrets: s.apiKeyHash ? { ...secrets, apiKeyHash: s.apiKeyHash } : secrets,
      },
      adapter: adapterFor(s.kind),
    };
  }
}

const directories = new WeakMap<Db, ChannelDirectory>();

/** The engine's one channel directory (per database connection), subscribed to channel changes. */
export function channelDirectory(ctx: Pick<ModuleContext, 'ds' | 'bus' | 'config'>): ChannelDirectory {
  let d = directories.get(ctx.ds);
  if (!d) {
    const dir = new ChannelDirectory(ctx.ds, () => secretBoxFor(process.env, ctx.config.dataDir));
    ctx.bus.subscribe((e) => e.type === 'channels.changed' && dir.invalidate(e.channelId));
    directories.set(ctx.ds, (d = dir));
  }
  return d;
}
