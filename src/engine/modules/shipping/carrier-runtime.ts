import { AppError } from '../../../shared';
import { CarrierHttpPool } from '../../adapters/carriers/carrier-http';
import { carrierAdapter } from '../../adapters/carriers/registry';
import { secretBoxFor, type SecretBox } from '../../adapters/crypto/secret-box';
import { inTransaction, type Db } from '../../db/data-source';
import type { ModuleContext } from '../../kernel/context';
import type { CarrierAccountConfig, CarrierAdapter, CarrierIo } from '../../ports/carrier.port';
import { getCarrierAccount, openSecrets, rotateCarrierSecrets, type StoredCarrierAccount } from './carrier-accounts.store';

/**
 * How the engine talks to a carrier account (published at the module's root: tracking, the label
 * worker and the handlers all come here). Per engine one {@link CarrierHttpPool} — the breakers
 * must outlive a call to be breakers — and per call the account read fresh from the database with
 * its secrets opened, so an edit on any node is seen at once.
 */

type RuntimeCtx = Pick<ModuleContext, 'ds' | 'config'>;

interface Runtime {
  pool: CarrierHttpPool;
  box?: SecretBox;
}

const runtimes = new WeakMap<Db, Runtime>();

function runtimeOf(ctx: RuntimeCtx): Runtime {
  let r = runtimes.get(ctx.ds);
  if (!r) runtimes.set(ctx.ds, (r = { pool: new CarrierHttpPool() }));
  return r;
}

/** The engine's carrier HTTP pool (one circuit breaker per account). */
export function carrierPool(ctx: RuntimeCtx): CarrierHttpPool {
  return runtimeOf(ctx).pool;
}

/** The engine's secret box, opened on first use (a node that never calls a carrier never reads the key). */
export function carrierSecretBox(ctx: RuntimeCtx): SecretBox {
  const r = runtimeOf(ctx);
  return (r.box ??= secretBoxFor(process.env, ctx.config.dataDir));
}

/** A carrier account ready for calls: its adapter, the account as the adapter sees it, and the io for it. */
export interface LiveCarrier {
  adapter: CarrierAdapter;
  account: CarrierAccountConfig;
  io: CarrierIo;
  /** Whether the account is enabled (a disabled one still tracks what it shipped; it takes no new labels). */
  enabled: boolean;
}

/** The io of one account: the pool's client for it, the clock, and secret rotation sealed and stored. */
export function carrierIo(ctx: RuntimeCtx, account: Pick<CarrierAccountConfig, 'id' | 'name'>): CarrierIo {
  return {
    http: carrierPool(ctx).forAccount(account.id, account.name),
    now: () => new Date(),
    saveSecrets: (update) => inTransaction(ctx.ds, (m) => rotateCarrierSecrets(m, carrierSecretBox(ctx), account.id, update)),
  };
}

/**
 * The settings and secrets an adapter's spec requires that the account lacks, as one
 * VALIDATION_FAILED naming each (what to fill in under Carriers), or nothing.
 */
export function assertCarrierSettings(adapter: CarrierAdapter, account: CarrierAccountConfig): void {
  const missing = adapter.settingsSpec.filter((s) => s.required && !(s.secret ? account.secrets[s.key] : account.settings[s.key])?.trim());
  if (!missing.length) return;
  throw new AppError(
    'VALIDATION_FAILED',
    `Carrier account ${account.name} (${account.id}) is missing ${missing.map((s) => `${s.secret ? 'secret' : 'setting'} "${s.key}"`).join(', ')}: fill ${missing.length === 1 ? 'it' : 'them'} in under Carriers`,
    missing.map((s) => ({ path: `${s.secret ? 'secrets' : 'settings'}.${s.key}`, message: s.help })),
  );
}

/** {@link LiveCarrier} for a stored account already read. */
export function liveCarrier(ctx: RuntimeCtx, stored: StoredCarrierAccount): LiveCarrier {
  const adapter = carrierAdapter(stored.kind);
  const account: CarrierAccountConfig = {
    id: stored.id,
    kind: stored.kind,
    name: stored.name,
    settings: stored.settings,
    secrets: openSecrets(carrierSecretBox(ctx), stored),
  };
  assertCarrierSettings(adapter, account);
  return { adapter, account, io: carrierIo(ctx, account), enabled: stored.enabled };
}

/**
 * The carrier of an account, for calls: NOT_FOUND for an unknown account, VALIDATION_FAILED naming
 * a required setting or secret the account lacks. Does not refuse a disabled account (its
 * shipments are still tracked); callers that buy labels check `enabled`.
 */
export async function carrierFor(ctx: RuntimeCtx, accountId: string): Promise<LiveCarrier> {
  const stored = await getCarrierAccount(ctx.ds.manager, accountId);
  if (!stored) {
    throw new AppError('NOT_FOUND', `No carrier account ${accountId}`, [
      { path: 'carrierAccountId', message: 'pick an account from the carrier list (carriers.list)' },
    ]);
  }
  return liveCarrier(ctx, stored);
}
