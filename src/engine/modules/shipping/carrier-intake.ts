import { AppError, storableText } from '../../../shared';
import type { Db } from '../../db/data-source';
import type { CarrierIntake, CarrierReceiveResult } from '../../engine.types';
import type { ModuleContext } from '../../kernel/context';
import { redactHeaders } from '../channels/inbox.store';
import { carrierFor, type LiveCarrier } from './carrier-runtime';
import { insertCarrierWebhook } from './webhooks.store';

/**
 * Carrier webhooks for the HTTP host (`POST /api/v1/carriers/:accountId/*`). A webhook is a hint:
 * the adapter verifies it (signature or shared token), it is kept raw (a redelivery is one row) and
 * answered at once; a worker then re-fetches the tracking of the shipments it names and applies it
 * (workflows/process-webhooks.ts). A forged one writes nothing.
 */

const ACCOUNT_ID = /^[a-z0-9][a-z0-9-]{1,39}$/;
/**
 * Accounts are read with their secrets opened at most once a second per account: a carrier posts
 * many webhooks a second, and an edit (a new signing secret) is seen within that second.
 */
const ACCOUNT_TTL_MS = 1_000;
const MAX_CACHED = 200;

const notFound = (message: string): CarrierReceiveResult => ({ status: 404, body: { error: { code: 'NOT_FOUND', message } } });

/** Called after a webhook is kept, so this node's processor starts at once instead of at its next tick. */
const kickers = new WeakMap<Db, () => void>();

/** The webhook processor of this engine registers how to wake it (workflows/tracking-loops.ts). */
export function onWebhookKept(ds: Db, wake: () => void): () => void {
  kickers.set(ds, wake);
  return () => kickers.delete(ds);
}

type Lookup = { live: LiveCarrier; enabled: boolean } | { missing: string };

export function createCarrierIntake(ctx: ModuleContext): CarrierIntake {
  const cache = new Map<string, { at: number; lookup: Promise<Lookup> }>();

  const lookup = (accountId: string): Promise<Lookup> => {
    const hit = cache.get(accountId);
    if (hit && Date.now() - hit.at < ACCOUNT_TTL_MS) return hit.lookup;
    const p = carrierFor(ctx, accountId).then(
      (live): Lookup => ({ live, enabled: live.enabled }),
      (e: unknown): Lookup => {
        // A database outage is not "no such account": it fails the request (5xx) and the carrier sends it again.
        if (!(e instanceof AppError) || (e.code !== 'NOT_FOUND' && e.code !== 'VALIDATION_FAILED')) throw e;
        return {
          missing:
            e.code === 'NOT_FOUND'
              ? `No carrier account "${accountId}"; the desk's Carriers view shows each account's webhook URL`
              : e.message,
        };
      },
    );
    cache.delete(accountId);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(accountId, { at: Date.now(), lookup: p });
    // An unknown account is not remembered: guessed ids must not fill memory.
    void p.then(
      (l) => 'missing' in l && cache.get(accountId)?.lookup === p && cache.delete(accountId),
      () => cache.get(accountId)?.lookup === p && cache.delete(accountId),
    );
    return p;
  };

  return {
    async receive(accountId, req) {
      if (!ACCOUNT_ID.test(accountId)) return notFound(`No carrier account "${accountId.slice(0, 40)}"`);
      const found = await lookup(accountId);
      if ('missing' in found) return notFound(found.missing);
      if (!found.enabled)
        return notFound(
          `Carrier account "${found.live.account.name}" is disabled: an admin enables it under Carriers to take its webhooks`,
        );
      const { adapter, account } = found.live;
      if (!adapter.verifyWebhook)
        return notFound(
          `${adapter.displayName} does not send webhooks: its shipments are tracked by polling, so nothing needs to be posted here`,
        );
      const verdict = adapter.verifyWebhook(account, req);
      if (!verdict.ok) {
        return verdict.status === 401
          ? { status: 401, body: { error: { code: 'UNAUTHORIZED', message: verdict.reason } } }
          : { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: verdict.reason } } };
      }
      // Headers are stored as text (signatures and credentials redacted); what text cannot hold is replaced.
      const headers = Object.fromEntries(Object.entries(redactHeaders(req.headers)).map(([k, v]) => [storableText(k), storableText(v)]));
      const inserted = await insertCarrierWebhook(ctx.ds.manager, {
        accountId,
        dedupeKey: storableText(verdict.dedupeKey).slice(0, 500),
        refs: verdict.refs.slice(0, 500).map((r) => storableText(r).slice(0, 200)),
        headers,
        raw: req.rawBody,
        receivedAt: req.receivedAt,
      });
      if (inserted) kickers.get(ctx.ds)?.();
      return { status: 200, body: { received: true, duplicate: !inserted } };
    },
  };
}
