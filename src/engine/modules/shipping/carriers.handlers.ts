import { AppError, type CarrierAccount } from '../../../shared';
import { carrierAdapter } from '../../adapters/carriers/registry';
import { inTransaction } from '../../db/data-source';
import { auditNote } from '../../kernel/audit';
import type { ModuleContext } from '../../kernel/context';
import type { HandlersFor } from '../../kernel/define-module';
import { CarrierError } from '../../ports/carrier.port';
import {
  getCarrierAccount,
  listCarrierAccounts,
  saveCarrierAccount,
  secretNames,
  type StoredCarrierAccount,
} from './carrier-accounts.store';
import { carrierFor, carrierPool, carrierSecretBox } from './carrier-runtime';

/**
 * Carrier accounts for admins (and planners/supervisors to read): what each carrier can do, whether
 * its circuit is open, where its webhooks go; saving with secrets sealed and never read back; a
 * harmless call to check the credentials.
 */

type Ctx = Pick<ModuleContext, 'ds' | 'config' | 'log'>;

/** An account as the desk sees it: secret names only. */
export function accountView(ctx: Ctx, s: StoredCarrierAccount): CarrierAccount {
  let secretsSet: string[] = [];
  try {
    secretsSet = secretNames(carrierSecretBox(ctx), s);
  } catch (err) {
    // Sealed with another engine's key: the desk shows none set, and a call will say which key it needs.
    ctx.log.warn({ err, account: s.id }, 'carrier secrets cannot be opened with this engine key');
  }
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    enabled: s.enabled,
    settings: s.settings,
    secretsSet,
    capabilities: carrierAdapter(s.kind).capabilities,
    webhookPath: `/api/v1/carriers/${s.id}/webhook`,
    circuit: carrierPool(ctx).circuit(s.id),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** A harmless call that proves the credentials: a quote, else the branch list, else tracking an unknown number. */
async function testAccount(ctx: Ctx, id: string): Promise<{ ok: boolean; message: string }> {
  let c;
  try {
    c = await carrierFor(ctx, id);
  } catch (e) {
    // A missing setting is an answer about the account; an unknown account is the caller's mistake.
    if (e instanceof AppError && e.code === 'VALIDATION_FAILED') return { ok: false, message: e.message };
    throw e;
  }
  const { adapter, account, io } = c;
  try {
    if (adapter.capabilities.quote) {
      const city = account.settings.testCity?.trim() || 'Buenos Aires';
      const postalCode = account.settings.testPostalCode?.trim() || undefined;
      const place = { name: 'Atalaya test', line1: 'Test 123', city, postalCode, country: account.settings.country?.trim() || 'AR' };
      const quotes = await adapter.quote(
        account,
        { from: place, to: place, parcels: [{ weightGrams: 1_000 }], declaredValue: { amount: 1_000, currency: 'ARS' } },
        io,
      );
      const cheapest = [...quotes].sort((a, b) => a.price.amount - b.price.amount)[0];
      return {
        ok: true,
        message: `${account.name} answered a test quote: ${quotes.length} service${quotes.length === 1 ? '' : 's'}${cheapest ? ` (cheapest ${cheapest.serviceName}, ${cheapest.price.amount} ${cheapest.price.currency})` : ''}`,
      };
    }
    if (adapter.capabilities.branches && adapter.branches) {
      const branches = await adapter.branches(account, account.settings.testPostalCode?.trim() || '1000', io);
      return {
        ok: true,
        message: `${account.name} answered the branch list: ${branches.length} branch${branches.length === 1 ? '' : 'es'}`,
      };
    }
    await adapter.track(account, ['ATALAYA-TEST'], io);
    return { ok: true, message: `${account.name} answered a tracking request` };
  } catch (e) {
    if (e instanceof CarrierError) return { ok: false, message: e.message };
    ctx.log.warn({ err: e, account: id }, 'carrier test failed');
    return { ok: false, message: `${account.name}: ${(e as Error).message}` };
  }
}

export const carriersHandlers: HandlersFor<'carriers.list' | 'carriers.save' | 'carriers.test'> = {
  'carriers.list': async (ctx) => (await listCarrierAccounts(ctx.ds.manager)).map((s) => accountView(ctx, s)),

  'carriers.save': async (ctx, input) => {
    const { before, after } = await inTransaction(ctx.ds, async (m) => {
      const current = await getCarrierAccount(m, input.id, { lock: true });
      if (current && current.kind !== input.kind) {
        throw new AppError('VALIDATION_FAILED', `Carrier account ${input.id} is a ${current.kind} account: its kind cannot change`, [
          { path: 'kind', message: `keep ${current.kind}, or add a new account with another id for ${input.kind}` },
        ]);
      }
      const saved = await saveCarrierAccount(m, carrierSecretBox(ctx), {
        id: input.id,
        kind: input.kind,
        name: input.name,
        enabled: input.enabled,
        settings: input.settings,
        secrets: input.secrets,
      });
      return { before: current ? accountView(ctx, current) : null, after: accountView(ctx, saved) };
    });
    auditNote({ subject: `carrier account ${input.id}`, before, after });
    return after;
  },

  'carriers.test': (ctx, input) => testAccount(ctx, input.id),
};
