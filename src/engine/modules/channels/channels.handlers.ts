import { randomBytes } from 'node:crypto';
import { AppError, type Channel, type channelsContract, type FieldIssue } from '../../../shared';
import { adapterFor, allAdapters } from '../../adapters/channels/registry';
import { hashApiKey, newApiKey } from '../../adapters/crypto/secret-box';
import {
  channelHealth,
  getChannel,
  insertChannel,
  listChannels,
  listSkuMappings,
  updateChannel,
  upsertSkuMappings,
  type ChannelHealthRow,
  type StoredChannel,
} from './channel.store';
import { catalogSkus } from '../inventory/policy.store';
import { discardInbox, getInbox, listInbox, releaseHeld, reopenForReplay, waitingPerChannel } from './inbox.store';
import { channelDirectory } from './workflows/channel-directory';
import { InboxRetry, processInbox } from './workflows/inbox-process';
import { PROCESS_INBOX_JOB } from './inbox-receive';
import type { ModuleContext } from '../../kernel/context';
import type { HandlersFor } from '../../kernel/define-module';
import { auditNote } from '../../kernel/audit';

type ChannelsEndpoint = keyof typeof channelsContract;

function toChannel(ctx: ModuleContext, s: StoredChannel, h: ChannelHealthRow | undefined): Channel {
  let secretNames: string[];
  try {
    secretNames = s.secrets ? Object.keys(channelDirectory(ctx).box.open(s.secrets, s.secretsKeyId)) : [];
  } catch {
    secretNames = []; // another desk's key: the names are unknown here, the channel still lists
  }
  const adapter = adapterFor(s.kind);
  const received = h?.received24h ?? 0;
  const failed = h?.failed24h ?? 0;
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    paused: s.paused,
    settings: s.settings,
    secretNames,
    apiKeyHint: s.apiKeyHint,
    webhookPath: `/api/v1/channels/${s.id}`,
    requiredSettings: [...(adapter?.requiredSettings ?? [])],
    requiredSecrets: [...(adapter?.requiredSecrets ?? [])],
    health: {
      lastOrderAt: h?.lastOrderAt?.toISOString() ?? null,
      received24h: received,
      failed24h: failed,
      errorRate: received ? Math.round((failed / received) * 1000) / 1000 : 0,
      quarantined: h?.quarantined ?? 0,
    },
    createdAt: s.createdAt.toISOString(),
  };
}

async function channelView(ctx: ModuleContext, s: StoredChannel): Promise<Channel> {
  return toChannel(ctx, s, (await channelHealth(ctx.ds.manager)).get(s.id));
}

async function mustGet(ctx: ModuleContext, id: string): Promise<StoredChannel> {
  const s = await getChannel(ctx.ds.manager, id);
  if (!s) throw new AppError('NOT_FOUND', `No channel ${id}`);
  return s;
}

function missingFields(kind: StoredChannel['kind'], settings: Record<string, string>, secretNames: readonly string[]): FieldIssue[] {
  const a = adapterFor(kind);
  if (!a) return [];
  return [
    ...a.requiredSettings
      .filter((k) => !settings[k]?.trim())
      .map((k) => ({ path: `settings.${k}`, message: `${k} is required for a ${kind} channel` })),
    ...a.requiredSecrets
      .filter((k) => !secretNames.includes(k))
      .map((k) => ({ path: `secrets.${k}`, message: `${k} is required for a ${kind} channel` })),
  ];
}

const isUniqueName = (e: unknown) => {
  const d = (e as { driverError?: { code?: string; constraint?: string } }).driverError ?? (e as { code?: string; constraint?: string });
  return d?.code === '23505' && d.constraint === 'channels_name_key';
};

function keyFields(kind: StoredChannel['kind']): { apiKey: string | null; apiKeyHash?: string; apiKeyHint?: string } {
  if (kind !== 'api') return { apiKey: null };
  const apiKey = newApiKey();
  return { apiKey, apiKeyHash: hashApiKey(apiKey), apiKeyHint: `…${apiKey.slice(-4)}` };
}

/** A channel as the audit log keeps it: never its secrets, its key or the key's hint, only the secrets' names. */
const channelForAudit = (s: StoredChannel, secretNames?: readonly string[]) => ({
  id: s.id,
  kind: s.kind,
  name: s.name,
  paused: s.paused,
  settings: s.settings,
  ...(secretNames ? { secretNames: [...secretNames] } : {}),
});

async function inboxDetail(ctx: ModuleContext, id: string) {
  const d = await getInbox(ctx.ds.manager, id);
  if (!d) throw new AppError('NOT_FOUND', `No inbox row ${id}`);
  return d;
}

/** The inbox row as it ends the command, noted as the audit entry's `after`. */
async function notedInbox(ctx: ModuleContext, id: string) {
  const d = await inboxDetail(ctx, id);
  auditNote({ after: { status: d.status } });
  return d;
}

export const channelsHandlers: HandlersFor<ChannelsEndpoint> = {
  'channels.kinds': async () =>
    allAdapters().map((a) => ({
      kind: a.kind,
      requiredSettings: [...a.requiredSettings],
      requiredSecrets: [...a.requiredSecrets],
      optionalSettings: [...(a.optionalSettings ?? [])],
      optionalSecrets: [...(a.optionalSecrets ?? [])],
    })),
  'channels.list': async (ctx) => {
    const [rows, health] = await Promise.all([listChannels(ctx.ds.manager), channelHealth(ctx.ds.manager)]);
    return rows.map((s) => toChannel(ctx, s, health.get(s.id)));
  },
  'channels.create': async (ctx, input) => {
    const issues = missingFields(input.kind, input.settings, Object.keys(input.secrets));
    if (issues.length)
      throw new AppError('VALIDATION_FAILED', `The channel is incomplete: ${issues.map((i) => i.message).join('; ')}`, issues);
    const box = channelDirectory(ctx).box;
    const key = keyFields(input.kind);
    try {
      const s = await insertChannel(ctx.ds.manager, {
        id: `ch_${randomBytes(6).toString('hex')}`,
        kind: input.kind,
        name: input.name,
        settings: input.settings,
        secrets: Object.keys(input.secrets).length ? box.seal(input.secrets) : null,
        secretsKeyId: Object.keys(input.secrets).length ? box.keyId : null,
        apiKeyHash: key.apiKeyHash ?? null,
        apiKeyHint: key.apiKeyHint ?? null,
      });
      channelDirectory(ctx).invalidate(s.id);
      auditNote({ subject: `channel ${s.id}`, before: null, after: channelForAudit(s, Object.keys(input.secrets)) });
      return { channel: await channelView(ctx, s), apiKey: key.apiKey };
    } catch (e) {
      if (isUniqueName(e))
        throw new AppError('VALIDATION_FAILED', `A channel named "${input.name}" exists already; choose another name`, [
          { path: 'name', message: 'already used' },
        ]);
      throw e;
    }
  },
  'channels.update': async (ctx, input) => {
    const s = await mustGet(ctx, input.id);
    const box = channelDirectory(ctx).box;
    let sealed: Buffer | undefined;
    let secretNames = s.secrets ? Object.keys(box.open(s.secrets, s.secretsKeyId)) : [];
    auditNote({ subject: `channel ${s.id}`, before: channelForAudit(s, secretNames) });
    if (input.secrets && Object.keys(input.secrets).length) {
      const merged = { ...(s.secrets ? box.open(s.secrets, s.secretsKeyId) : {}), ...input.secrets };
      sealed = box.seal(merged);
      secretNames = Object.keys(merged);
    }
    const issues = missingFields(s.kind, input.settings ?? s.settings, secretNames);
    if (issues.length)
      throw new AppError('VALIDATION_FAILED', `The channel would be incomplete: ${issues.map((i) => i.message).join('; ')}`, issues);
    try {
      const u = await updateChannel(ctx.ds.manager, s.id, {
        name: input.name,
        settings: input.settings,
        secrets: sealed,
        secretsKeyId: sealed ? box.keyId : undefined,
      });
      channelDirectory(ctx).invalidate(s.id);
      auditNote({
        after: { ...channelForAudit(u!, secretNames), ...(sealed ? { secretsReplaced: Object.keys(input.secrets ?? {}) } : {}) },
      });
      return channelView(ctx, u!);
    } catch (e) {
      if (isUniqueName(e))
        throw new AppError('VALIDATION_FAILED', `A channel named "${input.name}" exists already; choose another name`, [
          { path: 'name', message: 'already used' },
        ]);
      throw e;
    }
  },
  'channels.setPaused': async (ctx, { id, paused }, actor) => {
    const s = await mustGet(ctx, id);
    const u = await updateChannel(ctx.ds.manager, id, { paused });
    auditNote({ subject: `channel ${id}`, before: channelForAudit(s), after: channelForAudit(u!) });
    channelDirectory(ctx).invalidate(id);
    if (!paused) {
      // Requests that arrived while paused were kept as `held`: process them now, oldest first.
      for (const rowId of await releaseHeld(ctx.ds.manager, id, actor)) await ctx.queue.enqueue(PROCESS_INBOX_JOB, rowId);
    }
    return channelView(ctx, u!);
  },
  'channels.rotateKey': async (ctx, { id }) => {
    const s = await mustGet(ctx, id);
    if (s.kind !== 'api')
      throw new AppError(
        'VALIDATION_FAILED',
        `Channel "${s.name}" is of kind ${s.kind}; only API channels have keys (rotate its secrets with channels.update)`,
        [{ path: 'id', message: 'not an API channel' }],
      );
    const key = keyFields('api');
    const u = await updateChannel(ctx.ds.manager, id, { apiKeyHash: key.apiKeyHash, apiKeyHint: key.apiKeyHint });
    channelDirectory(ctx).invalidate(id);
    // The key is never recorded (nor its hint): only that it changed.
    auditNote({ subject: `channel ${id}`, before: channelForAudit(s), after: { ...channelForAudit(u!), apiKeyRotated: true } });
    return { channel: await channelView(ctx, u!), apiKey: key.apiKey! };
  },
  'inbox.list': (ctx, q) => listInbox(ctx.ds.manager, q),
  'inbox.get': (ctx, { id }) => inboxDetail(ctx, id),
  'inbox.waiting': (ctx) => waitingPerChannel(ctx.ds.manager),
  'inbox.replay': async (ctx, { id, body }, actor) => {
    const before = await getInbox(ctx.ds.manager, id);
    auditNote({ subject: `inbox ${id}`, before: before && { status: before.status }, after: null });
    const reopened = await reopenForReplay(ctx.ds.manager, id, body === undefined ? null : Buffer.from(body, 'utf8'), actor);
    if (!reopened) {
      const d = await inboxDetail(ctx, id);
      // Replaying again (a double click, a second desk) is a no-op once the row moved on.
      if (d.status === 'processed' || d.status === 'received' || d.status === 'ignored') return d;
      throw new AppError('ILLEGAL_TRANSITION', `Inbox row ${id} is ${d.status}; only quarantined and exception rows can be replayed`);
    }
    try {
      await processInbox(ctx, id);
    } catch (e) {
      if (!(e instanceof InboxRetry)) throw e;
      await ctx.queue.enqueue(PROCESS_INBOX_JOB, id, { delayMs: 2_000 });
    }
    return notedInbox(ctx, id);
  },
  'inbox.discard': async (ctx, { id, reason }, actor) => {
    const before = await getInbox(ctx.ds.manager, id);
    auditNote({ subject: `inbox ${id}`, before: before && { status: before.status }, after: null });
    if (!(await discardInbox(ctx.ds.manager, id, reason, actor))) {
      const d = await inboxDetail(ctx, id);
      if (d.status === 'discarded') return d;
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `Inbox row ${id} is ${d.status}; only quarantined, exception and held rows can be discarded`,
      );
    }
    return notedInbox(ctx, id);
  },
  'skuMappings.list': async (ctx, { channelId }) => {
    await mustGet(ctx, channelId);
    return listSkuMappings(ctx.ds.manager, channelId);
  },
  'skuMappings.upsert': async (ctx, { channelId, mappings }) => {
    await mustGet(ctx, channelId);
    const skus = [...new Set(mappings.map((x) => x.sku))];
    const knownSet = await catalogSkus(ctx.ds.manager, skus);
    const issues = mappings.flatMap((x, i) =>
      knownSet.has(x.sku) ? [] : [{ path: `mappings.${i}.sku`, message: `SKU ${x.sku} is not in the catalog` }],
    );
    if (issues.length) throw new AppError('VALIDATION_FAILED', `Unknown SKUs: ${issues.map((i) => i.message).join('; ')}`, issues);
    const named = new Set(mappings.map((x) => x.channelSku));
    const was = (await listSkuMappings(ctx.ds.manager, channelId)).filter((x) => named.has(x.channelSku));
    auditNote({
      subject: `channel ${channelId}`,
      before: { mappings: was.map((x) => ({ channelSku: x.channelSku, sku: x.sku })) },
      after: { mappings: mappings.map((x) => ({ channelSku: x.channelSku, sku: x.sku })) },
    });
    return { upserted: await upsertSkuMappings(ctx.ds.manager, channelId, mappings) };
  },
};
